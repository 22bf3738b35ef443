/**
 * The MIME model Patchwork sees: Python's `email.message_from_bytes` with the
 * compat32 policy (CPython 3.11 `email.feedparser.FeedParser`), reproduced on
 * bytes (spec 1.2).
 *
 * How it maps to Python's parser:
 * - Lines end at `\r\n`, a lone `\r` or `\n` (the feed parser reads through a
 *   universal-newline `StringIO`), so a lone CR ends a line everywhere.
 * - Python's parser is a stack of generators that read lines through a buffer
 *   with "false EOF" predicates: every enclosing multipart's boundary line, and
 *   blank lines inside `message/delivery-status`. Here the same state machine
 *   runs on an explicit frame stack (no recursion, so hostile nesting cannot
 *   overflow the call stack), and the predicates are a counted set of active
 *   boundary strings, so testing a line costs the same at any depth.
 * - Payloads are never copied while parsing: a part keeps the byte ranges of
 *   its payload lines (one range, except when a misplaced `From ` line was
 *   pushed back in front of the body). Decoding happens on request and is
 *   cached.
 * - Parts live in one flat array in creation order, which is exactly the
 *   pre-order of `Message.walk()`.
 *
 * Bad input never throws: it yields the model Python builds (its "defects"
 * are recorded per part), and the named {@link MimeLimits} bound the work.
 */
import { isAscii } from 'node:buffer';
import { lowerName, nameOf } from '../util/names.js';
import { pyRstrip, pyStrip } from '../util/pystr.js';
import { lookupCodec } from './charset.js';
import type { RawHeader } from './types.js';

/** `Buffer#latin1Slice` (one char per byte) where Node has it, else the public equivalent. */
type Latin1Slicer = (this: Buffer, start: number, end: number) => string;
const HAS_LATIN1_SLICE = typeof (Buffer.prototype as unknown as { latin1Slice?: unknown }).latin1Slice === 'function';
const latin1Slice: Latin1Slicer =
  (Buffer.prototype as unknown as { latin1Slice?: Latin1Slicer }).latin1Slice ??
  function (this: Buffer, s: number, e: number): string {
    return this.toString('latin1', s, e);
  };

// ---------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------

/**
 * Deepest nesting of container parts (multipart, message/*) that is parsed.
 * Python's own parser overflows its recursion limit at about 980 levels, so
 * no mail Patchwork accepts comes near it.
 */
export const MAX_MIME_DEPTH = 1000;
/** Most parts (the message itself included) built for one message; real mail has a few dozen. */
export const MAX_MIME_PARTS = 100_000;
/** Most bytes of one header block turned into headers; the rest of the block is still consumed. */
export const MAX_HEADER_BYTES = 16 * 1024 * 1024;

/**
 * Named limits for {@link parseMessage}. Exceeding one never throws: the
 * parser records it in {@link ParsedMessage.limitExceeded} and stops
 * descending (the part where it happened keeps its body as an undecoded leaf
 * payload, or further parts are not built).
 */
export interface MimeLimits {
  /** Deepest nesting of multipart and message/* containers. Default: {@link MAX_MIME_DEPTH} (1000). */
  maxDepth?: number;
  /** Most parts per message, the message itself included. Default: {@link MAX_MIME_PARTS} (100,000). */
  maxParts?: number;
  /** Most bytes of one header block that become headers. Default: {@link MAX_HEADER_BYTES} (16 MiB). */
  maxHeaderBytes?: number;
}

/** The defaults of {@link MimeLimits}. */
export const DEFAULT_MIME_LIMITS: Readonly<Required<MimeLimits>> = Object.freeze({
  maxDepth: MAX_MIME_DEPTH,
  maxParts: MAX_MIME_PARTS,
  maxHeaderBytes: MAX_HEADER_BYTES,
});

/** Which limit stopped the parse, and its configured value. */
export interface LimitExceeded {
  readonly limit: 'maxDepth' | 'maxParts' | 'maxHeaderBytes';
  readonly value: number;
}

/**
 * Python's parser defects (`email.errors`), recorded per part for diagnostics.
 * `ParamsRaise` is not a Python defect: it marks a multipart whose boundary
 * parameter makes Python raise (see {@link ParsedMessage.pythonError}).
 */
export type MimeDefect =
  | 'MissingHeaderBodySeparator'
  | 'FirstHeaderLineIsContinuation'
  | 'MisplacedEnvelopeHeader'
  | 'MissingHeaderName'
  | 'NoBoundaryInMultipart'
  | 'StartBoundaryNotFound'
  | 'CloseBoundaryNotFound'
  | 'ParamsRaise';

// ---------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------

/** An RFC 2231 extended parameter value, as Python's `get_param` returns it (a 3-tuple). */
export interface Rfc2231Value {
  /** Charset before the first `'`; `null` when the value had fewer than two `'`. */
  readonly charset: string | null;
  /** Language between the quotes; `null` when the value had fewer than two `'`. */
  readonly language: string | null;
  /** The percent-decoded value (each char one byte, 0–255), quotes removed. */
  readonly value: string;
}

/** A parameter value: a plain string, or an RFC 2231 tuple. */
export type ParamValue = string | Rfc2231Value;

/**
 * Result of Python's `get_content_charset()`: the charset (lower-cased,
 * `null` = None), or the exception Python raises while computing it.
 */
export type ContentCharset =
  | { readonly ok: true; readonly charset: string | null }
  | { readonly ok: false; readonly raises: 'TypeError' | 'ValueError' };

interface ParamsResult {
  readonly list: ReadonlyArray<readonly [string, ParamValue]>;
  /** `utils.decode_params` sorts RFC 2231 continuations; mixing `name*` and `name*0` makes it raise. */
  readonly typeError: boolean;
}

/** `str(header)` under compat32: an 8-bit value is a `Header` whose bytes >= 0x80 read as U+FFFD. */
export function headerText(h: RawHeader): string {
  return h.eightBit ? h.value.replace(/[\x80-\xff]/g, '\uFFFD') : h.value;
}

/** `email.utils.unquote`. */
function unquote(s: string): string {
  if (s.length > 1) {
    if (s.charCodeAt(0) === 0x22 && s.charCodeAt(s.length - 1) === 0x22) {
      return s.slice(1, -1).replaceAll('\\\\', '\\').replaceAll('\\"', '"');
    }
    if (s.charCodeAt(0) === 0x3c && s.charCodeAt(s.length - 1) === 0x3e) return s.slice(1, -1);
  }
  return s;
}

/** `email.utils.quote`. */
function quote(s: string): string {
  return s.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
}

/**
 * `email.message._parseparam`: split on `;` that are not inside an odd number
 * of double quotes (counting `\"` as escaped). Python recounts the quotes of
 * the whole prefix for every `;` it tries, which is quadratic; the counts are
 * kept incrementally here.
 */
function splitParams(s: string): string[] {
  const out: string[] = [];
  let a = 0; // start of the current segment, just after a `;` (Python's leading ';' is virtual)
  const n = s.length;
  for (;;) {
    let end = s.indexOf(';', a);
    if (end > a) {
      let quotes = 0;
      let escaped = 0;
      let scanned = a;
      for (;;) {
        for (; scanned < end; scanned++) {
          const c = s.charCodeAt(scanned);
          if (c === 0x22) quotes++;
          else if (c === 0x5c && scanned + 1 < end && s.charCodeAt(scanned + 1) === 0x22) escaped++;
        }
        if ((quotes - escaped) % 2 === 0) break;
        end = s.indexOf(';', end + 1);
        if (end < 0) break;
      }
    }
    if (end < 0) end = n;
    let f = s.slice(a, end);
    const eq = f.indexOf('=');
    if (eq >= 0) f = pyStrip(f.slice(0, eq)).toLowerCase() + '=' + pyStrip(f.slice(eq + 1));
    out.push(pyStrip(f));
    if (end >= n) return out;
    a = end + 1;
  }
}

/** `urllib.parse.unquote(s, encoding='latin-1')`: `%XX` becomes the char with that code. */
function percentDecodeLatin1(s: string): string {
  if (!s.includes('%')) return s;
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const RFC2231_NAME = /^([A-Za-z0-9_]+)\*(?:([0-9]+)\*?)?$/;

/**
 * `Message._get_params_preserve` followed by `email.utils.decode_params`:
 * the first element is the value before the first `;`, kept as is; the other
 * plain parameters are re-quoted; RFC 2231 parameters (`name*`, `name*N`,
 * `name*N*`) are grouped by name, sorted, percent-decoded where marked and
 * appended after the plain ones in order of first appearance.
 */
function parseParams(value: string): ParamsResult {
  const pairs: Array<[string, string]> = [];
  for (const p of splitParams(value)) {
    const eq = p.indexOf('=');
    if (eq < 0) pairs.push([pyStrip(p), '']);
    else pairs.push([pyStrip(p.slice(0, eq)), pyStrip(p.slice(eq + 1))]);
  }
  const list: Array<readonly [string, ParamValue]> = [pairs[0]!];
  const groups = new Map<string, Array<{ num: number | null; value: string; encoded: boolean }>>();
  for (let i = 1; i < pairs.length; i++) {
    const [name, raw] = pairs[i]!;
    const encoded = name.endsWith('*');
    const v = unquote(raw);
    const mo = RFC2231_NAME.exec(name);
    if (mo) {
      const key = mo[1]!;
      const num = mo[2] === undefined ? null : Number(mo[2]);
      let g = groups.get(key);
      if (g === undefined) groups.set(key, (g = []));
      g.push({ num, value: v, encoded });
    } else {
      list.push([name, '"' + quote(v) + '"']);
    }
  }
  let typeError = false;
  for (const [name, conts] of groups) {
    // Python sorts (num, value, encoded) tuples: None and int numbers cannot be compared.
    let hasNone = false;
    let hasNum = false;
    for (const c of conts) {
      if (c.num === null) hasNone = true;
      else hasNum = true;
    }
    if (hasNone && hasNum) {
      typeError = true;
      break;
    }
    conts.sort((x, y) => {
      if (x.num !== y.num) return (x.num ?? 0) - (y.num ?? 0);
      if (x.value !== y.value) return x.value < y.value ? -1 : 1;
      return Number(x.encoded) - Number(y.encoded);
    });
    let extended = false;
    let joined = '';
    for (const c of conts) {
      if (c.encoded) {
        joined += percentDecodeLatin1(c.value);
        extended = true;
      } else joined += c.value;
    }
    const q = quote(joined);
    if (extended) {
      // email.utils.decode_rfc2231: split on the first two `'`.
      const t1 = q.indexOf("'");
      const t2 = t1 < 0 ? -1 : q.indexOf("'", t1 + 1);
      if (t2 < 0) list.push([name, { charset: null, language: null, value: '"' + q + '"' }]);
      else {
        list.push([
          name,
          { charset: q.slice(0, t1), language: q.slice(t1 + 1, t2), value: '"' + q.slice(t2 + 1) + '"' },
        ]);
      }
    } else list.push([name, '"' + q + '"']);
  }
  return { list, typeError };
}

/** `message._unquotevalue`. */
function unquoteValue(v: ParamValue): ParamValue {
  return typeof v === 'string' ? unquote(v) : { charset: v.charset, language: v.language, value: unquote(v.value) };
}

/** Python's `raw-unicode-escape` encoding of a string whose chars are <= 0xFF or U+FFFD. */
function rawUnicodeEscape(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    if (c <= 0xff) out.push(c);
    else {
      const esc = c > 0xffff ? '\\U' + c.toString(16).padStart(8, '0') : '\\u' + c.toString(16).padStart(4, '0');
      for (let k = 0; k < esc.length; k++) out.push(esc.charCodeAt(k));
      if (c > 0xffff) i++;
    }
  }
  return Uint8Array.from(out);
}

function isAsciiString(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

// ---------------------------------------------------------------------------
// Transfer decoding (Message.get_payload(decode=True))
// ---------------------------------------------------------------------------

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/**
 * Quoted-printable body decoding exactly as `quopri.decodestring`
 * (`binascii.a2b_qp`, header=False): `=XX` (either case) is a byte; `=` then
 * `\n` is a soft break; `=` then `\r` drops everything up to and including
 * the next `\n`; `==` is `=`; a final `=` is dropped; any other `=` stays.
 * Trailing whitespace is kept (unlike RFC 2045 decoders). Input without
 * any `=` is returned as is (same memory).
 */
export function decodeQuotedPrintable(src: Uint8Array): Uint8Array {
  const n = src.length;
  if (src.indexOf(0x3d) < 0) return src; // nothing to decode: the input itself
  const out = new Uint8Array(n);
  let o = 0;
  let i = 0;
  while (i < n) {
    const c = src[i]!;
    if (c !== 0x3d) {
      out[o++] = c;
      i++;
      continue;
    }
    i++;
    if (i >= n) break;
    const d = src[i]!;
    if (d === 0x0a || d === 0x0d) {
      if (d !== 0x0a) while (i < n && src[i] !== 0x0a) i++;
      if (i < n) i++;
    } else if (d === 0x3d) {
      out[o++] = 0x3d;
      i++;
    } else if (i + 1 < n && hexValue(d) >= 0 && hexValue(src[i + 1]!) >= 0) {
      out[o++] = (hexValue(d) << 4) | hexValue(src[i + 1]!);
      i += 2;
    } else {
      out[o++] = 0x3d;
    }
  }
  return out.slice(0, o);
}

const B64 = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) {
  B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;
}

/**
 * `binascii.a2b_base64(data, strict_mode)` of CPython 3.11 over `data`
 * followed by `pad` extra `=` signs; `null` where it raises binascii.Error.
 */
/** @internal `binascii.a2b_base64` on bytes, with `pad` `=` added; strict mode as `validate=True`. */
export function a2bBase64Bytes(data: Uint8Array, pad: number, strict: boolean): Uint8Array | null {
  const len = data.length + pad;
  const at = (i: number): number => (i < data.length ? data[i]! : 0x3d);
  if (strict && len > 0 && at(0) === 0x3d) return null;
  const out = new Uint8Array(Math.floor(len / 4) * 3 + 3);
  let o = 0;
  let quad = 0;
  let left = 0;
  let pads = 0;
  let padding = false;
  for (let i = 0; i < len; i++) {
    const ch = at(i);
    if (ch === 0x3d) {
      padding = true;
      if (strict && quad === 0) return null;
      if (quad >= 2 && quad + ++pads >= 4) {
        if (strict && i + 1 < len) return null;
        return out.slice(0, o);
      }
      continue;
    }
    const v = B64[ch]!;
    if (v < 0) {
      if (strict) return null;
      continue;
    }
    if (strict && padding) return null;
    pads = 0;
    switch (quad) {
      case 0:
        quad = 1;
        left = v;
        break;
      case 1:
        quad = 2;
        out[o++] = (left << 2) | (v >> 4);
        left = v & 0x0f;
        break;
      case 2:
        quad = 3;
        out[o++] = ((left << 4) | (v >> 2)) & 0xff;
        left = v & 0x03;
        break;
      default:
        quad = 0;
        out[o++] = ((left << 6) | v) & 0xff;
        left = 0;
    }
  }
  if (quad !== 0) return null;
  return out.slice(0, o);
}

/**
 * Base64 body decoding as `get_payload(decode=True)` does it: CR and LF
 * removed (`b''.join(payload.splitlines())`), then `email._encoded_words.decode_b`:
 * strict decode after padding to a multiple of 4; else lenient decode
 * (non-alphabet bytes skipped, input after complete padding ignored); else
 * lenient with `==` appended; else the line-break-free input itself.
 */
export function decodeBase64Payload(src: Uint8Array): Uint8Array {
  const fast = decodeCleanBase64(src);
  if (fast !== null) return fast;
  let enc = src;
  if (src.indexOf(0x0a) >= 0 || src.indexOf(0x0d) >= 0) {
    const tmp = new Uint8Array(src.length);
    let o = 0;
    for (let i = 0; i < src.length; i++) {
      const c = src[i]!;
      if (c !== 0x0a && c !== 0x0d) tmp[o++] = c;
    }
    enc = tmp.subarray(0, o);
  }
  const padErr = enc.length % 4;
  return (
    a2bBase64Bytes(enc, padErr ? 4 - padErr : 0, true) ??
    a2bBase64Bytes(enc, 0, false) ??
    a2bBase64Bytes(enc, 2, false) ??
    enc.slice()
  );
}

const CLEAN_BASE64 = /^[A-Za-z0-9+/\r\n]*(?:=[\r\n]*){0,2}$/;

/**
 * Fast path for well-formed base64 (the usual attachment): only alphabet
 * characters and line breaks, at most two final `=`, and a length Python's
 * strict first attempt accepts. Node's native decoder then gives the same
 * bytes; anything else returns `null` and goes through the exact emulation.
 */
function decodeCleanBase64(src: Uint8Array): Uint8Array | null {
  const text = latin1Slice.call(Buffer.from(src.buffer, src.byteOffset, src.byteLength), 0, src.length);
  if (!CLEAN_BASE64.test(text)) return null;
  let pads = 0;
  let data = 0;
  for (let i = text.length - 1; i >= 0 && pads < 3; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x3d) pads++;
    else if (c !== 0x0a && c !== 0x0d) break;
  }
  const stripped = text.includes('\n') || text.includes('\r') ? text.replace(/[\r\n]+/g, '') : text;
  data = stripped.length - pads;
  const rem = data % 4;
  const ok = pads === 0 ? rem !== 1 : pads === 1 ? rem === 2 || rem === 3 : rem === 2;
  if (!ok) return null;
  const out = Buffer.from(stripped, 'base64');
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** `binascii.a2b_uu` on `src[s, e)`; `null` where it raises binascii.Error. */
function a2bUu(src: Uint8Array, s: number, e: number, out: number[]): boolean {
  let len = e - s;
  let p = s;
  const first = len > 0 ? src[p]! : 0; // C reads the buffer's NUL terminator on empty input
  p++;
  len--;
  let binLen = (first - 0x20) & 0x3f;
  const mark = out.length;
  let left = 0;
  let bits = 0;
  for (; binLen > 0; len--, p++) {
    let ch = len > 0 ? src[p]! : 0;
    if (ch === 0x0a || ch === 0x0d || len <= 0) ch = 0;
    else {
      // '`' (0x60) is accepted as zero: some encoders write it instead of a space.
      if (ch < 0x20 || ch > 0x60) {
        out.length = mark;
        return false;
      }
      ch = (ch - 0x20) & 0x3f;
    }
    left = (left << 6) | ch;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((left >> bits) & 0xff);
      left &= (1 << bits) - 1;
      binLen--;
    }
  }
  while (len-- > 0) {
    const ch = src[p++]!;
    if (ch !== 0x20 && ch !== 0x60 && ch !== 0x0a && ch !== 0x0d) {
      out.length = mark;
      return false;
    }
  }
  return true;
}

/** Python `int(mode, base=8)` succeeds (ASCII whitespace, sign, `0o` prefix, single `_` between digits). */
function isPythonOctal(src: Uint8Array, s: number, e: number): boolean {
  const ws = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d);
  while (s < e && ws(src[s]!)) s++;
  while (e > s && ws(src[e - 1]!)) e--;
  if (s < e && (src[s] === 0x2b || src[s] === 0x2d)) s++;
  if (e - s >= 2 && src[s] === 0x30 && (src[s + 1] === 0x6f || src[s + 1] === 0x4f)) {
    s += 2;
    if (s < e && src[s] === 0x5f) s++;
  }
  if (s >= e) return false;
  let prevDigit = false;
  for (let i = s; i < e; i++) {
    const c = src[i]!;
    if (c >= 0x30 && c <= 0x37) prevDigit = true;
    else if (c === 0x5f && prevDigit) prevDigit = false;
    else return false;
  }
  return prevDigit;
}

/**
 * uudecoding as `email.message._decode_uu`: lines split like
 * `bytes.splitlines()`; a `begin <octal mode> ...` line starts the data; an
 * empty data line fails ("Truncated input"); a line that strips to `end`
 * stops; each line goes through `binascii.a2b_uu`, with the "broken
 * encoder" retry on a prefix. `null` where Python raises (the caller then
 * returns the raw payload).
 */
export function decodeUu(src: Uint8Array): Uint8Array | null {
  const n = src.length;
  // Line ranges as bytes.splitlines() gives them (\n, \r\n, \r; no empty last line).
  const lines: number[] = [];
  for (let p = 0; p < n; ) {
    let q = p;
    while (q < n && src[q] !== 0x0a && src[q] !== 0x0d) q++;
    lines.push(p, q);
    if (q >= n) break;
    p = src[q] === 0x0d && q + 1 < n && src[q + 1] === 0x0a ? q + 2 : q + 1;
  }
  let k = 0;
  let found = false;
  for (; k < lines.length; k += 2) {
    const s = lines[k]!;
    const e = lines[k + 1]!;
    if (e - s >= 6 && src[s] === 0x62 && src[s + 1] === 0x65 && src[s + 2] === 0x67 && src[s + 3] === 0x69 &&
      src[s + 4] === 0x6e && src[s + 5] === 0x20) {
      let m = s + 6;
      while (m < e && src[m] !== 0x20) m++;
      if (isPythonOctal(src, s + 6, m)) {
        found = true;
        k += 2;
        break;
      }
    }
  }
  if (!found) return null;
  const out: number[] = [];
  for (; k < lines.length; k += 2) {
    const s = lines[k]!;
    let e = lines[k + 1]!;
    if (s === e) return null;
    // line.strip(b' \t\r\n\f') == b'end'
    let a = s;
    let z = e;
    const strippable = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x0c;
    while (a < z && strippable(src[a]!)) a++;
    while (z > a && strippable(src[z - 1]!)) z--;
    if (z - a === 3 && src[a] === 0x65 && src[a + 1] === 0x6e && src[a + 2] === 0x64) break;
    if (!a2bUu(src, s, e, out)) {
      const nbytes = Math.floor((((src[s]! - 0x20) & 0x3f) * 4 + 5) / 3);
      e = Math.min(e, s + nbytes);
      if (!a2bUu(src, s, e, out)) return null;
    }
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------

const EMPTY_DEFECTS: readonly MimeDefect[] = Object.freeze([]);

/**
 * One node of the MIME tree: the message itself or any part below it, like a
 * Python `email.message.Message`. Header lookups are case-insensitive; the
 * content type, parameters and payloads are computed on first use and cached.
 */
export class MimePart {
  /** Headers in file order (see {@link RawHeader}). */
  readonly headers: RawHeader[] = [];
  /**
   * @internal Where each header's value lies in the message bytes, flat `[start, end)` pairs in
   * {@link headers} order: the value is exactly those bytes, one character per byte. `-1, -1`
   * when it is not (folded lines that are not adjacent, bytes >= 0x80).
   */
  readonly valueSpans: number[] = [];
  /** The parent part; `null` for the message itself. */
  readonly parent: MimePart | null;
  /** Nesting depth: 0 for the message, 1 for its direct subparts, … */
  readonly depth: number;
  /** Position in {@link ParsedMessage.parts} (the walk order). */
  readonly index: number;
  /**
   * Content type used without a Content-Type header: `message/rfc822` for
   * children of multipart/digest, else `text/plain`.
   */
  readonly defaultType: string;
  /**
   * Subparts (multipart) or the inner message(s) (message/*), i.e. Python's
   * list payload (`is_multipart()`); `null` for a leaf, whose payload is bytes.
   */
  children: MimePart[] | null = null;
  /** The envelope `From ` line (without line end) when the part's first line was one, as Python's `get_unixfrom()`. */
  unixFrom: string | null = null;
  /** Byte offset of the part's first header line in the message. */
  headerStart = 0;
  /** Byte offset of the first body line (after the blank separator line, if any). */
  bodyStart = 0;
  /** Byte offset where the part ends: the start of the line that ended it (a boundary) or the end of the message. */
  end = 0;
  /** @internal Index of the last part of this subtree in the arena. */
  lastIndex = 0;
  /** @internal Payload ranges, flat `[start, end)` pairs (leaves only). */
  segs: number[] | null = null;
  /** @internal */
  defectList: MimeDefect[] | null = null;
  /** @internal */
  readonly root: ParsedMessage;

  #lower: string[] | null = null;
  #ctype: string | null = null;
  #params: Map<string, ParamsResult | null> | null = null;
  #decoded: Uint8Array | null | undefined = undefined;

  /** @internal Parts are built by {@link parseMessage}. */
  constructor(root: ParsedMessage | null, parent: MimePart | null, depth: number, index: number, defaultType: string) {
    this.root = root ?? (this as unknown as ParsedMessage);
    this.parent = parent;
    this.depth = depth;
    this.index = index;
    this.defaultType = defaultType;
  }

  /** Python's parser defects found in this part (empty when none). */
  get defects(): readonly MimeDefect[] {
    return this.defectList ?? EMPTY_DEFECTS;
  }

  /** True for a container (Python `is_multipart()`: multipart with parts, message/*). */
  get isMultipart(): boolean {
    return this.children !== null;
  }

  /** The lower-case name of every header, in order (made once per part; names are remembered, so this is mostly lookups). */
  #lowerNames(): string[] {
    let l = this.#lower;
    if (l === null) {
      const headers = this.headers;
      l = [];
      for (let i = 0; i < headers.length; i++) l.push(lowerName(headers[i]!.name));
      this.#lower = l;
    }
    return l;
  }

  /** First header of that name, case-insensitive (Python `msg.get(name)`); `undefined` when absent. */
  get(name: string): RawHeader | undefined {
    const want = lowerName(name);
    const lower = this.#lowerNames();
    for (let i = 0; i < lower.length; i++) if (lower[i] === want) return this.headers[i];
    return undefined;
  }

  /** Every header of that name, in file order (Python `msg.get_all(name)`, but `[]` for none). */
  getAll(name: string): RawHeader[] {
    const want = lowerName(name);
    const lower = this.#lowerNames();
    const out: RawHeader[] = [];
    for (let i = 0; i < lower.length; i++) if (lower[i] === want) out.push(this.headers[i]!);
    return out;
  }

  /** Presence test, case-insensitive (Python `name in msg`). */
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /**
   * Python `get_content_type()`: the Content-Type value before the first `;`,
   * stripped and lower-cased; the default type without the header; `text/plain`
   * when the value does not hold exactly one `/`.
   */
  get contentType(): string {
    let ct = this.#ctype;
    if (ct === null) {
      const h = this.get('content-type');
      if (h === undefined) ct = this.defaultType;
      else {
        const v = headerText(h);
        const semi = v.indexOf(';');
        ct = pyStrip(semi < 0 ? v : v.slice(0, semi)).toLowerCase();
        const slash = ct.indexOf('/');
        if (slash < 0 || ct.indexOf('/', slash + 1) >= 0) ct = 'text/plain';
      }
      this.#ctype = ct;
    }
    return ct;
  }

  /** Python `get_content_maintype()`. */
  get maintype(): string {
    const ct = this.contentType;
    return ct.slice(0, ct.indexOf('/'));
  }

  /** Python `get_content_subtype()`. */
  get subtype(): string {
    const ct = this.contentType;
    return ct.slice(ct.indexOf('/') + 1);
  }

  #paramsOf(header: string): ParamsResult | null {
    const key = header.toLowerCase();
    let cache = this.#params;
    if (cache === null) this.#params = cache = new Map();
    let r = cache.get(key);
    if (r === undefined) {
      const h = this.get(key);
      r = h === undefined ? null : parseParams(headerText(h));
      cache.set(key, r);
    }
    return r;
  }

  /**
   * True when Python's `get_param`/`get_params` raise for this header
   * (TypeError: RFC 2231 continuations of one name mixing `name*` and `name*N`).
   */
  paramsRaise(header = 'content-type'): boolean {
    return this.#paramsOf(header)?.typeError ?? false;
  }

  /**
   * Python `get_param(param, header=header)`: quotes removed, RFC 2231 values
   * as {@link Rfc2231Value}; the first match wins, plain parameters before RFC
   * 2231 ones. `undefined` when the header or parameter is absent, and when
   * Python would raise (check {@link paramsRaise}).
   */
  getParam(param: string, header = 'content-type'): ParamValue | undefined {
    const r = this.#paramsOf(header);
    if (r === null || r.typeError) return undefined;
    const want = param.toLowerCase();
    for (const [k, v] of r.list) if (k.toLowerCase() === want) return unquoteValue(v);
    return undefined;
  }

  /**
   * Python `get_content_charset()`: the `charset` parameter lower-cased; an
   * RFC 2231 value is decoded with its own charset (falling back to the raw
   * text); a non-ASCII result counts as absent.
   */
  contentCharset(): ContentCharset {
    if (this.paramsRaise()) return { ok: false, raises: 'TypeError' };
    const p = this.getParam('charset');
    if (p === undefined) return { ok: true, charset: null };
    let cs: string;
    if (typeof p === 'string') cs = p;
    else {
      const label = p.charset || 'us-ascii';
      if (label.includes('\0')) return { ok: false, raises: 'ValueError' };
      const codec = lookupCodec(label);
      const decoded = codec !== null && codec.text ? codec.decode(rawUnicodeEscape(p.value)) : null;
      cs = decoded ?? p.value;
    }
    if (!isAsciiString(cs)) return { ok: true, charset: null };
    return { ok: true, charset: cs.toLowerCase() };
  }

  /**
   * Python `get_boundary()`: the unquoted `boundary` parameter, RFC 2231
   * values collapsed, trailing whitespace removed. `null` when absent (or when
   * Python would raise, see {@link paramsRaise}). A result holding non-ASCII
   * characters never matches a body line.
   */
  getBoundary(): string | null {
    const r = this.#boundary();
    return typeof r === 'string' ? r : null;
  }

  /** @internal Boundary, or the exception Python raises computing it. */
  boundaryOrError(): string | null | { raises: 'TypeError' | 'ValueError' } {
    return this.#boundary();
  }

  #boundary(): string | null | { raises: 'TypeError' | 'ValueError' } {
    if (this.paramsRaise()) return { raises: 'TypeError' };
    const p = this.getParam('boundary');
    if (p === undefined) return null;
    let v: string;
    // email.utils.collapse_rfc2231_value(errors='replace', fallback_charset='us-ascii')
    if (typeof p === 'string') v = unquote(p);
    else {
      const label = p.charset ?? 'us-ascii';
      if (label.includes('\0')) return { raises: 'ValueError' };
      const codec = lookupCodec(label);
      if (codec === null || !codec.text) v = unquote(p.value);
      else {
        // A failed strict decode would hold U+FFFD under errors='replace': it can never match a line.
        v = codec.decode(rawUnicodeEscape(p.value)) ?? '\uFFFD';
      }
    }
    return pyRstrip(v);
  }

  /**
   * The undecoded payload bytes of a leaf (Python's string payload, as bytes):
   * `null` for a container. The line break before a closing boundary is not
   * part of it.
   */
  rawPayload(): Uint8Array | null {
    const segs = this.segs;
    if (this.children !== null) return null;
    const src = this.root.bytes;
    if (segs === null || segs.length === 0) return src.subarray(0, 0);
    if (segs.length === 2) return src.subarray(segs[0]!, segs[1]!);
    let total = 0;
    for (let i = 0; i < segs.length; i += 2) total += segs[i + 1]! - segs[i]!;
    const out = new Uint8Array(total);
    let o = 0;
    for (let i = 0; i < segs.length; i += 2) {
      out.set(src.subarray(segs[i]!, segs[i + 1]!), o);
      o += segs[i + 1]! - segs[i]!;
    }
    return out;
  }

  /**
   * Python `get_payload(decode=True)`: `null` for a container; otherwise the
   * payload decoded by its Content-Transfer-Encoding, lower-cased but not
   * trimmed: `quoted-printable`, `base64`, `x-uuencode`/`uuencode`/`uue`/`x-uue`
   * (raw bytes when that fails); any other value, or none, gives the raw bytes.
   * The result may share memory with the message: do not modify it.
   */
  decodedPayload(): Uint8Array | null {
    if (this.#decoded !== undefined) return this.#decoded;
    const raw = this.rawPayload();
    let out: Uint8Array | null = raw;
    if (raw !== null) {
      const h = this.get('content-transfer-encoding');
      // An 8-bit value is a Header whose str() holds U+FFFD: it matches no encoding name.
      const cte = h === undefined || h.eightBit ? '' : h.value.toLowerCase();
      if (cte === 'quoted-printable') out = decodeQuotedPrintable(raw);
      else if (cte === 'base64') out = decodeBase64Payload(raw);
      else if (cte === 'x-uuencode' || cte === 'uuencode' || cte === 'uue' || cte === 'x-uue') {
        out = decodeUu(raw) ?? raw;
      }
    }
    this.#decoded = out;
    return out;
  }

  /** Python `Message.walk()`: this part, then every part below it, pre-order depth-first. */
  *walk(): Generator<MimePart, void, undefined> {
    const parts = this.root.parts;
    for (let i = this.index; i <= this.lastIndex; i++) yield parts[i]!;
  }

  /** The parts of {@link walk} as an array. */
  subtree(): MimePart[] {
    return this.root.parts.slice(this.index, this.lastIndex + 1);
  }
}

/**
 * A parsed message: the root {@link MimePart} plus the whole part arena and
 * what stopped the parse, if anything.
 */
export class ParsedMessage extends MimePart {
  /** The message bytes the model points into. */
  readonly bytes: Uint8Array;
  /** Every part, the message first, in walk order. */
  readonly parts: MimePart[] = [];
  /** Set when a {@link MimeLimits} limit stopped the parser from descending (the first one hit). */
  limitExceeded?: LimitExceeded;
  /**
   * Set when Python's parser itself would raise on this message
   * (`message_from_bytes` fails: a multipart's boundary parameter makes
   * `get_boundary()` raise). The model treats that part as having no boundary.
   */
  pythonError?: { readonly partIndex: number; readonly raises: 'TypeError' | 'ValueError' };

  /** @internal Use {@link parseMessage}. */
  constructor(bytes: Uint8Array) {
    super(null, null, 0, 0, 'text/plain');
    this.bytes = bytes;
  }
}

// ---------------------------------------------------------------------------
// The parser (email.feedparser.FeedParser._parsegen on an explicit stack)
// ---------------------------------------------------------------------------

const S_MP_LOOP = 0;
const S_MP_AFTER = 1;
const S_MSG_START = 2;
const S_MSG_AFTER = 3;
const S_DSN_START = 4;
const S_DSN_AFTER = 5;

interface Frame {
  readonly part: MimePart;
  state: number;
  /** Own boundary when it can match a line (ASCII); `null` when it never can. */
  readonly boundary: string | null;
  capturing: boolean;
  preamble: number[];
}

const NL_DASH = Buffer.from('\n--', 'latin1');
const CR_DASH = Buffer.from('\r--', 'latin1');

/** The line `[ls, lc)` starts with `From ` (an envelope line to Python's header parser). */
function isFromLine(b: Uint8Array, ls: number, lc: number): boolean {
  return (
    lc - ls >= 5 && b[ls] === 0x46 && b[ls + 1] === 0x72 && b[ls + 2] === 0x6f && b[ls + 3] === 0x6d && b[ls + 4] === 0x20
  );
}

function addSeg(segs: number[], s: number, e: number): void {
  const k = segs.length;
  if (k > 0 && segs[k - 1] === s) segs[k - 1] = e;
  else segs.push(s, e);
}

/** What header text is sliced from: the message's bytes, one character per byte. */
interface Latin1Source {
  latin1Slice(s: number, e: number): string;
}

/**
 * A header as parsed: its value is the text of bytes `[start, end)` of the message, made
 * when first read. Most values are never read as text: the stored headers copy them from
 * the bytes (see {@link MimePart.valueSpans}).
 */
class ParsedHeader implements RawHeader {
  readonly name: string;
  readonly eightBit: boolean;
  #value: string | null;
  readonly #buf: Latin1Source;
  readonly #start: number;
  readonly #end: number;

  constructor(name: string, eightBit: boolean, value: string | null, buf: Latin1Source, start: number, end: number) {
    this.name = name;
    this.eightBit = eightBit;
    this.#value = value;
    this.#buf = buf;
    this.#start = start;
    this.#end = end;
  }

  get value(): string {
    let v = this.#value;
    if (v === null) this.#value = v = this.#start >= this.#end ? '' : this.#buf.latin1Slice(this.#start, this.#end);
    return v;
  }
}

/** The header-line triples of {@link Parser.parseHeaders}, kept between messages so that they need not grow again each time… */
const HEADER_LINES: number[] = [];
/** …unless a huge header block made them grow past this. */
const HEADER_LINES_KEPT = 3 * 4096;

class Parser {
  readonly b: Uint8Array;
  readonly buf: Buffer;
  readonly fastBuf: Latin1Source;
  readonly n: number;
  readonly msg: ParsedMessage;
  readonly maxDepth: number;
  readonly maxParts: number;
  readonly maxHeaderBytes: number;
  readonly hasCR: boolean;
  /** Next unread byte of the buffer. */
  pos = 0;
  /** Pushed-back lines (Python's `unreadline`), flat (start, contentEnd, end) triples; the top is read first. */
  readonly pb: number[] = [];
  // Cached next positions (n = none) of LF, CR, "\n--", "\r--"; valid while >= pos.
  lfAt = -1;
  crAt = -1;
  ndAt = -1;
  cdAt = -1;
  /** The current line: start, end of content, end including the line break. */
  ls = 0;
  lc = 0;
  le = 0;
  /** Boundaries of the enclosing multiparts (Python's EOF predicates), counted. */
  readonly bounds = new Map<string, number>();
  maxKeyLen = 0;
  /** Boundary key of the line starting at `keyLs` (see `atEof`). */
  keyLs = -1;
  keyLen = 0;
  key: string | null = null;
  keyAlt: string | null = null;
  /** Active `message/delivery-status` blank-line predicates. */
  nl = 0;
  /** Python's `FeedParser._last`: the part whose trailing line break a boundary takes. */
  last: MimePart;
  /** Header-line triples of the block being parsed (one array for every parse, which runs to its end at once). */
  readonly hl = HEADER_LINES;
  /** The header block being parsed holds no byte >= 0x80. */
  blockAscii = true;

  constructor(msg: ParsedMessage, limits: Required<MimeLimits>) {
    this.msg = msg;
    this.b = msg.bytes;
    this.buf = Buffer.from(this.b.buffer, this.b.byteOffset, this.b.byteLength);
    this.fastBuf = HAS_LATIN1_SLICE
      ? (this.buf as unknown as Latin1Source)
      : { latin1Slice: (s, e) => this.buf.toString('latin1', s, e) };
    this.n = this.b.length;
    this.maxDepth = limits.maxDepth;
    this.maxParts = limits.maxParts;
    this.maxHeaderBytes = limits.maxHeaderBytes;
    this.hasCR = this.buf.indexOf(13) >= 0;
    this.last = msg;
  }

  /** {@link latin1} as a function value. */
  readonly slice = (s: number, e: number): string => this.latin1(s, e);

  latin1(s: number, e: number): string {
    return s >= e ? '' : this.fastBuf.latin1Slice(s, e);
  }

  limit(which: LimitExceeded['limit'], value: number): void {
    if (this.msg.limitExceeded === undefined) this.msg.limitExceeded = { limit: which, value };
  }

  defect(part: MimePart, d: MimeDefect): void {
    (part.defectList ??= []).push(d);
  }

  /** Start of the next line to be read. */
  nextStart(): number {
    const pb = this.pb;
    return pb.length > 0 ? pb[pb.length - 3]! : this.pos;
  }

  /** Next line, ignoring the EOF predicates; false at the real end. */
  readRaw(): boolean {
    const pb = this.pb;
    if (pb.length > 0) {
      this.le = pb.pop()!;
      this.lc = pb.pop()!;
      this.ls = pb.pop()!;
      return true;
    }
    const pos = this.pos;
    const n = this.n;
    if (pos >= n) return false;
    const b = this.b;
    if (this.lfAt < pos) {
      const i = this.buf.indexOf(10, pos);
      this.lfAt = i < 0 ? n : i;
    }
    let lc = this.lfAt;
    let le = lc < n ? lc + 1 : n;
    if (this.hasCR) {
      if (this.crAt < pos) {
        const i = this.buf.indexOf(13, pos);
        this.crAt = i < 0 ? n : i;
      }
      const cr = this.crAt;
      if (cr < lc) {
        lc = cr;
        le = cr + 1 < n && b[cr + 1] === 10 ? cr + 2 : cr + 1;
      }
    }
    this.ls = pos;
    this.lc = lc;
    this.le = le;
    this.pos = le;
    return true;
  }

  unread(): void {
    this.pb.push(this.ls, this.lc, this.le);
  }

  /** True when the current line is a false EOF for the active predicates. */
  atEof(): boolean {
    const ls = this.ls;
    const lc = this.lc;
    if (this.nl > 0 && lc === ls) return true;
    if (this.bounds.size === 0 || lc - ls < 2) return false;
    const b = this.b;
    if (b[ls] !== 45 || b[ls + 1] !== 45) return false;
    // `--B(--)?[ \t]*` with B never ending in whitespace (get_boundary strips it):
    // B is the rest with trailing blanks removed, or that minus a final `--`.
    // A line ending a deeply nested part is re-read once per level, so its key is cached.
    if (this.keyLs !== ls || (this.key === null && this.keyLen <= this.maxKeyLen + 2)) {
      let t = lc;
      while (t > ls + 2 && (b[t - 1] === 32 || b[t - 1] === 9)) t--;
      const len = t - ls - 2;
      this.keyLs = ls;
      this.keyLen = len;
      this.key = len <= this.maxKeyLen + 2 ? this.latin1(ls + 2, t) : null;
      this.keyAlt = this.key !== null && len >= 2 && b[t - 1] === 45 && b[t - 2] === 45 ? this.key.slice(0, -2) : null;
    }
    const key = this.key;
    if (key === null) return false;
    return this.bounds.has(key) || (this.keyAlt !== null && this.bounds.has(this.keyAlt));
  }

  /** Python's `BufferedSubFile.readline`: false at EOF (a matching line stays unread). */
  readline(): boolean {
    if (!this.readRaw()) return false;
    if ((this.nl > 0 || this.bounds.size > 0) && this.atEof()) {
      this.unread();
      return false;
    }
    return true;
  }

  /** The multipart's own `boundaryre`: 0 no match, 1 separator, 2 close delimiter. */
  ownMatch(B: string): number {
    const b = this.b;
    const ls = this.ls;
    const lc = this.lc;
    const L = B.length;
    if (lc - ls < 2 + L || b[ls] !== 45 || b[ls + 1] !== 45) return 0;
    for (let i = 0; i < L; i++) if (b[ls + 2 + i] !== B.charCodeAt(i)) return 0;
    let p = ls + 2 + L;
    if (lc - p >= 2 && b[p] === 45 && b[p + 1] === 45) {
      let q = p + 2;
      while (q < lc && (b[q] === 32 || b[q] === 9)) q++;
      if (q === lc) return 2;
    }
    while (p < lc && (b[p] === 32 || b[p] === 9)) p++;
    return p === lc ? 1 : 0;
  }

  pushBound(B: string): void {
    this.bounds.set(B, (this.bounds.get(B) ?? 0) + 1);
    if (B.length > this.maxKeyLen) this.maxKeyLen = B.length;
  }

  popBound(B: string): void {
    const c = this.bounds.get(B)! - 1;
    if (c === 0) this.bounds.delete(B);
    else this.bounds.set(B, c);
  }

  /**
   * Reads lines up to the current EOF, appending their ranges to `segs` (when
   * given). Outside delivery-status blocks only lines starting with `--` can
   * be a false EOF, so the scan jumps between those.
   */
  readBody(segs: number[] | null): void {
    while (this.pb.length > 0) {
      if (!this.readline()) return;
      if (segs !== null) addSeg(segs, this.ls, this.le);
    }
    const start = this.pos;
    let stop: number;
    if (this.nl > 0) {
      while (this.readline()) {
        /* consume */
      }
      stop = this.nextStart();
      if (this.pb.length === 0) stop = this.n;
    } else if (this.bounds.size === 0) {
      stop = this.n;
      this.pos = stop;
    } else stop = this.scanToBoundary();
    if (segs !== null && stop > start) addSeg(segs, start, stop);
  }

  /** Advance to the first line that is a false EOF (left unread) or the end; returns its start. */
  scanToBoundary(): number {
    const b = this.b;
    const n = this.n;
    let p = this.pos;
    while (p < n) {
      if (b[p] === 45 && p + 1 < n && b[p + 1] === 45) {
        this.pos = p;
        this.readRaw();
        if (this.atEof()) {
          this.pos = p;
          return p;
        }
        p = this.le;
        continue;
      }
      if (this.ndAt < p) {
        const i = this.buf.indexOf(NL_DASH, p);
        this.ndAt = i < 0 ? n : i;
      }
      let q = this.ndAt;
      if (this.hasCR) {
        if (this.cdAt < p) {
          const i = this.buf.indexOf(CR_DASH, p);
          this.cdAt = i < 0 ? n : i;
        }
        if (this.cdAt < q) q = this.cdAt;
      }
      if (q >= n) break;
      p = q + 1;
    }
    this.pos = n;
    return n;
  }

  /** Python's `_new_message` for a subpart of `parent`. */
  newPart(parent: MimePart): MimePart {
    const part = new MimePart(
      this.msg,
      parent,
      parent.depth + 1,
      this.msg.parts.length,
      parent.contentType === 'multipart/digest' ? 'message/rfc822' : 'text/plain',
    );
    this.msg.parts.push(part);
    (parent.children ??= []).push(part);
    this.last = part;
    return part;
  }

  /** Header block of `part`: the header loop of `_parsegen` plus `_parse_headers`. */
  parseHeaders(part: MimePart): void {
    part.headerStart = this.nextStart();
    const hl = this.hl;
    let hlN = 0;
    const b = this.b;
    while (this.readline()) {
      const ls = this.ls;
      const lc = this.lc;
      let header = false;
      if (lc > ls) {
        const c0 = b[ls]!;
        if (c0 === 32 || c0 === 9) header = true;
        else if (isFromLine(b, ls, lc)) header = true;
        else {
          for (let i = ls; i < lc; i++) {
            const c = b[i]!;
            if (c === 58) {
              header = true;
              break;
            }
            if (c < 0x21 || c > 0x7e) break;
          }
        }
      }
      if (header) {
        hl[hlN++] = ls;
        hl[hlN++] = lc;
        hl[hlN++] = this.le;
        continue;
      }
      if (lc > ls) {
        // Not a header and not the blank separator: it is the first body line.
        this.defect(part, 'MissingHeaderBodySeparator');
        this.unread();
      }
      break;
    }
    const count = hlN / 3;
    // One native check of the whole block spares a per-value scan in the usual all-ASCII case.
    this.blockAscii = count === 0 || isAscii(this.b.subarray(hl[0]!, hl[hlN - 1]!));
    let cur = -1;
    let curEnd = -1;
    let budget = this.maxHeaderBytes;
    for (let k = 0; k < count; k++) {
      const ls = hl[k * 3]!;
      const c0 = b[ls]!;
      if (c0 === 32 || c0 === 9) {
        if (cur < 0) this.defect(part, 'FirstHeaderLineIsContinuation');
        else curEnd = k;
        continue;
      }
      if (cur >= 0) {
        budget = this.flushHeader(part, cur, curEnd, budget);
        cur = -1;
      }
      if (isFromLine(b, ls, hl[k * 3 + 1]!)) {
        if (k === 0) part.unixFrom = this.latin1(ls, hl[1]!);
        else if (k === count - 1) {
          // Looks like an envelope line at the end: Python pushes it back as the first body line.
          this.pb.push(ls, hl[k * 3 + 1]!, hl[k * 3 + 2]!);
          return this.endHeaders(part);
        } else this.defect(part, 'MisplacedEnvelopeHeader');
        continue;
      }
      if (c0 === 58) {
        this.defect(part, 'MissingHeaderName');
        continue;
      }
      cur = k;
      curEnd = k;
    }
    if (cur >= 0) this.flushHeader(part, cur, curEnd, budget);
    this.endHeaders(part);
  }

  endHeaders(part: MimePart): void {
    part.bodyStart = this.nextStart();
  }

  /** compat32 `header_source_parse` for header lines k0..k1; returns the remaining byte budget. */
  flushHeader(part: MimePart, k0: number, k1: number, budget: number): number {
    const hl = this.hl;
    const b = this.b;
    const ls = hl[k0 * 3]!;
    const lastEnd = hl[k1 * 3 + 2]!;
    const size = lastEnd - ls;
    if (size > budget) {
      this.limit('maxHeaderBytes', this.maxHeaderBytes);
      return -1;
    }
    let colon = ls;
    while (b[colon] !== 58) colon++;
    const name = nameOf(b, ls, colon, this.slice);
    let vs = colon + 1;
    const lc0 = hl[k0 * 3 + 1]!;
    while (vs < lc0 && (b[vs] === 32 || b[vs] === 9)) vs++;
    let contiguous = true;
    for (let k = k0; k < k1; k++) if (hl[k * 3 + 2] !== hl[(k + 1) * 3]) contiguous = false;
    const ve = hl[k1 * 3 + 1]!;
    if (contiguous) {
      const eightBit = !this.blockAscii && !isAscii(b.subarray(vs, ve));
      part.headers.push(new ParsedHeader(name, eightBit, null, this.fastBuf, vs, ve));
      if (eightBit) part.valueSpans.push(-1, -1);
      else part.valueSpans.push(vs, ve);
      return budget - size;
    }
    // Lines that are not adjacent in the buffer (cannot happen with pushback as Python does it; kept for safety).
    const pieces: string[] = [];
    for (let k = k0; k <= k1; k++) {
      const s = k === k0 ? vs : hl[k * 3]!;
      const e = k === k1 ? hl[k * 3 + 1]! : hl[k * 3 + 2]!;
      pieces.push(this.latin1(s, e));
    }
    const value = pieces.join('');
    part.headers.push(new ParsedHeader(name, !this.blockAscii && /[\x80-\xff]/.test(value), value, this.fastBuf, 0, 0));
    part.valueSpans.push(-1, -1);
    return budget - size;
  }

  /** Header parsing plus the start of the body: a frame for containers, `null` once a leaf is complete. */
  enter(part: MimePart): Frame | null {
    this.parseHeaders(part);
    const ct = part.contentType;
    const main = part.maintype;
    const container = main === 'message' || main === 'multipart';
    if (container && part.depth >= this.maxDepth) {
      this.limit('maxDepth', this.maxDepth);
      return this.leaf(part);
    }
    if (ct === 'message/delivery-status') {
      return { part, state: S_DSN_START, boundary: null, capturing: false, preamble: [] };
    }
    if (main === 'message') return { part, state: S_MSG_START, boundary: null, capturing: false, preamble: [] };
    if (main === 'multipart') {
      const bnd = part.boundaryOrError();
      if (bnd !== null && typeof bnd === 'object') {
        if (this.msg.pythonError === undefined) this.msg.pythonError = { partIndex: part.index, raises: bnd.raises };
        this.defect(part, 'ParamsRaise');
        return this.leaf(part);
      }
      if (bnd === null) {
        this.defect(part, 'NoBoundaryInMultipart');
        return this.leaf(part);
      }
      return {
        part,
        state: S_MP_LOOP,
        boundary: isAsciiString(bnd) ? bnd : null,
        capturing: true,
        preamble: [],
      };
    }
    return this.leaf(part);
  }

  /** Leaf payload: every line to the current EOF. */
  leaf(part: MimePart): null {
    const segs: number[] = [];
    this.readBody(segs);
    part.segs = segs;
    this.finish(part);
    return null;
  }

  finish(part: MimePart): void {
    part.end = this.nextStart();
    part.lastIndex = this.msg.parts.length - 1;
  }

  /** Creates a subpart of frame `f` and enters it (a container subpart goes on the stack). */
  spawn(stack: Frame[], f: Frame): void {
    const child = this.enter(this.newPart(f.part));
    if (child !== null) stack.push(child);
  }

  /** Part limit reached: the rest of `f`'s body is consumed unparsed. */
  overParts(f: Frame): boolean {
    if (this.msg.parts.length < this.maxParts) return false;
    this.limit('maxParts', this.maxParts);
    if (f.part.children === null) {
      const segs: number[] = [];
      this.readBody(segs);
      f.part.segs = segs;
    } else this.readBody(null);
    this.finish(f.part);
    return true;
  }

  /** Python's "newline belongs to the boundary" trim on `_last` after a subpart. */
  trimLast(): void {
    const l = this.last;
    if (l.maintype === 'multipart' || l.children !== null) return; // multipart: only its epilogue (dropped) is trimmed
    const segs = l.segs;
    if (segs === null || segs.length === 0) return;
    const k = segs.length;
    const s = segs[k - 2]!;
    let e = segs[k - 1]!;
    const b = this.b;
    if (e > s && b[e - 1] === 10) {
      e--;
      if (e > s && b[e - 1] === 13) e--;
    } else if (e > s && b[e - 1] === 13) e--;
    if (e === s) segs.length = k - 2;
    else segs[k - 1] = e;
  }

  run(): void {
    const stack: Frame[] = [];
    const top = this.enter(this.msg);
    if (top !== null) stack.push(top);
    while (stack.length > 0) {
      const f = stack[stack.length - 1]!;
      switch (f.state) {
        case S_MP_LOOP:
          if (!this.multipartLoop(f)) stack.pop();
          else if (this.overParts(f)) stack.pop();
          else {
            // The subpart reads up to the next line that is a boundary of this or any enclosing multipart.
            this.pushBound(f.boundary!);
            f.state = S_MP_AFTER;
            this.spawn(stack, f);
          }
          break;
        case S_MP_AFTER:
          this.trimLast();
          this.popBound(f.boundary!);
          this.last = f.part;
          f.state = S_MP_LOOP;
          break;
        case S_MSG_START:
          if (this.overParts(f)) stack.pop();
          else {
            f.state = S_MSG_AFTER;
            this.spawn(stack, f);
          }
          break;
        case S_MSG_AFTER:
          this.finish(f.part);
          stack.pop();
          break;
        case S_DSN_START:
          if (this.overParts(f)) stack.pop();
          else {
            this.nl++;
            f.state = S_DSN_AFTER;
            this.spawn(stack, f);
          }
          break;
        default: {
          // S_DSN_AFTER: consume the blank line, then stop at EOF or start the next block.
          this.nl--;
          this.readline();
          if (this.readline()) {
            this.unread();
            f.state = S_DSN_START;
          } else {
            this.finish(f.part);
            stack.pop();
          }
        }
      }
    }
  }

  /**
   * The line loop of a multipart. Returns true when a subpart starts at the
   * next line, false when the multipart is finished.
   */
  multipartLoop(f: Frame): boolean {
    const B = f.boundary;
    let closeSeen = false;
    while (this.readline()) {
      const m = B === null ? 0 : this.ownMatch(B);
      if (m === 2) {
        closeSeen = true;
        break;
      }
      if (m === 1) {
        f.capturing = false;
        // Consecutive boundary lines (close delimiters included) open no empty parts.
        while (this.readline()) {
          if (this.ownMatch(B!) === 0) {
            this.unread();
            break;
          }
        }
        return true;
      }
      // Not a boundary: only possible in the preamble (Python asserts it).
      if (f.capturing) addSeg(f.preamble, this.ls, this.le);
    }
    const part = f.part;
    if (f.capturing) {
      // No start boundary: the multipart keeps its body text as a plain payload.
      this.defect(part, 'StartBoundaryNotFound');
      part.segs = f.preamble;
      this.readBody(null);
    } else if (!closeSeen) this.defect(part, 'CloseBoundaryNotFound');
    else this.readBody(null); // epilogue, dropped
    this.finish(part);
    return false;
  }
}

/**
 * Parses one message the way Python's `email.message_from_bytes` (compat32)
 * does, for Patchwork's view of it (spec 1.2). `bytes` is the message without
 * its envelope `From ` line; line breaks are kept as they are.
 *
 * Never throws on bad input: malformed structure gives Python's best-effort
 * model (see {@link MimePart.defects}); pathological input is bounded by
 * `limits` ({@link ParsedMessage.limitExceeded}). Work is linear in the input.
 *
 * @example
 * const msg = parseMessage(Buffer.from('Subject: hi\nContent-Type: text/plain\n\nbody\n'));
 * msg.get('subject')?.value;         // 'hi'
 * msg.contentType;                   // 'text/plain'
 * [...msg.walk()].length;            // 1
 * Buffer.from(msg.decodedPayload()!).toString(); // 'body\n'
 */
export function parseMessage(bytes: Uint8Array, limits?: MimeLimits): ParsedMessage {
  const resolved: Required<MimeLimits> = {
    maxDepth: limits?.maxDepth ?? MAX_MIME_DEPTH,
    maxParts: limits?.maxParts ?? MAX_MIME_PARTS,
    maxHeaderBytes: limits?.maxHeaderBytes ?? MAX_HEADER_BYTES,
  };
  const msg = new ParsedMessage(bytes);
  msg.parts.push(msg);
  try {
    new Parser(msg, resolved).run();
  } finally {
    if (HEADER_LINES.length > HEADER_LINES_KEPT) HEADER_LINES.length = 0;
  }
  return msg;
}
