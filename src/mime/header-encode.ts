/**
 * Stored headers and the API `headers` object (spec 1.9).
 *
 * Patchwork's `find_headers` stores every top-level header as `name + ": " + H.encode()`,
 * where `H` is the sanitised Python `Header` (spec 1.5 steps 1-2, continuation whitespace TAB)
 * and `encode()` is Python's `Header.encode` with 78 columns: RFC 2047 re-encoding of
 * non-ASCII chunks and re-folding of everything. The API re-parses that blob as a header
 * block. No library folds exactly like Python's `_ValueFormatter`, so it is written out here
 * ({@link encodeHeader}); see the spec for the algorithm in prose.
 */

import { isAdditiveCodec, isAsciiTransparent, lookupCodec, type Codec } from './charset.js';
import { US_ASCII, type EmailCharset } from './email-charset.js';
import { hasEncodedWord, isAscii, isNonCText, sanitiseHeader, splitLines, type HeaderPart } from './header-decode.js';
import { isPySpace, pyLstrip } from '../util/pystr.js';
import type { RawHeader } from './types.js';

/** Python's `email.header.MAXLINELEN`. */
const MAX_LINE_LENGTH = 78;
/** `Header(continuation_ws='\t')` as Patchwork's `sanitise_header` builds it. */
const CONTINUATION_WS = '\t';
/** `email.header` RFC 2047 chrome: `=?` `?b?` `?=` around the charset name. */
const RFC2047_CHROME_LEN = 7;

// ---------------------------------------------------------------------------------------------
// RFC 2047 word encoding (email.quoprimime / email.base64mime header functions)
// ---------------------------------------------------------------------------------------------

const HEX = '0123456789ABCDEF';

/** Bytes written literally by the header Q encoding: letters, digits and `-!*+/`. */
function qLiteral(b: number): boolean {
  return (
    (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x21 || b === 0x2a || b === 0x2b || b === 0x2f
  );
}

/** `quoprimime.header_length`: 1 per literal byte or space, 3 per `=XX`. */
function qLength(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    n += qLiteral(b) || b === 0x20 ? 1 : 3;
  }
  return n;
}

function b64Length(byteCount: number): number {
  return Math.ceil(byteCount / 3) * 4;
}

/** `quoprimime.header_encode` body: the Q form of every byte. */
function qEncode(bytes: Uint8Array): string {
  const out = Buffer.allocUnsafe(bytes.length * 3);
  let o = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (qLiteral(b)) out[o++] = b;
    else if (b === 0x20) out[o++] = 0x5f;
    else {
      out[o++] = 0x3d;
      out[o++] = HEX.charCodeAt(b >> 4);
      out[o++] = HEX.charCodeAt(b & 15);
    }
  }
  return out.toString('latin1', 0, o);
}

/** Standard base64 with padding (`base64.b64encode`). */
function b64Encode(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Surrogate-escaped `unknown-8bit` text back to its bytes (`str.encode('ascii', 'surrogateescape')`). */
function unescapeBytes(text: string): Uint8Array | null {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) out[i] = c;
    else if (c >= 0xdc80 && c <= 0xdcff) out[i] = c - 0xdc00;
    else return null;
  }
  return out;
}

/** `charset._encode(text, codec)`: strict encoding, `unknown-8bit` through surrogateescape. */
function encodeWith(text: string, codec: Codec | null, unknown8bit: boolean): Uint8Array | null {
  if (unknown8bit) return unescapeBytes(text);
  return codec === null ? null : codec.encode(text);
}

/**
 * `Charset.header_encode_lines`: `text` as encoded words filling the given widths. The first
 * entry is `null` when not even one character fits the first width; an empty piece yields
 * `''` (Python's header encoders return an empty string for no bytes). `null` overall when a
 * piece cannot be encoded (Python would raise).
 */
function headerEncodeLines(text: string, cs: EmailCharset, firstWidth: number, nextWidth: number): (string | null)[] | null {
  // `output_codec or 'us-ascii'` (only an empty label has no output codec).
  const outName = cs.outputCodec || 'us-ascii';
  const outCodec = cs.unknown8bit ? null : lookupCodec(outName);
  // The width of a piece is measured with the output *charset* (gb2312, not eucgb2312_cn).
  const measureCodec = cs.unknown8bit ? null : lookupCodec(cs.outputCharset);
  const all = encodeWith(text, outCodec, cs.unknown8bit);
  if (all === null) return null;
  const useB64 = cs.headerEncoding === 'base64' || (cs.headerEncoding === 'shortest' && b64Length(all.length) < qLength(all));
  const extra = cs.outputCharset.length + RFC2047_CHROME_LEN;
  const word = (piece: string): string | null => {
    const bytes = encodeWith(piece, outCodec, cs.unknown8bit);
    if (bytes === null) return null;
    if (bytes.length === 0) return '';
    return `=?${outName}?${useB64 ? 'b' : 'q'}?${useB64 ? b64Encode(bytes) : qEncode(bytes)}?=`;
  };
  const additive = cs.unknown8bit || (measureCodec !== null && isAdditiveCodec(measureCodec));
  // utf-8 and unknown-8bit are measured arithmetically (no per-character encoding).
  const utf8 = !cs.unknown8bit && measureCodec !== null && measureCodec.name === 'utf-8';
  const asciiSame = measureCodec !== null && isAsciiTransparent(measureCodec);
  const lines: (string | null)[] = [];
  let maxLen = firstWidth - extra;
  let start = 0;
  // Running measure of text[start, i) for additive codecs.
  let byteCount = 0;
  let qLen = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    const next = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? i + 2 : i + 1;
    let length: number;
    let chCount = 0;
    let chQ = 0;
    if (c < 0x80 && (asciiSame || cs.unknown8bit) && additive) {
      chCount = 1;
      chQ = qLiteral(c) || c === 0x20 ? 1 : 3;
      length = useB64 ? b64Length(byteCount + 1) : qLen + chQ;
    } else if (cs.unknown8bit || utf8) {
      if (c < 0x80) {
        chCount = 1;
        chQ = qLiteral(c) || c === 0x20 ? 1 : 3;
      } else if (cs.unknown8bit) {
        if (c < 0xdc80 || c > 0xdcff) return null; // not an escaped byte: Python raises
        chCount = 1;
        chQ = 3;
      } else {
        if (c >= 0xd800 && c <= 0xdfff && next === i + 1) return null; // lone surrogate
        chCount = c < 0x800 ? 2 : next === i + 2 ? 4 : 3;
        chQ = 3 * chCount;
      }
      length = useB64 ? b64Length(byteCount + chCount) : qLen + chQ;
    } else if (additive) {
      const chBytes = encodeWith(text.slice(i, next), measureCodec, false);
      if (chBytes === null) return null;
      chCount = chBytes.length;
      chQ = qLength(chBytes);
      length = useB64 ? b64Length(byteCount + chCount) : qLen + chQ;
    } else {
      const bytes = encodeWith(text.slice(start, next), measureCodec, false);
      if (bytes === null) return null;
      length = useB64 ? b64Length(bytes.length) : qLength(bytes);
    }
    if (length > maxLen) {
      if (lines.length === 0 && start === i) lines.push(null);
      else {
        const w = word(text.slice(start, i));
        if (w === null) return null;
        lines.push(w);
      }
      start = i;
      maxLen = nextWidth - extra;
      byteCount = 0;
      qLen = 0;
    }
    byteCount += chCount;
    qLen += chQ;
    i = next;
  }
  const w = word(text.slice(start));
  if (w === null) return null;
  lines.push(w);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Header.encode (email.header._ValueFormatter and _Accumulator)
// ---------------------------------------------------------------------------------------------

/** Python `str.isspace()` on a non-empty string. */
function isAllPySpace(s: string): boolean {
  if (s === '') return false;
  for (let i = 0; i < s.length; i++) if (!isPySpace(s.charCodeAt(i))) return false;
  return true;
}

/** Python's `_ascii_split` pattern: runs of folding whitespace, captured. */
const FWS_RUN = /([ \t]+)/;

/** `Header.encode` split characters, in preference order: `;` `,` space tab. */
const SPLIT_CHARS = [0x3b, 0x2c, 0x20, 0x09] as const;

/** Thrown internally when a piece cannot be encoded; `encodeHeader` turns it into `null`. */
class EncodeFailure extends Error {}

class ValueFormatter {
  private readonly lines: string[] = [];
  // The current line (Python's _Accumulator): parallel lists of (fws, text) parts.
  private fws: string[] = [];
  private txt: string[] = [];
  private initial: number;
  /** initial + Σ(len(fws) + len(text)); every string here is ASCII, so length = code points. */
  private size: number;

  constructor(headerLen: number) {
    this.initial = headerLen;
    this.size = headerLen;
  }

  private push(fws: string, text: string): void {
    this.fws.push(fws);
    this.txt.push(text);
    this.size += fws.length + text.length;
  }

  private pop(): [string, string] {
    if (this.fws.length === 0) return ['', ''];
    const f = this.fws.pop()!;
    const t = this.txt.pop()!;
    this.size -= f.length + t.length;
    return [f, t];
  }

  private current(from = 0, to = this.fws.length): string {
    let s = '';
    for (let i = from; i < to; i++) s += this.fws[i]! + this.txt[i]!;
    return s;
  }

  private reset(fws: string[] = [], txt: string[] = []): void {
    this.fws = fws;
    this.txt = txt;
    this.initial = 0;
    let size = 0;
    for (let i = 0; i < fws.length; i++) size += fws[i]!.length + txt[i]!.length;
    this.size = size;
  }

  newline(): void {
    const [f, t] = this.pop();
    if (!(f === ' ' && t === '')) this.push(f, t);
    if (this.size > 0) {
      const s = this.current();
      const onlyWs = this.initial === 0 && (this.fws.length === 0 || isAllPySpace(s));
      if (onlyWs && this.lines.length > 0) this.lines[this.lines.length - 1] += s;
      else this.lines.push(s);
    }
    this.reset();
  }

  addTransition(): void {
    this.push(' ', '');
  }

  /**
   * `_ValueFormatter.feed`. `lineEnds` says that nothing but `newline()` or the final
   * transition follows on this line, which lets a plain line that fits skip tokenising: its
   * parts could never be split points, and as it ends in a printable character its last part
   * is neither the droppable `(' ', '')` nor whitespace-only.
   */
  feed(fws: string, text: string, cs: EmailCharset, lineEnds = false): void {
    if (cs.headerEncoding === null) {
      const len = fws.length + text.length;
      if (lineEnds && this.fws.length === 0 && len > 0 && this.size + len <= MAX_LINE_LENGTH) {
        const last = (fws + text).charCodeAt(len - 1);
        if (last > 0x20 && last < 0x7f) {
          this.push(fws, text);
          return;
        }
      }
      this.asciiSplit(fws + text);
      return;
    }
    const encoded = headerEncodeLines(text, cs, MAX_LINE_LENGTH - this.size, MAX_LINE_LENGTH - CONTINUATION_WS.length);
    if (encoded === null) throw new EncodeFailure();
    const first = encoded.shift();
    if (first === undefined) return;
    if (first !== null) this.appendChunk(fws, first);
    const last = encoded.pop();
    if (last === undefined) return;
    this.newline();
    this.push(CONTINUATION_WS, last as string);
    for (const line of encoded) this.lines.push(CONTINUATION_WS + (line as string));
  }

  /** `_ascii_split`: `re.split('([ \\t]+)', s)` read as (whitespace-before, word) pairs. */
  private asciiSplit(s: string): void {
    if (s === '') return;
    const parts = s.split(FWS_RUN);
    if (parts[0] !== '') this.appendChunk('', parts[0]!);
    for (let i = 1; i + 1 < parts.length; i += 2) this.appendChunk(parts[i]!, parts[i + 1]!);
  }

  /** `_append_chunk`: add a part; past 78 columns, break before the best split point. */
  private appendChunk(fws: string, text: string): void {
    this.push(fws, text);
    if (this.size <= MAX_LINE_LENGTH) return;
    const count = this.fws.length;
    for (let s = 0; s < SPLIT_CHARS.length; s++) {
      const ch = SPLIT_CHARS[s]!;
      const space = ch === 0x20 || ch === 0x09;
      for (let i = count - 1; i > 0; i--) {
        const prev = this.txt[i - 1]!;
        if ((space && this.fws[i]!.charCodeAt(0) === ch) || (prev.length > 0 && prev.charCodeAt(prev.length - 1) === ch)) {
          this.lines.push(this.current(0, i));
          this.reset(this.fws.slice(i), this.txt.slice(i));
          return;
        }
      }
    }
    // No split point: the part stays; on the first line it moves to a line of its own.
    let [f, t] = this.pop();
    if (this.initial > 0) {
      this.newline();
      if (f === '') f = ' ';
    }
    this.push(f, t);
  }

  result(): string {
    this.newline();
    return this.lines.join('\n');
  }
}

/** A line break followed by something other than folding whitespace. */
const LINE_WITHOUT_FWS = /\n[^ \t]/;

/** `_embedded_header.search(value)`, i.e. `\n[^ \t]+:`, in one pass. */
function hasEmbeddedHeader(value: string): boolean {
  if (!LINE_WITHOUT_FWS.test(value)) return false; // every folded line starts with space/tab
  let nl = -1; // first '\n' of the current run of non-space/tab characters
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x20 || c === 0x09) nl = -1;
    else if (c === 0x0a) {
      if (nl < 0) nl = i;
    } else if (c === 0x3a && nl >= 0 && i >= nl + 2) return true;
  }
  return false;
}

/**
 * Python `Header.encode()` (78 columns, split characters `;` `,` space tab, continuation
 * whitespace TAB) on normalised chunks. `headerLen` is `len(name) + 2` for a stored header and
 * 0 for `clean_header`'s check. Returns `null` where Python raises: the embedded-header check
 * (a folded line that looks like `name:`) or text the output codec cannot encode.
 *
 * @example
 * encodeHeader([{ text: 'Björn', charset: emailCharset('utf-8')! }], 6) // '=?utf-8?b?QmrDtnJu?='
 */
export function encodeHeader(parts: readonly HeaderPart[], headerLen: number): string | null {
  const f = new ValueFormatter(headerLen);
  try {
    let lastCs: EmailCharset | null = null;
    let lastSpace = false;
    for (let p = 0; p < parts.length; p++) {
      const { text, charset } = parts[p]!;
      if (lastCs !== null) {
        const hasSpace = text !== '' && isNonCText(text.charCodeAt(0));
        if (!lastCs.plain) {
          if (!hasSpace || !charset.plain) f.addTransition();
        } else if (!charset.plain && !lastSpace) f.addTransition();
      }
      lastSpace = text !== '' && isNonCText(text.charCodeAt(text.length - 1));
      lastCs = charset;
      const lines = splitLines(text);
      const lastChunk = p === parts.length - 1;
      f.feed('', lines[0] ?? '', charset, lines.length > 1 || lastChunk);
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i]!;
        f.newline();
        const stripped = pyLstrip(line);
        if (charset.headerEncoding !== null) f.feed(CONTINUATION_WS, ' ' + stripped, charset);
        else f.feed(line.slice(0, line.length - stripped.length), stripped, charset, true);
      }
      if (lines.length > 1) f.newline();
    }
    if (parts.length > 0) f.addTransition();
  } catch (e) {
    if (e instanceof EncodeFailure) return null;
    throw e;
  }
  const value = f.result();
  return hasEmbeddedHeader(value) ? null : value;
}

// ---------------------------------------------------------------------------------------------
// Storage (Patchwork's find_headers)
// ---------------------------------------------------------------------------------------------

/**
 * The value part of a header's stored line (`name + ": " + value`), or `null` when Patchwork
 * omits the header (undecodable base64 word, or the embedded-header check of the encoder).
 *
 * @example
 * encodeStoredHeader({ name: 'Subject', value: 'raw utf-8 caf\xc3\xa9 subject', eightBit: true })
 * // '=?unknown-8bit?q?raw_utf-8_caf=C3=A9_subject?='
 */
export function encodeStoredHeader(h: RawHeader): string | null {
  return encodeScanned(h, h.eightBit ? EIGHT_BIT : scanPlain(h.value, h.name.length + 2));
}

/** {@link encodeStoredHeader} of a header whose value {@link scanPlain} has classified (`plain`; {@link EIGHT_BIT} for 8-bit headers). */
function encodeScanned(h: RawHeader, plain: number): string | null {
  const { name, value } = h;
  const headerLen = name.length + 2;
  if (plain !== EIGHT_BIT) {
    if (plain === STORED_AS_IS) return value;
    if (plain === PLAIN_LINES) return encodePlainLines(value, headerLen);
    if (!NOT_PLAIN_FOLDED.test(value)) {
      // Printable ASCII, tabs and CR/LF only: when there is no encoded word, the header is a
      // single plain chunk, and its lines are the value's lines.
      if (!hasEncodedWord(value)) return encodePlainLines(value, headerLen);
    } else if (isAscii(value) && !hasEncodedWord(value)) {
      // One plain chunk (with exotic characters): what decode_header + make_header would give.
      return encodeHeader([{ text: value, charset: US_ASCII }], headerLen);
    }
  }
  const parts = sanitiseHeader(value, h.eightBit);
  if (parts === null) return null;
  return encodeHeader(parts, headerLen);
}

/** {@link scanPlain}: the value is stored exactly as it is. */
const STORED_AS_IS = 0;
/** {@link scanPlain}: one plain chunk whose lines need re-folding ({@link encodePlainLines}). */
const PLAIN_LINES = 1;
/** {@link scanPlain}: anything else (exotic characters, or `=?` that may start an encoded word). */
const OTHER = 2;
/** Not scanned: the header holds 8-bit bytes. */
const EIGHT_BIT = 3;

/** Printable ASCII, tabs and LF only, and no `=?`. */
const PLAIN_LF_NO_EW = /^(?:[\t\n\x20-\x3c\x3e-\x7e]|=(?!\?))*$/;

/**
 * @internal Decides how a non-8-bit raw value is stored. A value of printable ASCII, tabs and line
 * breaks, without `=?`, is one plain chunk; it comes back unchanged when its first line fits
 * in `78 - headerLen` columns and every later line in 78, every later line starts with a space
 * or tab (so none is empty), no line ends in a space or tab, and there is no CR — exactly the
 * lines {@link encodePlainLines} would leave alone.
 */
export function scanPlain(v: string, headerLen: number): number {
  if (!PLAIN_LF_NO_EW.test(v)) {
    if (v.indexOf('=?') >= 0) return OTHER;
    return NOT_PLAIN_FOLDED.test(v) ? OTHER : PLAIN_LINES;
  }
  let limit = MAX_LINE_LENGTH - headerLen;
  let start = 0;
  for (;;) {
    const nl = v.indexOf('\n', start);
    const end = nl < 0 ? v.length : nl;
    const len = end - start;
    if (len > limit) return PLAIN_LINES;
    if (len > 0) {
      const last = v.charCodeAt(end - 1);
      if (last === 0x20 || last === 0x09) return PLAIN_LINES;
    } else if (start > 0) return PLAIN_LINES;
    if (nl < 0) return STORED_AS_IS;
    const next = v.charCodeAt(nl + 1);
    if (next !== 0x20 && next !== 0x09) return PLAIN_LINES;
    start = nl + 1;
    limit = MAX_LINE_LENGTH;
  }
}

/**
 * {@link scanPlain} decided on the value's bytes `b[start, end)` (one character per byte, none
 * >= 0x80), in one pass: {@link OTHER} with `=?` or a byte outside printable ASCII, tab, CR and
 * LF; else {@link PLAIN_LINES} with a CR, or when the lines break a rule of
 * {@link STORED_AS_IS} (first line within `78 - headerLen` columns and later ones within 78,
 * each later line starting with a space or tab, none ending in one).
 */
export function scanPlainBytes(b: Uint8Array, start: number, end: number, headerLen: number): number {
  let limit = MAX_LINE_LENGTH - headerLen;
  let line = start;
  let lines = true; // the line rules hold so far
  let cr = false;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c >= 0x20 && c <= 0x7e) {
      if (c === 0x3d && i + 1 < end && b[i + 1] === 0x3f) return OTHER;
      continue;
    }
    if (c === 0x09) continue;
    if (c === 0x0d) {
      cr = true;
      continue;
    }
    if (c !== 0x0a) return OTHER;
    if (!lines) continue;
    const len = i - line;
    if (len > limit) lines = false;
    else if (len > 0) {
      const last = b[i - 1]!;
      if (last === 0x20 || last === 0x09) lines = false;
    } else if (line > start) lines = false;
    const next = i + 1 < end ? b[i + 1]! : -1;
    if (next !== 0x20 && next !== 0x09) lines = false;
    line = i + 1;
    limit = MAX_LINE_LENGTH;
  }
  if (cr || !lines) return PLAIN_LINES;
  const len = end - line;
  if (len > limit) return PLAIN_LINES;
  if (len > 0) {
    const last = b[end - 1]!;
    return last === 0x20 || last === 0x09 ? PLAIN_LINES : STORED_AS_IS;
  }
  return line === start ? STORED_AS_IS : PLAIN_LINES;
}

/** Anything but printable ASCII, space, tab, CR and LF. */
const NOT_PLAIN_FOLDED = /[^\t\n\r\x20-\x7e]/;

/**
 * `Header.encode` of one plain chunk whose only line breaks are CR/LF (the bulk of real
 * headers). A value whose lines all fit, whose later lines start with a space or tab, and
 * whose lines do not end in whitespace comes back unchanged (CRLF/CR as LF): the folder would
 * only split it into parts and join them again. Anything else goes through the formatter.
 */
function encodePlainLines(value: string, headerLen: number): string | null {
  if (value.length + headerLen <= MAX_LINE_LENGTH && !value.includes('\n') && !value.includes('\r')) {
    const last = value.charCodeAt(value.length - 1);
    if (value === '' || (last !== 0x20 && last !== 0x09)) return value;
  }
  // Lines as str.splitlines() gives them (CRLF, CR, LF; no empty last line), as ranges of the flat value.
  const starts: number[] = [];
  const ends: number[] = [];
  const n = value.length;
  const crlf = value.indexOf('\r') >= 0;
  for (let p = 0; ; ) {
    let e = value.indexOf('\n', p);
    if (e < 0) e = n;
    let next = e + 1;
    if (crlf) {
      const cr = value.indexOf('\r', p);
      if (cr >= 0 && cr < e) {
        e = cr;
        next = value.charCodeAt(cr + 1) === 0x0a ? cr + 2 : cr + 1;
      } else if (e > p && value.charCodeAt(e - 1) === 0x0d) {
        e--;
      }
    }
    starts.push(p);
    ends.push(e);
    if (next >= n) break;
    p = next;
  }
  let unchanged = true;
  let folded = true; // every later line starts with a space or tab
  let limit = MAX_LINE_LENGTH - headerLen;
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i]!;
    const len = ends[i]! - s;
    if (i > 0) {
      const f = value.charCodeAt(s);
      if (len === 0 || (f !== 0x20 && f !== 0x09)) {
        folded = false;
        unchanged = false;
      }
    }
    if (len > limit) unchanged = false;
    if (len > 0) {
      const l = value.charCodeAt(s + len - 1);
      if (l === 0x20 || l === 0x09) unchanged = false;
    }
    limit = MAX_LINE_LENGTH;
  }
  if (unchanged && !crlf) return value;
  const lines: string[] = [];
  if (unchanged) {
    for (let i = 0; i < starts.length; i++) lines.push(value.slice(starts[i]!, ends[i]!));
    return lines.join('\n');
  }
  const f = PLAIN_FOLDER;
  for (let i = 0; i < starts.length; i++) f.line(value, starts[i]!, ends[i]!, i === 0 ? headerLen : 0, starts.length > 1, lines);
  const out = lines.join('\n');
  // Folded lines start with space or tab, so only an unfolded source line can look like a header.
  return !folded && hasEmbeddedHeader(out) ? null : out;
}

/**
 * {@link ValueFormatter} for one plain chunk of printable ASCII and tabs (the
 * bulk of real headers that need re-folding), on
 * index ranges instead of part strings: what `feed` + `newline` do for each
 * source line, in the same steps. Python's formatter restarts at every source
 * line, so each line is folded on its own, into the shared list of output
 * lines (a whitespace-only remainder joins the previous output line).
 *
 * A line is split into parts: an optional leading word, then (whitespace run,
 * word) pairs, the last word possibly empty. Parts are appended one by one;
 * past 78 columns the line breaks before the best split point (`;`, `,`,
 * space, tab, searched from the end), or, with none, the part stays (on the
 * first output line, after the header name, it moves to a line of its own).
 */
/** The state of the plain folder (one instance, reused). */
class PlainFolder {
  private out: string[] = [];
  // Part k of the current source line: fws = src[ws[k], tx[k]), text = src[tx[k], te[k]).
  private ws: number[] = [];
  private tx: number[] = [];
  private te: number[] = [];
  private src = '';
  // The current output line: parts [a, …), width (header name included), synthetic ' ' before part a.
  private a = 0;
  private size = 0;
  private initial = 0;
  private synthetic = false;

  /**
   * Fold the source line `src[from, to)` into `out` (`initial`: the header name's width on the
   * first line, else 0; `dropLastSpace`: the value has several lines).
   */
  line(src: string, from: number, to: number, initial: number, dropLastSpace: boolean, out: string[]): void {
    this.out = out;
    const ws = this.ws;
    const tx = this.tx;
    const te = this.te;
    let count = 0;
    let p = from;
    while (p < to) {
      const start = p;
      while (p < to && (src.charCodeAt(p) === 0x20 || src.charCodeAt(p) === 0x09)) p++;
      const t = p;
      while (p < to && src.charCodeAt(p) !== 0x20 && src.charCodeAt(p) !== 0x09) p++;
      ws[count] = start;
      tx[count] = t;
      te[count] = p;
      count++;
    }
    this.src = src;
    this.a = 0;
    this.initial = initial;
    this.size = initial;
    this.synthetic = false;
    for (let k = 0; k < count; k++) {
      const len = te[k]! - ws[k]!;
      this.size += len;
      if (this.size <= MAX_LINE_LENGTH) continue;
      const split = this.splitPoint(k);
      if (split >= 0) {
        this.out.push(this.text(this.a, split));
        let rest = 0;
        for (let i = split; i <= k; i++) rest += te[i]! - ws[i]!;
        this.a = split;
        this.size = rest;
        this.initial = 0;
        this.synthetic = false;
        continue;
      }
      // No split point: the part stays; on the first output line it moves to a line of its own.
      if (this.initial > 0) {
        this.size -= len;
        this.flush(k, true);
        this.a = k;
        this.synthetic = tx[k] === ws[k];
        this.size = len + (this.synthetic ? 1 : 0);
      }
    }
    // Between source lines the formatter calls newline(); after a single line only its own
    // final transition part is popped, so a trailing single space stays.
    this.flush(count, dropLastSpace);
    this.out = [];
  }

  /** Where to break parts [a, k]: the first part whose fws starts with, or whose predecessor ends in, `;` `,` space tab (searched from the end). */
  private splitPoint(k: number): number {
    const { src, ws, tx, te, a } = this;
    for (let c = 0; c < SPLIT_CHARS.length; c++) {
      const ch = SPLIT_CHARS[c]!;
      const space = ch === 0x20 || ch === 0x09;
      for (let i = k; i > a; i--) {
        if (space && tx[i]! > ws[i]! && src.charCodeAt(ws[i]!) === ch) return i;
        const prevEnd = te[i - 1]!;
        if (prevEnd > tx[i - 1]! && src.charCodeAt(prevEnd - 1) === ch) return i;
      }
    }
    return -1;
  }

  private text(from: number, to: number): string {
    if (this.synthetic && from === this.a) return ' ' + this.src.slice(this.tx[from]!, this.te[to - 1]!);
    return this.src.slice(this.ws[from]!, this.te[to - 1]!);
  }

  /**
   * `newline()` on parts [a, b): a last part `(' ', '')` is dropped (`drop`), and text that is
   * only whitespace joins the previous output line.
   */
  private flush(b: number, drop: boolean): void {
    const { ws, tx, te } = this;
    let end = b;
    if (drop && end > this.a && te[end - 1] === tx[end - 1] && tx[end - 1]! - ws[end - 1]! === 1 && this.src.charCodeAt(ws[end - 1]!) === 0x20) {
      end--;
      this.size -= 1;
    }
    if (this.size > 0) {
      const s = end > this.a ? this.text(this.a, end) : '';
      const onlyWs = this.initial === 0 && (end === this.a || isAllPySpace(s));
      if (onlyWs && this.out.length > 0) this.out[this.out.length - 1] += s;
      else this.out.push(s);
    }
    this.initial = 0;
    this.size = 0;
    this.synthetic = false;
  }
}

const PLAIN_FOLDER = new PlainFolder();

/**
 * Patchwork's stored `headers` text: `name: encoded` for every header that survives
 * {@link encodeStoredHeader}, in order, joined with `\n`.
 */
export function storedHeaderBlob(headers: readonly RawHeader[]): string {
  const lines: string[] = [];
  for (const h of headers) {
    const v = encodeStoredHeader(h);
    if (v !== null) lines.push(h.name + ': ' + v);
  }
  return lines.join('\n');
}

/**
 * Whether the stored line `name + ": " + value` reads back as exactly (name, value) when the
 * API re-parses the blob: no CR, every line break followed by folding whitespace, no leading
 * space or tab (the parser skips it) and no trailing line break (the parser drops it). Header
 * names are field-name characters by construction, so only the value matters.
 */
function readsBack(value: string): boolean {
  const n = value.length;
  if (n === 0) return true;
  const first = value.charCodeAt(0);
  if (first === 0x20 || first === 0x09 || value.charCodeAt(n - 1) === 0x0a) return false;
  if (value.indexOf('\r') >= 0) return false;
  for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) {
    const c = value.charCodeAt(i + 1);
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

/**
 * The headers of a message as the API sees them: the stored headers ({@link encodeStoredHeader})
 * re-parsed from the blob. Where every stored line reads back as itself (real mail, almost
 * always) that is the stored list itself and no blob is built; otherwise the blob is built and
 * parsed as Patchwork does ({@link parseStoredHeaders}).
 *
 * @example
 * storedHeaders(parseMessage(bytes).headers).map((h) => `${h.name}: ${h.value}`) // the API's header lines
 */
export function storedHeaders(headers: readonly RawHeader[]): StoredHeader[] {
  return collectStoredHeaders(headers, null);
}

/**
 * Where the values of a list of headers lie in a message's bytes: `spans` holds flat
 * `[start, end)` pairs, one per header, `-1, -1` where a value is not its bytes verbatim
 * (see `MimePart.valueSpans`).
 */
export interface ValueSource {
  readonly bytes: Uint8Array;
  readonly spans: readonly number[];
}

/**
 * {@link storedHeaders} of a parsed part's headers, with the byte spans of the values stored
 * exactly as they are (so that they can be written out without decoding again): the spans of
 * the result, `-1, -1` for values that were re-encoded.
 */
export function storedHeadersFrom(headers: readonly RawHeader[], source: ValueSource): { headers: StoredHeader[]; source: ValueSource } {
  const spans: number[] = [];
  const out = collectStoredHeaders(headers, source, spans);
  return { headers: out, source: { bytes: source.bytes, spans } };
}

function collectStoredHeaders(headers: readonly RawHeader[], source: ValueSource | null, outSpans?: number[]): StoredHeader[] {
  const out: StoredHeader[] = [];
  let direct = true;
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i]!;
    const start = source === null ? -1 : source.spans[2 * i]!;
    const end = source === null ? -1 : source.spans[2 * i + 1]!;
    const headerLen = h.name.length + 2;
    const plain = start >= 0 ? scanPlainBytes(source!.bytes, start, end, headerLen) : h.eightBit ? EIGHT_BIT : scanPlain(h.value, headerLen);
    // A value stored as it is reads back as itself (its later lines are folded): the raw
    // header serves as the stored one.
    if (plain === STORED_AS_IS) {
      out.push(h);
      outSpans?.push(start, end);
      continue;
    }
    const value = encodeScanned(h, plain);
    if (value === null) continue;
    if (direct && !readsBack(value)) direct = false;
    out.push({ name: h.name, value });
    outSpans?.push(-1, -1);
  }
  if (direct) return out;
  const parsed = parseStoredHeaders(out.map((h) => h.name + ': ' + h.value).join('\n'));
  if (outSpans !== undefined) {
    // Re-parsed from the blob: no value is known to be verbatim bytes any more.
    outSpans.length = 0;
    for (let i = 0; i < parsed.length; i++) outSpans.push(-1, -1);
  }
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// API rendering (re-parsing the blob with Python's compat32 header rules, spec 1.2)
// ---------------------------------------------------------------------------------------------

/** One header of a re-parsed blob. */
export interface StoredHeader {
  /** Field name, verbatim. */
  readonly name: string;
  /** Value: folding kept, leading spaces/tabs and trailing CR/LF removed. */
  readonly value: string;
}

/**
 * True when the line starting at `pos` (content up to `end`) opens a header for Python's
 * feedparser `headerRE`: `From ` or a possibly empty run of field-name characters and `:`.
 */
function isHeaderStart(text: string, pos: number, end: number): boolean {
  if (text.startsWith('From ', pos) && pos + 5 <= end) return true;
  for (let i = pos; i < end; i++) {
    const d = text.charCodeAt(i);
    if (d === 0x3a) return true;
    if (d < 0x21 || d > 0x7e) return false;
  }
  return false;
}

/** Line scanner over `\r\n`, `\r` and `\n` (Python's BufferedSubFile line ends). */
class LineScanner {
  private readonly hasCr: boolean;
  /** Content end and start of the next line, set by {@link next}. */
  end = 0;
  next = 0;
  constructor(private readonly text: string) {
    this.hasCr = text.includes('\r');
  }
  /** Finds the end of the line starting at `pos`. */
  scan(pos: number): void {
    const t = this.text;
    let nl = t.indexOf('\n', pos);
    if (nl < 0) nl = t.length;
    if (this.hasCr) {
      const cr = t.indexOf('\r', pos);
      if (cr >= 0 && cr < nl) {
        this.end = cr;
        this.next = t.charCodeAt(cr + 1) === 0x0a ? cr + 2 : cr + 1;
        return;
      }
    }
    this.end = nl;
    this.next = nl < t.length ? nl + 1 : nl;
  }
}

/**
 * The headers of a stored blob as Python's `Parser().parsestr(blob, headersonly=True)` sees
 * them (spec 1.2): the block ends at an empty line or at the first line that is neither a
 * header nor a continuation (which is how an exotic line break in a value truncates the
 * object); a continuation before any header, an empty name and a misplaced `From ` line are
 * dropped (a `From ` line that is the block's last line ends it). Values keep their folding,
 * minus leading spaces/tabs and trailing CR/LF.
 */
export function parseStoredHeaders(blob: string): StoredHeader[] {
  const out: StoredHeader[] = [];
  const n = blob.length;
  const lines = new LineScanner(blob);
  let name: string | null = null;
  let vStart = 0;
  let vEnd = 0;
  const flush = (): void => {
    if (name !== null) out.push({ name, value: blob.slice(vStart, Math.max(vStart, vEnd)) });
    name = null;
  };
  let pos = 0;
  let lineNo = 0;
  for (; pos < n; lineNo++) {
    lines.scan(pos);
    const end = lines.end;
    const next = lines.next;
    if (end === pos) break; // empty line: end of the header block
    const c = blob.charCodeAt(pos);
    if (c === 0x20 || c === 0x09) {
      if (name !== null) vEnd = end;
      pos = next;
      continue;
    }
    if (!isHeaderStart(blob, pos, end)) break;
    flush();
    if (blob.startsWith('From ', pos)) {
      if (lineNo > 0 && !continuesBlock(blob, next, lines)) break; // pushed back as body
      pos = next;
      continue;
    }
    const colon = blob.indexOf(':', pos);
    if (colon > pos) {
      name = blob.slice(pos, colon);
      vStart = colon + 1;
      while (vStart < end && (blob.charCodeAt(vStart) === 0x20 || blob.charCodeAt(vStart) === 0x09)) vStart++;
      vEnd = end;
    } // colon === pos: "Missing header name", the line is dropped
    pos = next;
  }
  flush();
  return out;
}

/** Whether the line at `pos` still belongs to the header block (used for the `From ` rule). */
function continuesBlock(blob: string, pos: number, lines: LineScanner): boolean {
  if (pos >= blob.length) return false;
  const saveEnd = lines.end;
  const saveNext = lines.next;
  lines.scan(pos);
  const end = lines.end;
  lines.end = saveEnd;
  lines.next = saveNext;
  if (end === pos) return false;
  const c = blob.charCodeAt(pos);
  return c === 0x20 || c === 0x09 || isHeaderStart(blob, pos, end);
}

/**
 * The API `headers` value as ordered entries: one entry per header name string in
 * first-occurrence order, holding every value whose name matches it case-insensitively; a
 * one-element list becomes the plain string. Use this where key order must survive exactly
 * (a JavaScript object moves integer-like keys such as `"123"` to the front).
 */
export function headersEntries(blob: string): [string, string | string[]][] {
  return groupHeaders(parseStoredHeaders(blob));
}

/** {@link headersEntries} of a re-parsed header list ({@link storedHeaders} or {@link parseStoredHeaders}). */
export function groupHeaders(headers: readonly StoredHeader[]): [string, string | string[]][] {
  // Per lower-case name: all values, and the spellings seen (usually one).
  const groups = new Map<string, { values: string[]; spellings: string[] }>();
  const out: [string, string | string[]][] = [];
  const lists: string[][] = [];
  for (const h of headers) {
    const lower = h.name.toLowerCase();
    let g = groups.get(lower);
    if (g === undefined) groups.set(lower, (g = { values: [], spellings: [] }));
    g.values.push(h.value);
    if (!g.spellings.includes(h.name)) {
      g.spellings.push(h.name);
      out.push([h.name, '']);
      lists.push(g.values);
    }
  }
  for (let i = 0; i < out.length; i++) {
    const all = lists[i]!;
    out[i]![1] = all.length === 1 ? all[0]! : all.slice();
  }
  return out;
}

/**
 * The API `headers` object of a stored blob (patch, cover and comment detail). Keys are
 * defined as own data properties, so names like `__proto__` or `constructor` are ordinary keys
 * (also for `JSON.stringify`). See {@link headersEntries} for the key-order caveat.
 *
 * @example
 * headersObject('Received: a\nSubject: s\nreceived: b') // { Received: ['a', 'b'], Subject: 's', received: ['a', 'b'] }
 */
export function headersObject(blob: string): Record<string, string | string[]> {
  const obj: Record<string, string | string[]> = {};
  for (const [k, v] of headersEntries(blob)) {
    // Plain assignment creates an own property for every name but `__proto__` (a setter).
    if (k === '__proto__') Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
    else obj[k] = v;
  }
  return obj;
}

/**
 * The comment `subject`: the first `Subject` value (name matched case-insensitively, as
 * Python's `Message.get`) of a stored blob or re-parsed list, `""` when there is none.
 */
export function firstSubject(blob: string | readonly StoredHeader[]): string {
  const list = typeof blob === 'string' ? parseStoredHeaders(blob) : blob;
  for (const h of list) if (h.name.length === 7 && h.name.toLowerCase() === 'subject') return h.value;
  return '';
}
