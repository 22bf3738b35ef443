import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findTextParts, type TextPartsResult } from '../../../src/mime/content.js';
import { parseMessage } from '../../../src/mime/message.js';

function bin(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'latin1'));
}
function find(s: string): TextPartsResult {
  return findTextParts(parseMessage(bin(s)));
}
function texts(s: string): Array<[string, string]> {
  const r = find(s);
  assert.ok(!('error' in r), `unexpected error ${JSON.stringify(r)}`);
  return r.parts.map((p) => [p.text, p.subtype]);
}
function single(ct: string, body: string, cte?: string): string {
  return `Subject: s\nContent-Type: ${ct}\n${cte ? `Content-Transfer-Encoding: ${cte}\n` : ''}\n${body}`;
}

test('text parts - every text/* part in walk order, others ignored', () => {
  const mail =
    'Content-Type: multipart/mixed; boundary=b\n\n' +
    '--b\nContent-Type: text/plain\n\nplease apply\n' +
    '--b\nContent-Type: application/octet-stream\n\nbinary\n' +
    '--b\nContent-Type: text/x-patch; name=fix.patch\nContent-Transfer-Encoding: base64\n\n' +
    Buffer.from('diff --git a/f b/f\n').toString('base64') +
    '\n--b\nContent-Type: application/x-patch\n\ndiff ignored\n' +
    '--b\nContent-Type: message/rfc822\n\nSubject: inner\n\ninner text\n' +
    '--b--\n';
  assert.deepEqual(texts(mail), [
    ['please apply', 'plain'],
    ['diff --git a/f b/f\n', 'x-patch'],
    ['inner text', 'plain'],
  ]);
});

test('text parts - a message without Content-Type is text/plain', () => {
  assert.deepEqual(texts('Subject: s\n\nhello\n'), [['hello\n', 'plain']]);
});

test('text parts - maintype is not trimmed: "text / x-patch" is not text', () => {
  assert.deepEqual(texts(single('text / x-patch', 'x')), []);
});

test('text parts - multipart without boundary gives no text', () => {
  assert.deepEqual(texts('Content-Type: multipart/mixed\n\ntext/plain lookalike\n'), []);
});

test('charset - declared charset decodes strictly', () => {
  assert.deepEqual(texts(single('text/plain; charset=iso-8859-15', '\xa4 5')), [['\u20ac 5', 'plain']]);
  assert.deepEqual(texts(single('text/plain; charset="UTF-8"', 'caf\xc3\xa9')), [['caf\u00e9', 'plain']]);
  assert.deepEqual(texts(single('text/plain; charset=utf-8', '=C3=A9', 'quoted-printable')), [['\u00e9', 'plain']]);
});

test('charset - a declared charset that fails skips the part', () => {
  const r = find(single('text/plain; charset=us-ascii', 'J\xf6rg'));
  assert.ok(!('error' in r));
  assert.deepEqual(r.parts, []);
  assert.deepEqual(r.notes, [{ kind: 'skipped', partIndex: 0, charset: 'us-ascii' }]);
});

test('charset - none declared: utf-8, then windows-1252, then iso-8859-1', () => {
  assert.deepEqual(texts(single('text/plain', 'caf\xc3\xa9')), [['caf\u00e9', 'plain']]);
  const cp = find(single('text/plain', 'it\x92s \x80'));
  assert.ok(!('error' in cp));
  assert.equal(cp.parts[0]!.text, 'it\u2019s \u20ac');
  assert.equal(cp.parts[0]!.codec, 'cp1252');
  assert.deepEqual(cp.notes, [{ kind: 'fallback', partIndex: 0, charset: null, codec: 'cp1252' }]);
  // 0x81 is undefined in windows-1252, so latin-1 decodes it.
  const l1 = find(single('text/plain', 'a\x81b'));
  assert.ok(!('error' in l1));
  assert.equal(l1.parts[0]!.text, 'a\u0081b');
  assert.equal(l1.parts[0]!.codec, 'iso8859-1');
});

test('charset - an unknown charset is treated as absent, with a note', () => {
  const r = find(single('text/plain; charset=x-unknown', 'J\xf6rg'));
  assert.ok(!('error' in r));
  assert.deepEqual(
    r.parts.map((p) => p.text),
    ['J\u00f6rg'],
  );
  assert.deepEqual(r.notes, [{ kind: 'unknown-charset', partIndex: 0, charset: 'x-unknown', codec: 'cp1252' }]);
});

test('charset - a non-ASCII charset parameter counts as absent', () => {
  assert.deepEqual(texts(single('text/plain; charset=utf\xe9', 'ok')), [['ok', 'plain']]);
});

test('charset - a non-text codec makes Patchwork raise', () => {
  assert.deepEqual(find(single('text/plain; charset=base64', 'QUJD')), {
    error: 'NON_TEXT_CODEC',
    charset: 'base64',
    partIndex: 0,
    raises: 'LookupError',
  });
});

test('charset - an empty part decodes to "" whatever the codec', () => {
  assert.deepEqual(texts(single('text/plain; charset=base64', '')), [['', 'plain']]);
});

test('charset - a NUL in the charset name counts as an unknown charset', () => {
  // codecs.lookup raises ValueError, which Patchwork catches like LookupError.
  const nul = find(single('text/plain; charset="u\x00\x00d"', 'caf\xc3\xa9'));
  assert.ok(!('error' in nul));
  assert.deepEqual(
    nul.parts.map((p) => p.text),
    ['caf\u00e9'],
  );
  assert.equal(nul.notes[0]?.kind, 'unknown-charset');
});

test('charset - parameters that make get_content_charset raise are an error', () => {
  const mixed = find(single('text/plain; charset*=utf-8; charset*0=utf-8', 'x'));
  assert.ok('error' in mixed);
  assert.equal(mixed.raises, 'TypeError');
});

test('charset - format=flowed text is not un-flowed, CRLF is kept', () => {
  assert.deepEqual(texts(single('text/plain; format=flowed; delsp=yes', 'a \r\nb\r\n')), [['a \r\nb\r\n', 'plain']]);
});

test('charset - a UTF-8 BOM is kept as U+FEFF', () => {
  assert.deepEqual(texts(single('text/plain; charset=utf-8', '\xef\xbb\xbfhi')), [['\ufeffhi', 'plain']]);
});
