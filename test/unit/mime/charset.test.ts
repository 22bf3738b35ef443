import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAdditiveCodec, lookupCodec, normalizeEncodingName, type Codec } from '../../../src/mime/charset.js';

// Expected values are CPython 3.11 facts (codecs.lookup / bytes.decode / str.encode).

function codec(label: string): Codec {
  const c = lookupCodec(label);
  assert.ok(c, `codec ${label} should exist`);
  return c;
}

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
const hex = (u: Uint8Array | null): string | null => (u === null ? null : Buffer.from(u).toString('hex'));

test('lookup - canonical names through Python aliases', () => {
  const cases: [string, string][] = [
    ['utf8', 'utf-8'],
    ['UTF-8', 'utf-8'],
    ['u8', 'utf-8'],
    ['utf', 'utf-8'],
    ['utf ', 'utf-8'],
    ['latin1', 'iso8859-1'],
    ['latin-1', 'iso8859-1'],
    ['l1', 'iso8859-1'],
    ['iso8859-1', 'iso8859-1'],
    ['iso_8859_1', 'iso8859-1'],
    ['ISO-8859-1', 'iso8859-1'],
    ['cp1252', 'cp1252'],
    ['windows-1252', 'cp1252'],
    ['ascii', 'ascii'],
    ['us-ascii', 'ascii'],
    ['646', 'ascii'],
    ['gb2312', 'gb2312'],
    ['eucgb2312_cn', 'gb2312'],
    ['gbk', 'gbk'],
    ['gb18030', 'gb18030'],
    ['big5', 'big5'],
    ['big5_tw', 'big5'],
    ['euc-jp', 'euc_jp'],
    ['euc-kr', 'euc_kr'],
    ['ks_c_5601-1987', 'euc_kr'],
    ['shift_jis', 'shift_jis'],
    ['sjis', 'shift_jis'],
    ['cp932', 'cp932'],
    ['iso-2022-jp', 'iso2022_jp'],
    ['koi8-r', 'koi8-r'],
    ['koi8-u', 'koi8-u'],
    ['utf-16', 'utf-16'],
    ['utf-32', 'utf-32'],
    ['utf-8-sig', 'utf-8-sig'],
    ['utf-7', 'utf-7'],
    ['mac-roman', 'mac-roman'],
    ['macintosh', 'mac-roman'],
    ['cp437', 'cp437'],
    ['cp850', 'cp850'],
    ['iso-8859-2', 'iso8859-2'],
    ['iso-8859-16', 'iso8859-16'],
    ['latin2', 'iso8859-2'],
    ['latin10', 'iso8859-16'],
    ['windows-1250', 'cp1250'],
    ['windows-1258', 'cp1258'],
    ['tis-620', 'tis-620'],
    ['cp949', 'cp949'],
    ['uhc', 'cp949'],
    ['Utf--8', 'utf-8'],
    ['  latin-1 ', 'iso8859-1'],
  ];
  for (const [label, name] of cases) assert.equal(lookupCodec(label)?.name, name, label);
});

test('lookup - unknown names and Python errors give null', () => {
  // 'latin-2' is only an email.charset alias; codecs.lookup does not know it.
  for (const label of ['latin-2', 'x-unknown', 'unknown-8bit', 'none', 'latin-11', 'utf-x', 'tf-8', 'euc.jp', 'utf.8', '.utf8', 'aliases', 'mbcs', 'ansi', '', ' ', 'csHPRoman8']) {
    assert.equal(lookupCodec(label), null, JSON.stringify(label));
  }
  assert.equal(lookupCodec('utf\u00008'), null, 'embedded NUL is a ValueError');
});

test('lookup - non-ASCII characters count as punctuation', () => {
  assert.equal(normalizeEncodingName('utf\u00e98'), 'utf_8');
  assert.equal(lookupCodec('utf\u00e98')?.name, 'utf-8');
  assert.equal(normalizeEncodingName('--Latin--1--'), 'latin_1');
});

test('lookup - non-text codecs resolve with text: false', () => {
  for (const [label, name] of [
    ['base64', 'base64'],
    ['zlib', 'zlib'],
    ['zip', 'zlib'],
    ['hex', 'hex'],
    ['rot13', 'rot-13'],
    ['quopri', 'quopri'],
    ['quoted-printable', 'quopri'],
    ['uu', 'uu'],
    ['bz2', 'bz2'],
  ] as const) {
    const c = codec(label);
    assert.equal(c.name, name);
    assert.equal(c.text, false);
    assert.equal(c.decode(bytes(0x41)), null);
  }
});

test('lookup - results are cached objects', () => {
  assert.equal(lookupCodec('utf8'), lookupCodec('utf8'));
  assert.equal(lookupCodec('utf8'), lookupCodec('UTF-8'), 'same module, same codec object');
});

test('ascii and latin-1 - Python tables, not WHATWG', () => {
  assert.equal(codec('ascii').decode(bytes(0x61, 0x80)), null);
  assert.equal(codec('us-ascii').decode(bytes(0x61, 0x7f)), 'a\x7f');
  assert.equal(codec('latin-1').decode(bytes(0x80, 0x92, 0xff)), '\x80\x92\xff');
  assert.equal(codec('iso-8859-1').decode(bytes(0x92)), '\x92');
  assert.equal(hex(codec('latin-1').encode('\xe9')), 'e9');
  assert.equal(codec('latin-1').encode('\u0100'), null);
  assert.equal(codec('ascii').encode('\xe9'), null);
});

test('cp1252 - strict: 0x81 0x8D 0x8F 0x90 0x9D are errors', () => {
  const c = codec('windows-1252');
  assert.equal(c.decode(bytes(0x80, 0x92)), '\u20ac\u2019');
  for (const b of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) assert.equal(c.decode(bytes(0x61, b)), null, b.toString(16));
  assert.equal(hex(c.encode('\u2019')), '92');
});

test('single-byte tables - where Python differs from iconv-lite', () => {
  assert.equal(codec('iso-8859-15').decode(bytes(0xa4)), '\u20ac');
  assert.equal(codec('mac-roman').decode(bytes(0xdb, 0xbd, 0xf0)), '\u20ac\u03a9\uf8ff');
  assert.equal(codec('tis-620').decode(bytes(0x80)), '\x80');
  assert.equal(codec('cp1255').decode(bytes(0xca)), null);
  assert.equal(codec('koi8-r').decode(bytes(0xf0, 0xd2)), '\u041f\u0440');
  // EBCDIC tables come from the module's own data.
  assert.equal(codec('cp037').decode(bytes(0xc1, 0x40, 0x81)), 'A a');
  assert.equal(codec('cp1140').decode(bytes(0x9f)), '\u20ac');
  // Python's charmap encoder: when two bytes decode alike, the later byte wins.
  assert.equal(hex(codec('mac-arabic').encode(' ')), 'a0');
});

test('utf-8 - strict, BOM kept; utf-8-sig strips it', () => {
  const c = codec('utf-8');
  assert.equal(c.decode(bytes(0xef, 0xbb, 0xbf, 0x61)), '\ufeffa');
  assert.equal(c.decode(bytes(0xc3, 0xa9)), '\xe9');
  assert.equal(c.decode(bytes(0xc0, 0xaf)), null, 'overlong');
  assert.equal(c.decode(bytes(0xed, 0xa0, 0x80)), null, 'surrogate');
  assert.equal(c.decode(bytes(0xf4, 0x90, 0x80, 0x80)), null, 'above U+10FFFF');
  assert.equal(c.decode(bytes(0xff)), null);
  assert.equal(c.encode('\ud800'), null, 'lone surrogate');
  assert.equal(codec('utf-8-sig').decode(bytes(0xef, 0xbb, 0xbf, 0x61)), 'a');
  assert.equal(hex(codec('utf-8-sig').encode('a')), 'efbbbf61');
});

test('utf-16 and utf-32 - BOM read and removed; -le/-be keep it', () => {
  assert.equal(codec('utf-16').decode(bytes(0xff, 0xfe, 0x41, 0x00)), 'A');
  assert.equal(codec('utf-16').decode(bytes(0xfe, 0xff, 0x00, 0x41)), 'A');
  assert.equal(codec('utf-16').decode(bytes(0x41, 0x00)), 'A', 'little-endian without BOM');
  assert.equal(codec('utf-16').decode(bytes(0x41)), null, 'odd length');
  assert.equal(codec('utf-16').decode(bytes(0x00, 0xd8, 0x41, 0x00)), null, 'unpaired surrogate');
  assert.equal(codec('utf-16-le').decode(bytes(0xff, 0xfe, 0x41, 0x00)), '\ufeffA');
  assert.equal(hex(codec('utf-16').encode('A')), 'fffe4100');
  assert.equal(hex(codec('utf-16-be').encode('A')), '0041');
  assert.equal(codec('utf-32').decode(bytes(0xff, 0xfe, 0, 0, 0x00, 0xf6, 0x01, 0x00)), '\u{1f600}');
  assert.equal(codec('utf-32').decode(bytes(0x00, 0x00, 0x11, 0x00)), null, 'above U+10FFFF');
  assert.equal(hex(codec('utf-32').encode('A')), 'fffe000041000000');
});

test('utf-7 - Python decoder and encoder', () => {
  const c = codec('utf-7');
  assert.equal(c.decode(Buffer.from('h+AOk-llo')), 'h\xe9llo');
  assert.equal(c.decode(Buffer.from('a+-b')), 'a+b');
  assert.equal(c.decode(Buffer.from('+AOk')), '\xe9', 'unterminated but complete');
  assert.equal(c.decode(Buffer.from('+AO')), null, 'partial character');
  assert.equal(c.decode(bytes(0x80)), null);
  assert.equal(Buffer.from(c.encode('h\xe9llo')!).toString('latin1'), 'h+AOk-llo');
  assert.equal(Buffer.from(c.encode('1+1~')!).toString('latin1'), '1+-1+AH4-');
});

test('gb2312 is not GBK', () => {
  const gb = codec('gb2312');
  const gbk = codec('gbk');
  assert.equal(gb.decode(bytes(0xc4, 0xe3, 0xba, 0xc3)), '\u4f60\u597d');
  assert.equal(gb.decode(bytes(0x81, 0x40)), null, 'GBK extension');
  assert.equal(gbk.decode(bytes(0x81, 0x40)), '\u4e02');
  assert.equal(gb.decode(bytes(0xa1, 0xa4)), '\u30fb', "Python's GB2312 middle dot");
  assert.equal(gbk.decode(bytes(0xa1, 0xa4)), '\xb7');
  assert.equal(gb.decode(bytes(0x80)), null, 'no euro in Python gb2312');
  assert.equal(gb.decode(bytes(0xc4)), null, 'truncated');
  assert.equal(hex(gb.encode('\u4f60\u597d')), 'c4e3bac3');
});

test('gb18030 - four-byte forms as Python 3.11', () => {
  const c = codec('gb18030');
  assert.equal(c.decode(bytes(0x81, 0x30, 0x81, 0x30)), '\x80');
  assert.equal(c.decode(bytes(0x90, 0x30, 0x81, 0x30)), '\u{10000}');
  assert.equal(c.decode(bytes(0x81, 0x35, 0xf4, 0x37)), '\u1e3f');
  assert.equal(c.decode(bytes(0xa8, 0xbc)), '\ue7c7');
  assert.equal(c.decode(bytes(0x84, 0x31, 0xa4, 0x37)), '\ufffd', 'the encoding of U+FFFD is data');
  assert.equal(c.decode(bytes(0x84, 0x31, 0xa5, 0x30)), null);
  assert.equal(hex(c.encode('\u1e3f')), '8135f437');
  assert.equal(hex(c.encode('\u{10ffff}')), 'e3329a35');
});

test('big5, euc-kr, shift_jis, cp932, euc-jp - Python mappings', () => {
  assert.equal(codec('big5').decode(bytes(0xa4, 0xa4)), '\u4e2d');
  assert.equal(codec('big5').decode(bytes(0xa1, 0x45)), '\u2022');
  assert.equal(codec('big5').decode(bytes(0x87, 0x40)), null, 'HKSCS area is not Python big5');
  assert.equal(codec('euc-kr').decode(bytes(0xb0, 0xa1)), '\uac00');
  assert.equal(codec('euc-kr').decode(bytes(0x81, 0x41)), null, 'UHC extension is cp949 only');
  assert.equal(codec('cp949').decode(bytes(0x81, 0x41)), '\uac02');
  // KS X 1001 Annex 3 make-up sequence (A4D4 + initial, medial, final jamo).
  assert.equal(codec('euc-kr').decode(bytes(0xa4, 0xd4, 0xa4, 0xa1, 0xa4, 0xbf, 0xa4, 0xa2)), '\uac02');
  assert.equal(codec('euc-kr').decode(bytes(0xa4, 0xd4)), null);
  assert.equal(hex(codec('euc-kr').encode('\uac02')), 'a4d4a4a1a4bfa4a2');
  assert.equal(codec('shift_jis').decode(bytes(0x93, 0xfa, 0x5c)), '\u65e5\\');
  assert.equal(codec('shift_jis').decode(bytes(0x80)), null);
  assert.equal(codec('shift_jis').decode(bytes(0x81, 0x60)), '\u301c');
  assert.equal(hex(codec('shift_jis').encode('\xa5')), '5c');
  assert.equal(codec('cp932').decode(bytes(0xa0)), '\uf8f0');
  assert.equal(codec('cp932').decode(bytes(0x81, 0x60)), '\uff5e');
  assert.equal(codec('euc-jp').decode(bytes(0xa1, 0xc1)), '\u301c');
  assert.equal(codec('euc-jp').decode(bytes(0x8f, 0xa2, 0xb7)), '~');
  assert.equal(codec('euc-jp').decode(bytes(0xad, 0xa1)), null, 'NEC row 13 is not Python euc_jp');
});

test('iso-2022-jp - escapes, JIS X 0201 Roman, strictness', () => {
  const c = codec('iso-2022-jp');
  const esc = (s: string): Uint8Array => Buffer.from(s.replace(/E/g, '\x1b'), 'latin1');
  assert.equal(c.decode(esc('E$BF|K\\8lE(B')), '\u65e5\u672c\u8a9e');
  assert.equal(c.decode(esc('E(J\\~E(B\\')), '\xa5\u203e\\');
  assert.equal(c.decode(esc('E$B F|E(B')), null, 'space inside a two-byte run');
  assert.equal(c.decode(bytes(0xa4)), null);
  assert.equal(c.decode(esc('E(I1')), null, 'JIS X 0201 katakana is not designated');
  assert.equal(Buffer.from(c.encode('a\u65e5\xa5b')!).toString('latin1'), 'a\x1b$BF|\x1b(J\\\x1b(Bb');
  assert.equal(c.encode('\uff71'), null, 'half-width katakana cannot be encoded');
});

test('raw_unicode_escape, charmap, undefined', () => {
  assert.equal(codec('raw_unicode_escape').decode(Buffer.from('a\\u00e9\\\\u0041\\x')), 'a\xe9\\\\u0041\\x');
  assert.equal(codec('raw_unicode_escape').decode(Buffer.from('\\u00')), null);
  assert.equal(Buffer.from(codec('raw_unicode_escape').encode('\u20ac\xe9')!).toString('latin1'), '\\u20ac\xe9');
  assert.equal(codec('charmap').decode(bytes(0xff)), '\xff');
  assert.equal(codec('undefined').decode(bytes(0x41)), null);
});

test('recognised but unimplemented codecs report failure', () => {
  const c = codec('johab');
  assert.equal(c.text, true);
  assert.equal(c.decode(bytes(0x41)), null);
});

test('isAdditiveCodec - stateless codecs only', () => {
  assert.equal(isAdditiveCodec(codec('utf-8')), true);
  assert.equal(isAdditiveCodec(codec('gb2312')), true);
  assert.equal(isAdditiveCodec(codec('cp1252')), true);
  assert.equal(isAdditiveCodec(codec('utf-16')), false);
  assert.equal(isAdditiveCodec(codec('iso-2022-jp')), false);
  assert.equal(isAdditiveCodec(codec('utf-7')), false);
});
