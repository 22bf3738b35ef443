import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  encodeHeader,
  encodeStoredHeader,
  firstSubject,
  groupHeaders,
  headersEntries,
  headersObject,
  parseStoredHeaders,
  scanPlain,
  scanPlainBytes,
  storedHeaderBlob,
  storedHeaders,
  storedHeadersFrom,
} from '../../../src/mime/header-encode.js';
import { emailCharset } from '../../../src/mime/email-charset.js';
import { parseMessage } from '../../../src/mime/message.js';
import { writeHeadersJson } from '../../../src/render/records.js';
import { ByteBuilder } from '../../../src/util/bytes.js';
import type { RawHeader } from '../../../src/mime/types.js';

import { SHARED } from '../../helpers/shared.js';

interface Vector {
  raw_header_line: string;
  raw_is_latin1_view_of_bytes: boolean;
  stored_line: string | null;
  api_value: string | null;
}

/** Splits a header line as spec 1.2 says: name before the first `:`, value left-stripped of spaces/tabs, CR/LF trimmed. */
function splitHeaderLine(line: string, latin1: boolean): RawHeader {
  const colon = line.indexOf(':');
  const value = line
    .slice(colon + 1)
    .replace(/^[ \t]+/, '')
    .replace(/[\r\n]+$/, '');
  return { name: line.slice(0, colon), value, eightBit: latin1 && /[\x80-\xff]/.test(line) };
}

function h(name: string, value: string, eightBit = false): RawHeader {
  return { name, value, eightBit };
}

test('header-vectors.json - stored_line and api_value of every vector', () => {
  const path = SHARED + 'spec/header-vectors.json';
  assert.ok(existsSync(path), `reference vectors missing: ${path}`);
  const vectors = JSON.parse(readFileSync(path, 'utf8')) as Vector[];
  assert.ok(vectors.length >= 32, 'expected the 32 vectors');
  for (const v of vectors) {
    const header = splitHeaderLine(v.raw_header_line, v.raw_is_latin1_view_of_bytes);
    const blob = storedHeaderBlob([header]);
    assert.equal(blob === '' ? null : blob, v.stored_line, v.raw_header_line);
    if (v.api_value !== null) assert.equal(headersObject(blob)[header.name], v.api_value, v.raw_header_line);
  }
});

test('spec 1.9 examples', () => {
  assert.equal(
    encodeStoredHeader(h('Subject', '[PATCH v2 3/7] some/subsystem: a rather long subject line that will certainly need to be folded somewhere')),
    '[PATCH v2 3/7] some/subsystem: a rather long subject line that will\n certainly need to be folded somewhere',
  );
  assert.equal(encodeStoredHeader(h('X-Long-Word', 'x'.repeat(100))), '\n ' + 'x'.repeat(100));
  assert.equal(encodeStoredHeader(h('From', '=?UTF-8?B?QmrDtnJuIFTDtnBlbA==?= <b@x>')), '=?utf-8?b?QmrDtnJuIFTDtnBlbA==?= <b@x>');
  assert.equal(encodeStoredHeader(h('Subject', 'raw utf-8 caf\xc3\xa9 subject', true)), '=?unknown-8bit?q?raw_utf-8_caf=C3=A9_subject?=');
  const blob = storedHeaderBlob([h('Received', 'a'), h('In-Reply-To', '<x@y>'), h('Received', 'b'), h('In-Reply-To', '<z@y>')]);
  assert.deepEqual(headersObject(blob), { Received: ['a', 'b'], 'In-Reply-To': ['<x@y>', '<z@y>'] });
});

// Python 3.11 results (Patchwork's sanitise_header + Header.encode) for made-up headers that
// reach the corners of spec 1.9: empty encoded pieces, output charset names vs codec labels,
// alias-mapped labels, byte-wise unknown-8bit, Python codecs vs WHATWG, exotic breaks.
const CORNERS: [string, string, boolean, string | null][] = [
  ['X', '\n Rafa\xc5\x82', true, '\n\t=?unknown-8bit?q?_Rafa=C5=82?='],
  ['Subject', '=?gb2312?b?1eLKx9K7uPa63LOktcTW0M7E1vfM4tDQ0OjSqrG71du1/rPJtuDQ0LLFxNy3xbXDz8LL+dPQtcTE2sjdsKE=?=', false, '\n =?eucgb2312_cn?b?1eLKx9K7uPa63LOktcTW0M7E1vfM4tDQ0OjSqrG71du1/rPJtuDQ0LLF?=\n\t=?eucgb2312_cn?b?xNy3xbXDz8LL+dPQtcTE2sjdsKE=?='],
  ['Subject', '=?UTF8?q?caf=C3=A9?=', false, '=?utf8?b?Y2Fmw6k=?='],
  ['Subject', '=?latin-2?q?=B1?=', false, '=?iso-8859-2?q?=B1?='],
  ['Subject', '=?latin_1?q?caf=E9?=', false, '=?iso-8859-1?q?caf=E9?='],
  ['Subject', '=?euc-jp?b?xvzL3LjspM6378y+?=', false, '=?iso-2022-jp?b?GyRCRnxLXDhsJE43b0w+GyhC?='],
  ['Subject', '=?shift_jis?b?k/qWe4zq?=', false, '=?iso-2022-jp?b?GyRCRnxLXDhsGyhC?='],
  ['Subject', '=?big5?b?pKSk5Q==?=', false, '=?big5_tw?b?pKSk5Q==?='],
  ['Subject', 'a very long raw utf-8 header with many characters \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 and more text after', true, '=?unknown-8bit?b?YSB2ZXJ5IGxvbmcgcmF3IHV0Zi04IGhlYWRlciB3aXRoIG1h?=\n\t=?unknown-8bit?b?bnkgY2hhcmFjdGVycyDDqcOpw6nDqcOpw6nDqcOpw6nDqcOpIGFuZCBt?=\n\t=?unknown-8bit?b?b3JlIHRleHQgYWZ0ZXI=?='],
  ['Subject', '=?windows-1252?q?a=81b?=', false, '=?unknown-8bit?b?YYFi?='],
  ['Subject', '=?windows-1252?q?it=92s?=', false, '=?windows-1252?q?it=92s?='],
  ['Subject', '=?iso-8859-1?q?=80?=', false, '=?iso-8859-1?q?=80?='],
  ['Subject', '=?utf-8?b?77u/YQ==?=', false, '=?utf-8?b?77u/YQ==?='],
  ['Subject', '=?us-ascii?q?abc?= def', false, 'abc  def'],
  ['Subject', '=?ascii?q?caf=E9?= x', false, '=?unknown-8bit?q?caf=E9__x?='],
  ['Subject', 'a\x0d b', false, 'a\n b'],
  ['X-Foo', 'a\x0bb', false, 'a\nb'],
  ['X-Foo', 'a\x0bb: c', false, null],
  ['Subject', '=?utf-8?b?Q?=', false, null],
  ['X-Nul', 'a\x00b', false, 'a\x00b'],
  ['Subject', '=?latin-1?q?a?= =?latin_1?q?b?=', false, '=?iso-8859-1?q?a_b?='],
  ['Subject', '=?utf-8?q?a?= =?utf-8?q?_?= =?utf-8?q?b?=', false, '=?utf-8?q?a_b?='],
  ['Subject', '=?utf-8?q?a?=   =?iso-8859-1?q?b?=', false, '=?utf-8?q?a?= =?iso-8859-1?q?b?='],
  ['Subject', '=?x-unknown?q?abc?= =?utf-8?q?caf=C3=A9?=', false, '=?unknown-8bit?b?YWJjIGNhZsOp?='],
  ['Subject', 'caf\xc3\xa9\n\tsecond line\n third', true, '=?unknown-8bit?b?Y2Fmw6k=?=\n\t=?unknown-8bit?q?_second_line?=\n\t=?unknown-8bit?q?_third?='],
  ['List-Id', '"A list with; semicolons, and commas" <a-very-long-list-identifier.lists.example.org>', false, '"A list with;\n semicolons, and commas" <a-very-long-list-identifier.lists.example.org>'],
  ['Subject', 'prefix (=?utf-8?q?x?=) suffix', false, 'prefix (=?utf-8?q?x?=) suffix'],
  ['Subject', '=?utf-8?q?x?=(y)', false, '=?utf-8?q?x?=(y)'],
  ['Subject', '=?utf-8?q?x?=\\y', false, '=?utf-8?q?x?=\\y'],
  ['Subject', '=?utf-7?q?+AOk-?=', false, '=?utf-7?q?+AOk-?='],
  ['Subject', '=?utf-16?b?//5BAA==?=', false, '=?utf-16?b?//5BAA==?='],
  ['Subject', '=?koi8-r?b?8NLJ18XU?=', false, '=?koi8-r?b?8NLJ18XU?='],
  ['Subject', '=?base64?q?abc?=', false, '=?unknown-8bit?q?abc?='],
  ['Subject', '=?utf\x008?q?abc?=', false, '=?unknown-8bit?q?abc?='],
  ['Subject', '=?iso-2022-jp?b?GyRCRnxLXDhsGyhC?=', false, '=?iso-2022-jp?b?GyRCRnxLXDhsGyhC?='],
  ['Subject', '=?utf ?q?caf=C3=A9?=', false, '=?utf ?b?Y2Fmw6k=?='],
  ['X-Long', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb,cccccccccccccccccccccccccccccc dddddddddddddddddddddddddddddd', false, '\n aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb,cccccccccccccccccccccccccccccc\n dddddddddddddddddddddddddddddd'],
  ['X-Tabs', 'w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w \tend', false, 'w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w\n w \tend'],
  ['Subject', '=?utf-8?q?' + '=E2=82=AC'.repeat(40) + '?=', false, '=?utf-8?b?4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs?=\n\t=?utf-8?b?4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs?=\n\t=?utf-8?b?4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs?='],
  ['Subject', '=?iso-8859-15?q?=A4uro?=', false, '=?iso-8859-15?q?=A4uro?='],
  ['Subject', '=?cp1252?q?=80?=', false, '=?cp1252?q?=80?='],
  ['Subject', '=?utf-8?Q?=3D=3F?=', false, '=?utf-8?b?PT8=?='],
  ['Subject', 'x'.repeat(200), false, '\n ' + 'x'.repeat(200)],
  ['Subject', '=?utf-8?q?a?==?utf-8?q?b?=', false, '=?utf-8?q?ab?='],
  ['Subject', 'pre=?utf-8?q?a?=post', false, 'pre =?utf-8?q?a?= post'],
  ['Subject', '=?utf-8?q?\xc3\xa9?=', true, '=?unknown-8bit?b?PT91dGYtOD9xP8OpPz0=?='],
  // Constructed values (not reachable through the parser, but through clean_header callers).
  ['Subject', 'a\x0b\x1fb: c', false, null],
  ['Subject', 'a\x0b:b', false, 'a\n:b'],
  ['Subject', 'a\x0bb\x0bc: d', false, null],
  ['Subject', 'a\x0c(b: c)', false, null],
  ['Subject', 'x\x1cy', false, 'x\ny'],
  ['Subject', 'a\n\n b', false, 'a\n b'],
  ['Subject', 'a\n \n b', false, 'a\n b'],
  ['Subject', 'a\n\t\n b', false, 'a\t\n b'],
];

test('encodeStoredHeader - corners (Python 3.11 results)', () => {
  for (const [name, value, eightBit, stored] of CORNERS) {
    assert.equal(encodeStoredHeader(h(name, value, eightBit)), stored, `${name}: ${JSON.stringify(value)}`);
  }
});

test('encodeStoredHeader - empty encoded piece is an empty string, not =?..??=', () => {
  // 8-bit value whose first line is empty: the first fed piece has no bytes.
  assert.equal(encodeStoredHeader(h('X', '\n Rafa\xc5\x82', true)), '\n\t=?unknown-8bit?q?_Rafa=C5=82?=');
});

test('encodeStoredHeader - extra length uses the output charset name, label uses the codec', () => {
  // Pieces are sized for `gb2312` (6 characters) but labelled `eucgb2312_cn` (12): the first
  // word (21 characters, 56 base64 digits) no longer fits after `Subject: ` and moves to a
  // line of its own, leaving an empty first line (Python 3.11 output).
  const word = (n: number): string => '=?eucgb2312_cn?b?' + Buffer.from('\xd6\xd0'.repeat(n), 'latin1').toString('base64') + '?=';
  const text = '\u4e2d'.repeat(40);
  assert.equal(encodeHeader([{ text, charset: emailCharset('gb2312')! }], 'Subject'.length + 2), `\n ${word(21)}\n\t${word(19)}`);
});

test('encodeStoredHeader - fast path equals the general path', () => {
  for (const [name, value] of [
    ['Subject', 'short'],
    ['X', ''],
    ['Message-Id', '<a@b>'],
    ['Subject', 'a'.repeat(69)],
    ['Subject', 'a'.repeat(70)],
    ['To', 'a, b; c'],
    ['X', 'trailing space '],
  ] as const) {
    const viaFold = encodeHeader([{ text: value, charset: emailCharset('us-ascii')! }], name.length + 2);
    assert.equal(encodeStoredHeader(h(name, value)), viaFold, value);
  }
});

test('encodeStoredHeader - the one-pass plain scan agrees with the general folder on random plain values', () => {
  // Plain chunks only (no `?`, so never an encoded word): printable runs, folding, long lines, CR.
  const piece = fc.oneof(
    fc.constantFrom(' ', '\t', '\n ', '\n\t', '\r\n ', ',', ';', '=', 'a', 'word', ''),
    fc.stringMatching(/^[!-~]{1,12}$/).filter((t) => !t.includes('?')),
    fc.integer({ min: 1, max: 90 }).map((k) => 'x'.repeat(k)),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), fc.constantFrom('X', 'Subject', 'Received', 'A-Rather-Long-Header-Name'), (pieces, name) => {
      const value = pieces.join('').replace(/^[ \t]+/, '').replace(/[\r\n]+$/, '');
      const general = encodeHeader([{ text: value, charset: emailCharset('us-ascii')! }], name.length + 2);
      assert.equal(encodeStoredHeader(h(name, value)), general, JSON.stringify(value));
    }),
    { numRuns: 3000, seed: 20261202 },
  );
});

test('storedHeaders - the direct list equals re-parsing the blob, for any headers', () => {
  const value = fc.oneof(
    fc.constantFrom('plain', '', 'a\n b', 'x\x0by', 'x\x0cy', 'a\r\n b', '=?utf-8?q?caf=C3=A9?=', '=?utf-8?b?!?=', 'caf\xc3\xa9', '\n <id@x>', 'a\n\tb: c'),
    fc.stringMatching(/^[ -~\t]{0,100}$/),
    fc.integer({ min: 60, max: 200 }).map((k) => 'y'.repeat(k) + ' z'),
  );
  const header = fc.record({
    name: fc.constantFrom('Subject', 'subject', 'From', 'Received', 'X-Test', '123', '__proto__'),
    value,
  });
  fc.assert(
    fc.property(fc.array(header, { maxLength: 12 }), (list) => {
      const raw = list.map(({ name, value }) => h(name, value.replace(/^[ \t]+/, ''), /[\x80-\xff]/.test(value)));
      const viaBlob = parseStoredHeaders(storedHeaderBlob(raw));
      const direct = storedHeaders(raw);
      assert.deepEqual(
        direct.map(({ name, value }) => ({ name, value })),
        viaBlob,
      );
      assert.deepEqual(groupHeaders(direct), headersEntries(storedHeaderBlob(raw)));
      assert.equal(firstSubject(direct), firstSubject(storedHeaderBlob(raw)));
    }),
    { numRuns: 3000, seed: 20261202 },
  );
});

test('storedHeadersFrom - deciding on the bytes gives what the text gives; the JSON from the bytes is the same', () => {
  // Header blocks near every rule of the verbatim check: folding, line lengths around 78,
  // trailing blanks, CR, `=?`, 8-bit bytes, quotes and backslashes, control characters.
  const piece = fc.oneof(
    fc.constantFrom(' ', '\t', '\n ', '\n\t', '\n', '\r\n ', '=', '?', '=?', '"', '\\', '\x01', '\x7f', '\xe9', 'a', 'word', ''),
    fc.stringMatching(/^[!-~]{1,12}$/),
    fc.integer({ min: 1, max: 90 }).map((k) => 'x'.repeat(k)),
  );
  const header = fc.record({
    name: fc.constantFrom('X', 'Subject', 'subject', 'Received', 'A-Rather-Long-Header-Name', '123'),
    value: fc.array(piece, { maxLength: 16 }).map((p) => p.join('')),
  });
  fc.assert(
    fc.property(fc.array(header, { maxLength: 8 }), (list) => {
      const text = list.map(({ name, value }) => `${name}: ${value}\n`).join('') + '\nbody\n';
      const msg = parseMessage(Buffer.from(text, 'latin1'));
      const fromText = storedHeaders(msg.headers);
      const { headers, source } = storedHeadersFrom(msg.headers, { bytes: msg.bytes, spans: msg.valueSpans });
      assert.deepEqual(headers, fromText, JSON.stringify(text));
      assert.equal(source.spans.length, 2 * headers.length);
      for (let i = 0; i < headers.length; i++) {
        const start = source.spans[2 * i]!;
        if (start < 0) continue;
        assert.equal(Buffer.from(msg.bytes).toString('latin1', start, source.spans[2 * i + 1]), headers[i]!.value);
      }
      const a = new ByteBuilder(16);
      writeHeadersJson(a, headers, source);
      const b = new ByteBuilder(16);
      writeHeadersJson(b, fromText);
      assert.equal(a.view().toString('utf8'), b.view().toString('utf8'));
    }),
    { numRuns: 4000, seed: 20261203 },
  );
});

test('scanPlainBytes - the same verdict as scanPlain on the text the bytes spell', () => {
  const piece = fc.oneof(
    fc.constantFrom(' ', '\t', '\n ', '\n\t', '\n', '\r', '\r\n ', '=', '?', '=?', '\x01', '\x0b', '\x1f', '\x7e', '\x7f', '\x80', '\xff', 'a', ''),
    fc.stringMatching(/^[!-~]{1,12}$/),
    fc.integer({ min: 1, max: 90 }).map((k) => 'x'.repeat(k)),
  );
  fc.assert(
    // At every alignment in its buffer, and with bytes around the value
    // that would change the verdict if they were read.
    fc.property(fc.array(piece, { maxLength: 16 }), fc.integer({ min: 3, max: 40 }), fc.integer({ min: 0, max: 7 }), (pieces, headerLen, pad) => {
      const value = pieces.join('');
      const text = '=?\x01\n'.slice(0, pad % 5) + ':'.repeat(pad) + value + '=?\x01\n\xff';
      const memory = new Uint8Array(new ArrayBuffer(text.length + 8), 8 - (pad % 4));
      memory.set(Buffer.from(text, 'latin1'));
      const start = (pad % 5) + pad;
      assert.equal(scanPlainBytes(memory, start, start + value.length, headerLen), scanPlain(value, headerLen), JSON.stringify(value));
    }),
    { numRuns: 6000, seed: 20261203 },
  );
});

test('storedHeadersFrom - values stored verbatim keep their byte spans; re-encoded ones do not', () => {
  const text = 'Subject: plain\nX-Long: ' + 'w '.repeat(50) + 'end\nTo: "A" <a@x>\n\tcontinued\nX-Enc: =?utf-8?q?caf=C3=A9?=\n\n';
  const msg = parseMessage(Buffer.from(text, 'latin1'));
  const { headers, source } = storedHeadersFrom(msg.headers, { bytes: msg.bytes, spans: msg.valueSpans });
  assert.deepEqual(
    headers.map((x, i) => [x.name, source.spans[2 * i]! >= 0]),
    [
      ['Subject', true],
      ['X-Long', false],
      ['To', true],
      ['X-Enc', false],
    ],
  );
});

test('storedHeaders - an exotic line break falls back to the blob: the header block ends there', () => {
  assert.deepEqual(storedHeaders([h('A', '1'), h('X-Foo', 'a\x0bb'), h('C', '3')]), [
    { name: 'A', value: '1' },
    { name: 'X-Foo', value: 'a' },
  ]);
});

test('storedHeaderBlob - omitted headers and NUL', () => {
  const blob = storedHeaderBlob([h('A', '1'), h('Subject', '=?utf-8?b?Q?='), h('X-Bad', 'a\x0bb: c'), h('B', 'x\x00y')]);
  assert.equal(blob, 'A: 1\nB: x\x00y');
  assert.equal(JSON.stringify(headersObject(blob)), '{"A":"1","B":"x\\u0000y"}');
  assert.equal(storedHeaderBlob([]), '');
});

test('parseStoredHeaders - exotic line break truncates the header block', () => {
  const blob = storedHeaderBlob([h('A', '1'), h('X-Foo', 'a\x0bb'), h('C', '3')]);
  assert.equal(blob, 'A: 1\nX-Foo: a\nb\nC: 3');
  assert.deepEqual(parseStoredHeaders(blob), [
    { name: 'A', value: '1' },
    { name: 'X-Foo', value: 'a' },
  ]);
});

test('parseStoredHeaders - Python compat32 header block rules', () => {
  assert.deepEqual(parseStoredHeaders('A: 1\n:dropped\nB:\t2\n  more\nFrom x\nC: 3'), [
    { name: 'A', value: '1' },
    { name: 'B', value: '2\n  more' },
    { name: 'C', value: '3' },
  ]);
  assert.deepEqual(parseStoredHeaders(' lead\nA: 1\r\n cont\r\n\r\nB: 2'), [{ name: 'A', value: '1\r\n cont' }]);
  assert.deepEqual(parseStoredHeaders('A: 1\nFrom x'), [{ name: 'A', value: '1' }], 'last-line From is pushed back');
  assert.deepEqual(parseStoredHeaders('A: 1\nnot a header\nB: 2'), [{ name: 'A', value: '1' }]);
  assert.deepEqual(parseStoredHeaders('Archived-At: \n <https://x/>'), [{ name: 'Archived-At', value: '\n <https://x/>' }]);
  assert.deepEqual(parseStoredHeaders('A:'), [{ name: 'A', value: '' }]);
});

test('headersObject - case-insensitive grouping, first-occurrence key order', () => {
  const obj = headersObject('Cc: a\nTo: t\nCC: b\ncc: c');
  assert.deepEqual(Object.keys(obj), ['Cc', 'To', 'CC', 'cc']);
  assert.deepEqual(obj, { Cc: ['a', 'b', 'c'], To: 't', CC: ['a', 'b', 'c'], cc: ['a', 'b', 'c'] });
});

test('headersObject - prototype-like names are ordinary keys', () => {
  const obj = headersObject('__proto__: p\nconstructor: c\ntoString: t\nhasOwnProperty: h\n__proto__: q');
  assert.deepEqual(Object.keys(obj), ['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
  assert.equal(JSON.stringify(obj), '{"__proto__":["p","q"],"constructor":"c","toString":"t","hasOwnProperty":"h"}');
  assert.equal(Object.getPrototypeOf(obj), Object.prototype, 'the object itself is untouched');
  assert.deepEqual(obj, JSON.parse('{"__proto__":["p","q"],"constructor":"c","toString":"t","hasOwnProperty":"h"}'));
  assert.equal(({} as Record<string, unknown>)['p'], undefined, 'no prototype pollution');
});

test('headersEntries - exact order, also for integer-like names', () => {
  assert.deepEqual(headersEntries('B: 1\n123: x\nA: 2'), [
    ['B', '1'],
    ['123', 'x'],
    ['A', '2'],
  ]);
  // A plain object cannot keep that order: integer-like keys come first.
  assert.deepEqual(Object.keys(headersObject('B: 1\n123: x')), ['123', 'B']);
});

test('firstSubject - first Subject, case-insensitive, "" when absent', () => {
  assert.equal(firstSubject('From: a\nsubject: one\nSubject: two'), 'one');
  assert.equal(firstSubject('SUBJECT: =?utf-8?q?x?=\n y'), '=?utf-8?q?x?=\n y');
  assert.equal(firstSubject('From: a'), '');
  assert.equal(firstSubject(''), '');
});
