import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeBase64Payload,
  decodeQuotedPrintable,
  decodeUu,
  parseMessage,
  type ParsedMessage,
} from '../../../src/mime/message.js';

function bin(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'latin1'));
}
function str(u: Uint8Array | null): string | null {
  return u === null ? null : Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('latin1');
}
/** A one-part mail with that transfer encoding and body. */
function withCte(cte: string, body: string): ParsedMessage {
  return parseMessage(bin(`Subject: s\nContent-Transfer-Encoding: ${cte}\n\n${body}`));
}
function decoded(cte: string, body: string): string | null {
  return str(withCte(cte, body).decodedPayload());
}

// ---------------------------------------------------------------------------
// Quoted-printable (binascii.a2b_qp)
// ---------------------------------------------------------------------------

test('quoted-printable - hex escapes in either case, soft breaks, == and stray =', () => {
  assert.equal(
    decoded('quoted-printable', 'a=3Db=3d=\nc=\r\nd=\rjunk\ne==f=ZZ_ g  \nend='),
    'a=b=cde=f=ZZ_ g  \nend',
  );
});

test('quoted-printable - trailing whitespace is kept; an incomplete escape stays', () => {
  assert.equal(decoded('quoted-printable', 'caf=E9 \t\n'), 'caf\xe9 \t\n');
  assert.equal(decoded('quoted-printable', '=41=4'), 'A=4');
  assert.equal(decoded('quoted-printable', '=C3=A9t=C3=A9'), '\xc3\xa9t\xc3\xa9');
});

test('quoted-printable - direct decoder: empty input, only "="', () => {
  assert.equal(str(decodeQuotedPrintable(bin(''))), '');
  assert.equal(str(decodeQuotedPrintable(bin('='))), '');
  assert.equal(str(decodeQuotedPrintable(bin('=\r'))), '');
  assert.equal(str(decodeQuotedPrintable(bin('no escapes'))), 'no escapes');
});

test('quoted-printable - CRLF body keeps its hard line breaks', () => {
  assert.equal(decoded('quoted-printable', 'a=\r\nb\r\nc\r\n'), 'ab\r\nc\r\n');
});

// ---------------------------------------------------------------------------
// Base64 (email._encoded_words.decode_b after removing line breaks)
// ---------------------------------------------------------------------------

test('base64 - lines joined, CRLF or LF', () => {
  assert.equal(decoded('base64', 'aGVsbG8gd29y\r\nbGQ=\r\n'), 'hello world');
  assert.equal(decoded('base64', 'aGVs\nbG8=\n'), 'hello');
});

test('base64 - missing padding is added', () => {
  assert.equal(decoded('base64', 'aGVsbG8\n'), 'hello');
  assert.equal(decoded('base64', 'QUJDRA'), 'ABCD');
});

test('base64 - non-alphabet characters are skipped', () => {
  assert.equal(decoded('base64', 'aGV$sbG8='), 'hello');
  assert.equal(decoded('base64', 'QU JD'), 'ABC');
});

test('base64 - input after complete padding is ignored', () => {
  assert.equal(decoded('base64', 'QQ==QUJD'), 'A');
  assert.equal(decoded('base64', 'QUJD\n====\n'), 'ABC');
});

test('base64 - a length of 1 mod 4 cannot decode: the text comes back without line breaks', () => {
  assert.equal(decoded('base64', 'QUJDR\n'), 'QUJDR');
  assert.equal(str(decodeBase64Payload(bin('QUJDR\r\nQUJDR\r\nQUJ'))), 'QUJDRQUJDRQUJ');
});

test('base64 - padding fixed up by the second lenient attempt', () => {
  assert.equal(decoded('base64', 'QUJDR\r\nA\r\nB\r\n'), 'ABCD\x00');
  assert.equal(decoded('base64', 'QU=J\n'), 'AB');
});

test('base64 - binary content round-trips', () => {
  const bytes = new Uint8Array(256);
  for (let i = 0; i < 256; i++) bytes[i] = i;
  const b64 = Buffer.from(bytes).toString('base64').replace(/(.{76})/g, '$1\n');
  assert.deepEqual([...decodeBase64Payload(bin(b64))], [...bytes]);
});

// ---------------------------------------------------------------------------
// Which encoding applies
// ---------------------------------------------------------------------------

test('transfer encoding - lower-cased but not trimmed', () => {
  assert.equal(decoded('BASE64', 'QUJD'), 'ABC');
  assert.equal(decoded('Quoted-Printable', '=41'), 'A');
  assert.equal(decoded('base64 ', 'QUJD'), 'QUJD');
  assert.equal(decoded('quoted-printable ', '=41'), '=41');
});

test('transfer encoding - folded or 8-bit values match nothing', () => {
  assert.equal(str(parseMessage(bin('Content-Transfer-Encoding:\n base64\n\nQUJD')).decodedPayload()), 'QUJD');
  assert.equal(decoded('\xe9base64', 'QUJD'), 'QUJD');
});

test('transfer encoding - 7bit, 8bit, binary, unknown and absent give the raw bytes', () => {
  for (const cte of ['7bit', '8bit', 'binary', 'x-gzip']) assert.equal(decoded(cte, 'caf\xe9=41\r\n'), 'caf\xe9=41\r\n');
  assert.equal(str(parseMessage(bin('Subject: s\n\nQUJD')).decodedPayload()), 'QUJD');
});

test('transfer encoding - the first Content-Transfer-Encoding header counts', () => {
  const m = parseMessage(bin('Content-Transfer-Encoding: base64\nContent-Transfer-Encoding: 7bit\n\nQUJD'));
  assert.equal(str(m.decodedPayload()), 'ABC');
});

// ---------------------------------------------------------------------------
// uuencode (email.message._decode_uu)
// ---------------------------------------------------------------------------

test('uuencode - every spelling decodes', () => {
  const body = 'begin 644 hello.txt\n+:&5L;&\\@=V]R;&0 \n`\nend\n';
  for (const cte of ['x-uuencode', 'uuencode', 'uue', 'x-uue', 'X-UUENCODE']) assert.equal(decoded(cte, body), 'hello world');
});

test('uuencode - mode forms Python int(mode, 8) accepts', () => {
  assert.equal(decoded('x-uuencode', 'begin 0o644 f\n#86)C\n`\nend\n'), 'abc');
  assert.equal(decoded('x-uuencode', 'begin 644\n#86)C\nend\n'), 'abc');
  assert.equal(decoded('x-uuencode', 'begin 6_44 f\n#86)C\nend\n'), 'abc');
});

test('uuencode - no usable begin line gives the raw payload', () => {
  assert.equal(decoded('x-uuencode', 'begin  644 f\n#86)C\nend\n'), 'begin  644 f\n#86)C\nend\n');
  assert.equal(decoded('x-uuencode', 'begin 8 f\n#86)C\nend\n'), 'begin 8 f\n#86)C\nend\n');
  assert.equal(decoded('x-uuencode', 'no begin here\n'), 'no begin here\n');
});

test('uuencode - an empty line before "end" is truncated input: raw payload', () => {
  assert.equal(decoded('uue', 'begin 644 f\n#86)C\n\nend\n'), 'begin 644 f\n#86)C\n\nend\n');
});

test('uuencode - missing end line, CRLF lines, padded "end"', () => {
  assert.equal(decoded('uue', 'begin 644 f\n#86)C\n#86)C'), 'abcabc');
  assert.equal(decoded('uue', 'begin 644 f\r\n#86)C\r\n end \r\n'), 'abc');
});

test('uuencode - trailing garbage falls back to the length-prefix workaround', () => {
  assert.equal(decoded('uue', 'begin 644 f\n#86)C   junk\nend\n'), 'abc');
  assert.equal(decoded('uue', 'begin 644 f\n!!!!!\nend\n'), '\x04');
});

test('uuencode - direct decoder reports failure as null', () => {
  assert.equal(decodeUu(bin('nothing')), null);
  assert.equal(str(decodeUu(bin('begin 644 x\n#86)C\nend\n'))), 'abc');
  // An illegal char inside the length prefix defeats the workaround too.
  assert.equal(decodeUu(bin('begin 644 x\n#8\x016)C\nend\n')), null);
  assert.equal(decoded('uue', 'begin 644 x\n#8\x016)C\nend\n'), 'begin 644 x\n#8\x016)C\nend\n');
});

// ---------------------------------------------------------------------------
// Payload shape
// ---------------------------------------------------------------------------

test('payload - containers have no payload; leaves share the message bytes', () => {
  const m = parseMessage(bin('Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n--b--\n'));
  assert.equal(m.decodedPayload(), null);
  assert.equal(m.rawPayload(), null);
  const leaf = m.parts[1]!;
  assert.equal(str(leaf.decodedPayload()), 'x');
  assert.equal(leaf.decodedPayload(), leaf.decodedPayload(), 'decoded payload is cached');
  assert.equal(leaf.rawPayload()!.buffer, m.bytes.buffer);
});

test('payload - CRLF and 8-bit bodies come back byte for byte', () => {
  const body = 'caf\xe9\r\n\x00\xff\r\nlast';
  assert.equal(str(parseMessage(bin(`Subject: s\r\n\r\n${body}`)).decodedPayload()), body);
});
