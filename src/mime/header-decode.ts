/**
 * Header decoding as Patchwork does it (spec 1.5): Python's `email.header.decode_header`,
 * `make_header` and `str(Header)`, Patchwork's `sanitise_header` fallback and `clean_header`.
 *
 * Values are Python strings in JavaScript form. An 8-bit header (a byte >= 0x80 anywhere in
 * it) arrives as a latin-1 "binary string" (one char per byte); Python keeps such a header as
 * one `unknown-8bit` chunk of surrogate-escaped bytes, and so do we: inside a
 * {@link HeaderPart} of charset `unknown-8bit`, byte `b >= 0x80` is the lone surrogate
 * `U+DC00 + b`, which keeps it from being taken for whitespace or a line break (Python's
 * `str.isspace()`/`splitlines()` would see U+0085 or U+00A0 otherwise).
 */

import { isAsciiTransparent, lookupCodec } from './charset.js';
import { emailCharset, US_ASCII, UTF_8, UNKNOWN_8BIT, UNKNOWN_8BIT_CHARSET, type EmailCharset } from './email-charset.js';
import { encodeHeader } from './header-encode.js';
import { isPySpace, normaliseSpace, pyLstrip, pySplitlines } from '../util/pystr.js';
import { a2bBase64Bytes } from './message.js';
import type { RawHeader } from './types.js';

/** One `(string, charset)` pair of `decode_header`. */
export interface EncodedChunk {
  /**
   * The chunk's data. Bytes as a binary string (one char per byte), except when `isText` is
   * true: then it is already text (Python returns the header `str` itself when it holds no
   * encoded word).
   */
  readonly data: string;
  /** Lower-cased charset label of the encoded word, `unknown-8bit`, or `null` for unencoded text. */
  readonly charset: string | null;
  /** True when `data` is text rather than bytes (the no-encoded-word case). */
  readonly isText: boolean;
}

/** One chunk of a Python `Header` after `make_header` and `_normalize`. */
export interface HeaderPart {
  /** Decoded text; for `unknown-8bit`, bytes >= 0x80 as lone surrogates U+DC80..U+DCFF. */
  readonly text: string;
  /** The chunk's `email.charset.Charset` (after any relabelling). */
  readonly charset: EmailCharset;
}

// ---------------------------------------------------------------------------------------------
// Encoded-word scanning (Python's `ecre`, `=\?([^?]*?)\?([qQbB])\?(.*?)\?=`, without regex
// backtracking): the charset runs to the first `?`, the encoding is one of qQbB followed by
// `?`, the text runs to the first following `?=`. Python's `.` stops only at `\n`.
// ---------------------------------------------------------------------------------------------

function isEncodingLetter(c: number): boolean {
  return c === 0x71 || c === 0x51 || c === 0x62 || c === 0x42;
}

/** `ecre.search(value)`: does the whole value hold an encoded word? Linear time. */
export function hasEncodedWord(value: string): boolean {
  let p = value.indexOf('=?');
  let qeAt = -2; // cached indexOf('?=', from) result, valid while >= from
  let nlAt = -2;
  while (p >= 0) {
    const q1 = value.indexOf('?', p + 2);
    if (q1 < 0) return false;
    if (isEncodingLetter(value.charCodeAt(q1 + 1)) && value.charCodeAt(q1 + 2) === 0x3f) {
      const from = q1 + 3;
      if (qeAt < from && qeAt !== -1) qeAt = value.indexOf('?=', from);
      if (qeAt === -1) return false;
      if (nlAt < from && nlAt !== -1) nlAt = value.indexOf('\n', from);
      if (nlAt === -1 || qeAt < nlAt) return true;
    }
    p = value.indexOf('=?', p + 1);
  }
  return false;
}

/** `ecre.split(line)` for a line without line breaks: [text, charset, enc, encoded, text, ...]. */
function splitEncodedWords(line: string): string[] {
  const out: string[] = [];
  let pos = 0;
  let p = line.indexOf('=?');
  let qeAt = -2;
  while (p >= 0) {
    const q1 = line.indexOf('?', p + 2);
    if (q1 < 0) break;
    if (isEncodingLetter(line.charCodeAt(q1 + 1)) && line.charCodeAt(q1 + 2) === 0x3f) {
      const from = q1 + 3;
      if (qeAt < from && qeAt !== -1) qeAt = line.indexOf('?=', from);
      if (qeAt === -1) break;
      out.push(line.slice(pos, p), line.slice(p + 2, q1), line.charAt(q1 + 1), line.slice(from, qeAt));
      pos = qeAt + 2;
      p = line.indexOf('=?', pos);
      continue;
    }
    p = line.indexOf('=?', p + 1);
  }
  out.push(line.slice(pos));
  return out;
}

/** Python line breaks other than `\n` (spec section 0). */
const OTHER_BREAKS = /[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]/;

/** Python `str.splitlines()`, with a native fast path when `\n` is the only break present. */
export function splitLines(text: string): string[] {
  if (OTHER_BREAKS.test(text)) return pySplitlines(text);
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

// ---------------------------------------------------------------------------------------------
// decode_header
// ---------------------------------------------------------------------------------------------

const ABOVE_LATIN1 = /[^\x00-\xff]/;

/** Python `bytes(s, 'raw-unicode-escape')` as a binary string (the identity for latin-1 text). */
function rawUnicodeEscapeBytes(s: string): string {
  if (!ABOVE_LATIN1.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x100) out += ch;
    else out += cp >= 0x10000 ? '\\U' + cp.toString(16).padStart(8, '0') : '\\u' + cp.toString(16).padStart(4, '0');
  }
  return out;
}

/** `email.quoprimime.header_decode`: `_` is a space, `=XX` (either case) a byte, all else literal. */
function qDecode(s: string): string {
  if (!s.includes('_') && !s.includes('=')) return s;
  let out = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5f) {
      out += s.slice(start, i) + ' ';
      start = i + 1;
    } else if (c === 0x3d && i + 2 < s.length && isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2))) {
      out += s.slice(start, i) + String.fromCharCode(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
      start = i + 1;
    }
  }
  return out + s.slice(start);
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/**
 * `binascii.a2b_base64` in its default (non-strict) mode on a binary string: characters
 * outside the alphabet are skipped, a pad sequence that completes a quad ends the data, a
 * `=` too early is ignored; leftover bits are an error (`null`).
 */
export function a2bBase64(s: string): string | null {
  const r = a2bBase64Bytes(Buffer.from(s, 'latin1'), 0, false);
  return r === null ? null : Buffer.from(r.buffer, r.byteOffset, r.byteLength).toString('latin1');
}

/**
 * Alphabet characters in quads with at most two trailing `=`: here Node's base64 decoder and
 * Python's `a2b_base64` give the same bytes, so the faster one may be used.
 */
function isCanonicalBase64(s: string): boolean {
  return s.length % 4 === 0 && CANONICAL_BASE64.test(s);
}

const CANONICAL_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

interface Word {
  text: string;
  encoding: string | null;
  charset: string | null;
}

/**
 * Python `email.header.decode_header` (3.11): the header's `(bytes-or-text, charset)` chunks.
 * `value` is the raw value: a binary string when `eightBit` (a byte >= 0x80 somewhere in the
 * header: one `unknown-8bit` chunk, encoded words left alone), else the header text. Returns
 * `null` where Python raises `HeaderParseError` (an undecodable base64 word).
 *
 * @example
 * decodeHeader('a =?utf-8?q?=C3=A9?= b', false)
 * // [{ data: 'a ', charset: null, isText: false },
 * //  { data: '\xc3\xa9', charset: 'utf-8', isText: false },
 * //  { data: ' b', charset: null, isText: false }]
 */
export function decodeHeader(value: string, eightBit: boolean): EncodedChunk[] | null {
  if (eightBit) return [{ data: value, charset: UNKNOWN_8BIT, isText: false }];
  if (!hasEncodedWord(value)) return [{ data: value, charset: null, isText: true }];
  const words: Word[] = [];
  for (const line of splitLines(value)) {
    const parts = splitEncodedWords(line);
    for (let k = 0; k < parts.length; k += 4) {
      const unencoded = k === 0 ? pyLstrip(parts[0]!) : parts[k]!;
      if (unencoded !== '') words.push({ text: unencoded, encoding: null, charset: null });
      if (k + 3 < parts.length) {
        words.push({ text: parts[k + 3]!, encoding: parts[k + 2]!.toLowerCase(), charset: parts[k + 1]!.toLowerCase() });
      }
    }
  }
  // Drop whitespace-only words between two encoded words (Python tests only the middle word's
  // text, so a whitespace-only *encoded* word between two encoded words goes too).
  const kept: Word[] = [];
  for (let n = 0; n < words.length; n++) {
    const w = words[n]!;
    const next = words[n + 1];
    const prev = words[n - 1];
    if (next !== undefined && prev !== undefined && next.encoding !== null && prev.encoding !== null && isOnlySpace(w.text)) continue;
    kept.push(w);
  }
  const chunks: { data: string; charset: string | null }[] = [];
  for (const w of kept) {
    let data: string;
    if (w.encoding === null) data = rawUnicodeEscapeBytes(w.text);
    else if (w.encoding === 'q') data = rawUnicodeEscapeBytes(qDecode(w.text));
    else {
      let enc = w.text;
      const padErr = codePointCount(enc) % 4;
      if (padErr) enc += '==='.slice(0, 4 - padErr);
      const decoded = enc === '' ? '' : isCanonicalBase64(enc) ? Buffer.from(enc, 'base64').toString('latin1') : a2bBase64(rawUnicodeEscapeBytes(enc));
      if (decoded === null) return null; // HeaderParseError('Base64 decoding error')
      data = decoded;
    }
    const last = chunks[chunks.length - 1];
    if (last === undefined || last.charset !== w.charset) chunks.push({ data, charset: w.charset });
    else if (last.charset === null) last.data += ' ' + data;
    else last.data += data;
  }
  return chunks.map((c) => ({ data: c.data, charset: c.charset, isText: false }));
}

function codePointCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length || (s.charCodeAt(i + 1) & 0xfc00) !== 0xdc00) n++;
  }
  return n;
}

/** Python `str.isspace()`: non-empty and all Python whitespace. */
function isOnlySpace(s: string): boolean {
  if (s === '') return false;
  for (let i = 0; i < s.length; i++) if (!isPySpace(s.charCodeAt(i))) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// make_header (+ Patchwork's unknown-8bit fallback) and str(Header)
// ---------------------------------------------------------------------------------------------

/** Binary string → Python's surrogate-escaped text (`bytes.decode('ascii', 'surrogateescape')`). */
export function surrogateEscape(binary: string): string {
  let i = 0;
  while (i < binary.length && binary.charCodeAt(i) < 0x80) i++;
  if (i === binary.length) return binary;
  let out = binary.slice(0, i);
  for (; i < binary.length; i++) {
    const c = binary.charCodeAt(i);
    out += c < 0x80 ? binary[i] : String.fromCharCode(0xdc00 + c);
  }
  return out;
}

function toBytes(binary: string): Uint8Array {
  return Buffer.from(binary, 'latin1');
}

/**
 * `Header.append(s, charset)` for one chunk: the decoded text and the charset it ends up
 * with, or `null` where Python raises (unknown charset, bytes invalid for it, non-text codec,
 * text the output codec cannot encode).
 */
function appendChunk(chunk: EncodedChunk): HeaderPart | null {
  let cs = chunk.charset === null ? US_ASCII : emailCharset(chunk.charset);
  if (cs === null) return null;
  let text: string;
  if (chunk.isText) text = chunk.data;
  else if (cs.unknown8bit) text = surrogateEscape(chunk.data);
  else {
    // `input_codec or 'us-ascii'`: an empty label (`=??q?...?=`) decodes as us-ascii.
    const inputCodec = cs.inputCodec || 'us-ascii';
    const codec = lookupCodec(inputCodec);
    if (codec === null || !codec.text) return null;
    const decoded = isAsciiTransparent(codec) && isAscii(chunk.data) ? chunk.data : codec.decode(toBytes(chunk.data));
    if (decoded === null) return null;
    text = decoded;
  }
  if (!cs.unknown8bit) {
    // The early check of Header.append: the text must encode with the output codec.
    const outputCodec = cs.outputCodec || 'us-ascii';
    const out = lookupCodec(outputCodec);
    if (out === null || !out.text) return null;
    if (!(isAsciiTransparent(out) && isAscii(text))) {
      if (out.encode(text) === null) {
        if (outputCodec !== 'us-ascii') return null;
        cs = UTF_8;
      }
    }
  }
  return { text, charset: cs };
}

const NON_ASCII = /[^\x00-\x7f]/;

/** True when every character of `s` is below U+0080. */
export function isAscii(s: string): boolean {
  return !NON_ASCII.test(s);
}

/** `Header._normalize`: adjacent chunks with equal charsets are joined with one space. */
function normalizeParts(parts: HeaderPart[]): HeaderPart[] {
  if (parts.length < 2) return parts;
  const out: HeaderPart[] = [];
  let texts: string[] = [];
  let cs: EmailCharset | null = null;
  for (const p of parts) {
    if (cs !== null && p.charset.inputCharset === cs.inputCharset) texts.push(p.text);
    else {
      if (cs !== null) out.push({ text: texts.join(' '), charset: cs });
      texts = [p.text];
      cs = p.charset;
    }
  }
  if (cs !== null) out.push({ text: texts.join(' '), charset: cs });
  return out;
}

/**
 * Python `email.header.make_header(chunks)` followed by `Header._normalize`, with Patchwork's
 * `sanitise_header` fallback: if any chunk cannot be decoded (unknown charset, invalid bytes,
 * NUL in the charset name, text the output codec cannot take), every chunk is relabelled
 * `unknown-8bit`, keeping its bytes. Neighbours with equal charsets are joined with one space.
 */
export function makeHeader(chunks: readonly EncodedChunk[]): HeaderPart[] {
  const parts: HeaderPart[] = [];
  for (const chunk of chunks) {
    const part = appendChunk(chunk);
    if (part === null) {
      return normalizeParts(
        chunks.map((c) => ({ text: c.isText ? c.data : surrogateEscape(c.data), charset: UNKNOWN_8BIT_CHARSET })),
      );
    }
    parts.push(part);
  }
  return normalizeParts(parts);
}

/**
 * Patchwork's `sanitise_header` without its final re-encoding check: `decode_header` then
 * `make_header` with the unknown-8bit fallback. `null` when `decode_header` raises.
 */
export function sanitiseHeader(value: string, eightBit: boolean): HeaderPart[] | null {
  const chunks = decodeHeader(value, eightBit);
  return chunks === null ? null : makeHeader(chunks);
}

/** Python's `Header._nonctext`: whitespace or one of `(`, `)`, `\`. */
export function isNonCText(c: number): boolean {
  return c === 0x28 || c === 0x29 || c === 0x5c || isPySpace(c);
}

/** `unknown-8bit` text as `str(Header)` shows it: every escaped byte becomes U+FFFD. */
function replaceEscapes(text: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc80 && c <= 0xdcff) {
      out += text.slice(start, i) + '\ufffd';
      start = i + 1;
    }
  }
  return start === 0 ? text : out + text.slice(start);
}

/**
 * Python `str(Header)`: the chunks concatenated, `unknown-8bit` bytes >= 0x80 shown as U+FFFD
 * (one per byte), and a space inserted where an encoded chunk meets unencoded text unless
 * that side already has whitespace or `(`, `)`, `\` at the seam.
 */
export function headerToString(parts: readonly HeaderPart[]): string {
  if (parts.length === 1) {
    const p = parts[0]!;
    return p.charset.unknown8bit ? replaceEscapes(p.text) : p.text;
  }
  let out = '';
  let lastPlain = true;
  let lastSpace = false;
  let first = true;
  for (const p of parts) {
    const text = p.charset.unknown8bit ? replaceEscapes(p.text) : p.text;
    let nextPlain = p.charset.plain;
    if (!first) {
      const hasSpace = text !== '' && isNonCText(text.charCodeAt(0));
      if (!lastPlain) {
        if (nextPlain && !hasSpace) {
          out += ' ';
          nextPlain = true;
        }
      } else if (!nextPlain && !lastSpace) out += ' ';
    }
    first = false;
    lastSpace = text !== '' && isNonCText(text.charCodeAt(text.length - 1));
    lastPlain = nextPlain;
    out += text;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// clean_header
// ---------------------------------------------------------------------------------------------

/**
 * True when a plain ASCII value could fold into a line that starts with something other than
 * a space or a tab: only then can the embedded-header check of `Header.encode` fail for it.
 * That needs a line break followed by a character that is neither space, tab nor another break.
 */
function mayFoldIntoHeaderLine(value: string): boolean {
  return BREAK_THEN_TEXT.test(value);
}

const BREAK_THEN_TEXT = /[\n\r\x0b\x0c\x1c-\x1e][^ \t\n\r\x0b\x0c\x1c-\x1e]/;

/**
 * Patchwork's `clean_header` (spec 1.5): decode the header, join its chunks as `str(Header)`
 * does, then collapse every run of Python whitespace to one space and strip. Returns `null`
 * when the header is undecodable: `decode_header` raises (bad base64), or re-encoding it
 * (without a header name) trips the embedded-header check.
 *
 * `h.value` is the raw value (latin-1 binary string of the bytes when `h.eightBit`).
 *
 * @example
 * cleanHeader({ value: '=?utf-8?q?test=20s=c3=bcbject?=', eightBit: false }) // 'test sübject'
 * cleanHeader({ value: 'Rafa\xc5\x82', eightBit: true })                     // 'Rafa\ufffd\ufffd'
 */
export function cleanHeader(h: Pick<RawHeader, 'value' | 'eightBit'>): string | null {
  const { value, eightBit } = h;
  if (!eightBit && isAscii(value) && !hasEncodedWord(value)) {
    // One plain chunk: str(Header) is the value itself.
    if (mayFoldIntoHeaderLine(value) && encodeHeader([{ text: value, charset: US_ASCII }], 0) === null) return null;
    return normaliseSpace(value);
  }
  const parts = sanitiseHeader(value, eightBit);
  if (parts === null) return null;
  if (encodeHeader(parts, 0) === null) return null;
  return normaliseSpace(headerToString(parts));
}
