import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { cleanHeader, decodeHeader, headerToString, makeHeader, sanitiseHeader } from '../../../src/mime/header-decode.js';
import { emailCharset } from '../../../src/mime/email-charset.js';

import { SHARED } from '../../helpers/shared.js';

interface Vector {
  raw_header_line: string;
  raw_is_latin1_view_of_bytes: boolean;
  clean_header: string | null;
}

/** Splits a header line as spec 1.2 says: name before the first `:`, value left-stripped of spaces/tabs, CR/LF trimmed. */
function splitHeaderLine(line: string, latin1: boolean): { name: string; value: string; eightBit: boolean } {
  const colon = line.indexOf(':');
  const value = line
    .slice(colon + 1)
    .replace(/^[ \t]+/, '')
    .replace(/[\r\n]+$/, '');
  return { name: line.slice(0, colon), value, eightBit: latin1 && /[\x80-\xff]/.test(line) };
}

test('header-vectors.json - clean_header of every vector', () => {
  const path = SHARED + 'spec/header-vectors.json';
  assert.ok(existsSync(path), `reference vectors missing: ${path}`);
  const vectors = JSON.parse(readFileSync(path, 'utf8')) as Vector[];
  assert.ok(vectors.length >= 32, 'expected the 32 vectors');
  for (const v of vectors) {
    const h = splitHeaderLine(v.raw_header_line, v.raw_is_latin1_view_of_bytes);
    assert.equal(cleanHeader(h), v.clean_header, v.raw_header_line);
  }
});

test('spec 1.5 examples', () => {
  const clean = (value: string, eightBit = false): string | null => cleanHeader({ value, eightBit });
  assert.equal(clean('=?utf-8?q?test=20s=c3=bcbject?='), 'test s\xfcbject');
  assert.equal(clean('test =?utf-8?q?s=c3=bcbject?='), 'test s\xfcbject');
  assert.equal(clean('mixed =?utf-8?q?=C3=A9?=word'), 'mixed \xe9 word');
  assert.equal(clean('=?utf-8?q?part_one?= =?utf-8?q?_part_two?='), 'part one part two');
  assert.equal(clean('Rafa\xc5\x82 Mi\xc5\x82ecki <z@g.com>', true), 'Rafa\ufffd\ufffd Mi\ufffd\ufffdecki <z@g.com>');
  assert.equal(clean('=?x-unknown?q?abc?= def'), 'abc def');
  assert.equal(clean('=?utf-8?b?!!!?='), '');
});

test('decodeHeader - chunks, merging and whitespace between encoded words', () => {
  assert.deepEqual(decodeHeader('plain text', false), [{ data: 'plain text', charset: null, isText: true }]);
  assert.deepEqual(decodeHeader('caf\xe9', true), [{ data: 'caf\xe9', charset: 'unknown-8bit', isText: false }]);
  // Encoded words inside an 8-bit header are not decoded.
  assert.deepEqual(decodeHeader('=?utf-8?q?x?= \xe9', true), [{ data: '=?utf-8?q?x?= \xe9', charset: 'unknown-8bit', isText: false }]);
  assert.deepEqual(decodeHeader('a =?UTF-8?Q?=C3=A9?= b\n c', false), [
    { data: 'a ', charset: null, isText: false },
    { data: '\xc3\xa9', charset: 'utf-8', isText: false },
    { data: ' b c', charset: null, isText: false },
  ]);
  // Same charset: concatenated directly, whitespace between them dropped.
  assert.deepEqual(decodeHeader('=?utf-8?q?a?=  \t =?utf-8?b?Yg==?=', false), [{ data: 'ab', charset: 'utf-8', isText: false }]);
  // No whitespace needed around an encoded word in 3.11.
  assert.deepEqual(decodeHeader('pre=?utf-8?q?a?=post', false), [
    { data: 'pre', charset: null, isText: false },
    { data: 'a', charset: 'utf-8', isText: false },
    { data: 'post', charset: null, isText: false },
  ]);
  // The charset of the search may span lines, the encoded text may not.
  assert.deepEqual(decodeHeader('=?utf-8?q?a\n b?=', false), [{ data: '=?utf-8?q?a\n b?=', charset: null, isText: true }]);
});

test('decodeHeader - base64 padding and errors', () => {
  assert.deepEqual(decodeHeader('=?utf-8?b?YWJj?=', false), [{ data: 'abc', charset: 'utf-8', isText: false }]);
  assert.deepEqual(decodeHeader('=?utf-8?b?YWI?=', false), [{ data: 'ab', charset: 'utf-8', isText: false }], 'missing padding is added');
  assert.deepEqual(decodeHeader('=?utf-8?b?Y!W*Jj?=', false), [{ data: 'abc', charset: 'utf-8', isText: false }], 'non-alphabet characters skipped');
  assert.equal(decodeHeader('=?utf-8?b?Q?=', false), null, 'one leftover character');
  assert.equal(cleanHeader({ value: 'x =?utf-8?b?Q?= y', eightBit: false }), null);
});

test('makeHeader - any failing chunk relabels every chunk unknown-8bit', () => {
  const parts = makeHeader(decodeHeader('=?utf-8?q?bad=FFutf8?= tail', false)!);
  assert.equal(parts.length, 1);
  assert.equal(parts[0]!.charset.inputCharset, 'unknown-8bit');
  assert.equal(parts[0]!.text, 'bad\udcffutf8  tail');
  assert.equal(headerToString(parts), 'bad\ufffdutf8  tail');
  for (const value of ['=?windows-1252?q?a=81b?=', '=?base64?q?abc?=', '=?utf\u00008?q?abc?=', '=?ascii?q?caf=E9?=', '=?nonesuch?q?x?=']) {
    const p = sanitiseHeader(value, false)!;
    assert.deepEqual(
      p.map((x) => x.charset.inputCharset),
      ['unknown-8bit'],
      value,
    );
  }
});

test('makeHeader - equal charsets merge with one space (us-ascii, latin aliases)', () => {
  const ascii = makeHeader(decodeHeader('=?us-ascii?q?abc?= def', false)!);
  assert.deepEqual(
    ascii.map((p) => [p.text, p.charset.inputCharset]),
    [['abc  def', 'us-ascii']],
  );
  const latin = makeHeader(decodeHeader('=?latin-1?q?a?= =?latin_1?q?b?=', false)!);
  assert.deepEqual(
    latin.map((p) => [p.text, p.charset.inputCharset]),
    [['a b', 'iso-8859-1']],
  );
});

test('headerToString - spaces at encoded/plain seams', () => {
  const utf8 = emailCharset('utf-8')!;
  const ascii = emailCharset('us-ascii')!;
  const part = (text: string, charset = ascii) => ({ text, charset });
  assert.equal(headerToString([part('a'), part('\xe9', utf8), part('b')]), 'a \xe9 b');
  assert.equal(headerToString([part('a '), part('\xe9', utf8), part(' b')]), 'a \xe9 b');
  assert.equal(headerToString([part('('), part('\xe9', utf8), part(')')]), '(\xe9)');
  assert.equal(headerToString([part('\xe9', utf8), part('x', emailCharset('iso-8859-1')!)]), '\xe9x');
});

// Python-derived expectations for inputs the vectors do not cover (spec 1.9 "corners").
const CORNERS: [string, boolean, string | null][] = [
  ['\n Rafa\xc5\x82', true, 'Rafa\ufffd\ufffd'],
  ['=?UTF8?q?caf=C3=A9?=', false, 'caf\xe9'],
  ['=?latin-2?q?=B1?=', false, '\u0105'],
  ['=?euc-jp?b?xvzL3LjspM6378y+?=', false, '\u65e5\u672c\u8a9e\u306e\u4ef6\u540d'],
  ['=?shift_jis?b?k/qWe4zq?=', false, '\u65e5\u672c\u8a9e'],
  ['=?big5?b?pKSk5Q==?=', false, '\u4e2d\u6587'],
  ['=?windows-1252?q?it=92s?=', false, 'it\u2019s'],
  ['=?iso-8859-1?q?=80?=', false, '\x80'], // latin-1, not cp1252; U+0080 is not whitespace
  ['=?utf-8?b?77u/YQ==?=', false, '\ufeffa'],
  ['a\r b', false, 'a b'],
  ['a\x0bb', false, 'a b'],
  ['a\x0bb: c', false, null],
  ['a\x0b\x1fb: c', false, null],
  ['a\x0b:b', false, 'a :b'],
  ['a\x00b', false, 'a\x00b'],
  ['=?utf-8?q?a?= =?utf-8?q?_?= =?utf-8?q?b?=', false, 'a b'],
  ['=?utf-8?q?a?=   =?iso-8859-1?q?b?=', false, 'ab'],
  ['=?x-unknown?q?abc?= =?utf-8?q?caf=C3=A9?=', false, 'abc caf\ufffd\ufffd'],
  ['caf\xc3\xa9\n\tsecond line\n third', true, 'caf\ufffd\ufffd second line third'],
  ['prefix (=?utf-8?q?x?=) suffix', false, 'prefix (x) suffix'],
  ['=?utf-8?q?x?=\\y', false, 'x\\y'],
  ['=?utf-7?q?+AOk-?=', false, '\xe9'],
  ['=?utf-16?b?//5BAA==?=', false, 'A'],
  ['=?koi8-r?b?8NLJ18XU?=', false, '\u041f\u0440\u0438\u0432\u0435\u0442'],
  ['=?iso-2022-jp?b?GyRCRnxLXDhsGyhC?=', false, '\u65e5\u672c\u8a9e'],
  ['=?utf ?q?caf=C3=A9?=', false, 'caf\xe9'],
  ['=?utf-8?Q?=3D=3F?=', false, '=?'],
  ['=?utf-8?q?\xc3\xa9?=', true, '=?utf-8?q?\ufffd\ufffd?='],
];

test('cleanHeader - corners (Python 3.11 results)', () => {
  for (const [value, eightBit, expected] of CORNERS) {
    assert.equal(cleanHeader({ value, eightBit }), expected, JSON.stringify(value));
  }
});

test('cleanHeader - empty charset label', () => {
  // `=??q?abc?=` decodes as us-ascii; re-encoding it makes Python look up the codec ''
  // and raise LookupError (Patchwork then fails the whole mail). We report "undecodable".
  assert.equal(cleanHeader({ value: '=??q?abc?=', eightBit: false }), null);
  // With no text there is nothing to encode, and Python succeeds.
  assert.equal(cleanHeader({ value: 'x =??q??=', eightBit: false }), 'x');
});

test('cleanHeader - fast path agrees with the general path', () => {
  for (const value of ['simple', '  spaced\tout  ', 'folded\n continued', 'a\r\n b', 'a\n\n b', 'a\n\t\n b', '']) {
    const viaParts = sanitiseHeader(value, false)!;
    const slow = headerToString(viaParts).replace(/[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0]+/g, ' ').trim();
    assert.equal(cleanHeader({ value, eightBit: false }), slow, JSON.stringify(value));
  }
});

test('emailCharset - email.charset.Charset facts', () => {
  const facts: [string, string, string | null, string, string, string][] = [
    // label, input_charset, header encoding, output charset, input codec, output codec
    ['utf-8', 'utf-8', 'shortest', 'utf-8', 'utf-8', 'utf-8'],
    ['UTF8', 'utf8', 'shortest', 'utf8', 'utf8', 'utf8'],
    ['latin_1', 'iso-8859-1', 'qp', 'iso-8859-1', 'iso-8859-1', 'iso-8859-1'],
    ['latin-2', 'iso-8859-2', 'qp', 'iso-8859-2', 'iso-8859-2', 'iso-8859-2'],
    ['windows-1252', 'windows-1252', 'qp', 'windows-1252', 'windows-1252', 'windows-1252'],
    ['cp1252', 'cp1252', 'shortest', 'cp1252', 'cp1252', 'cp1252'],
    ['ascii', 'us-ascii', null, 'us-ascii', 'us-ascii', 'us-ascii'],
    ['gb2312', 'gb2312', 'base64', 'gb2312', 'eucgb2312_cn', 'eucgb2312_cn'],
    ['big5', 'big5', 'base64', 'big5', 'big5_tw', 'big5_tw'],
    ['euc-jp', 'euc-jp', 'base64', 'iso-2022-jp', 'euc-jp', 'iso-2022-jp'],
    ['euc_jp', 'euc-jp', 'base64', 'iso-2022-jp', 'euc-jp', 'iso-2022-jp'],
    ['shift_jis', 'shift_jis', 'base64', 'iso-2022-jp', 'shift_jis', 'iso-2022-jp'],
    ['koi8-r', 'koi8-r', 'base64', 'koi8-r', 'koi8-r', 'koi8-r'],
    ['cp949', 'ks_c_5601-1987', 'shortest', 'ks_c_5601-1987', 'ks_c_5601-1987', 'ks_c_5601-1987'],
    ['unknown-8bit', 'unknown-8bit', 'shortest', 'unknown-8bit', 'unknown-8bit', 'unknown-8bit'],
  ];
  for (const [label, input, enc, outCharset, inCodec, outCodec] of facts) {
    const cs = emailCharset(label)!;
    assert.deepEqual(
      [cs.inputCharset, cs.headerEncoding, cs.outputCharset, cs.inputCodec, cs.outputCodec],
      [input, enc, outCharset, inCodec, outCodec],
      label,
    );
  }
  assert.equal(emailCharset('caf\xe9'), null, 'CharsetError for a non-ASCII label');
  assert.equal(emailCharset('us-ascii')!.plain, true);
  assert.equal(emailCharset('unknown-8bit')!.unknown8bit, true);
});
