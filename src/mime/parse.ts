/**
 * The MIME message model Patchwork sees: Python's `email` package with the
 * compat32 policy (`email.message_from_bytes` → `feedparser.FeedParser`),
 * reproduced on bytes.
 *
 * The message is viewed as a binary string (one char per byte, latin-1), so
 * string offsets are byte offsets into the message and payloads are
 * contiguous byte ranges of it. Lines end at `\r\n`, `\r` or `\n`, as
 * Python's parser reads them.
 */
import { a2bBase64 } from './header-decode.js';
import type { RawHeader } from './types.js';
import { pyStrip } from '../util/pystr.js';

/** Named limits: past one, the message is reported instead of parsed further. */
export interface MimeLimits {
  /** Deepest nesting of multipart and message/* parts. Default: 200 (Python's parser fails on deep nesting too). */
  maxDepth?: number;
  /** Most parts in one message. Default: 10,000. */
  maxParts?: number;
  /** Most bytes in one header block. Default: 8 MiB. */
  maxHeaderBytes?: number;
}

export const DEFAULT_MIME_LIMITS: Required<MimeLimits> = {
  maxDepth: 200,
  maxParts: 10_000,
  maxHeaderBytes: 8 * 1024 * 1024,
};

/** One node of the MIME tree (a whole message is the root node). */
export interface MimePart {
  readonly headers: RawHeader[];
  /** Byte offsets in the message: headers start, body start, end of the part. */
  readonly start: number;
  bodyStart: number;
  end: number;
  /** Leaf payload `[payloadStart, payloadEnd)`; for containers the range is empty. */
  payloadStart: number;
  payloadEnd: number;
  /** Subparts (multipart) or the inner message (message/*); `null` for a leaf. */
  children: MimePart[] | null;
  /** `text/plain`, or `message/rfc822` inside a multipart/digest. */
  readonly defaultType: string;
  /** A line that precedes the payload although it is not next to it (see `Parser.headers`). */
  prefix?: [number, number];
}

/** The parsed message. */
export interface ParsedMessage {
  readonly root: MimePart;
  /** Top-level headers in file order. */
  readonly headers: RawHeader[];
  /** The message as a binary string (one char per byte). */
  readonly source: string;
  readonly bytes: Uint8Array;
  /** Set when a limit stopped the parse. */
  limitExceeded?: { limit: 'maxDepth' | 'maxParts' | 'maxHeaderBytes'; value: number };
  /** First header of that name (case-insensitive), like Python's `msg.get`. */
  get(name: string): RawHeader | undefined;
  /** Every header of that name, in order. */
  getAll(name: string): RawHeader[];
  has(name: string): boolean;
}

const NL = 10;
const CR = 13;

// ---------------------------------------------------------------------------
// Headers (feedparser._parse_headers + compat32 header_source_parse)
// ---------------------------------------------------------------------------

/** `headerRE`: `From `, a name of printable ASCII except `:` followed by `:`, or a continuation. */
function isHeaderLine(s: string, a: number, e: number): boolean {
  if (a >= e) return false;
  const c0 = s.charCodeAt(a);
  if (c0 === 0x20 || c0 === 0x09) return true;
  if (c0 === 0x46 && s.startsWith('From ', a)) return true;
  for (let i = a; i < e; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3a) return true;
    if (c < 0x21 || c > 0x7e) return false;
  }
  return false;
}

function lineEnd(s: string, a: number, limit: number): { end: number; next: number } {
  let i = a;
  while (i < limit) {
    const c = s.charCodeAt(i);
    if (c === NL) return { end: i, next: i + 1 };
    if (c === CR) return { end: i, next: i + 1 < limit && s.charCodeAt(i + 1) === NL ? i + 2 : i + 1 };
    i++;
  }
  return { end: limit, next: limit };
}

/** True if `s[a..]` holds a byte >= 0x80 before `b`. */
function has8bit(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (s.charCodeAt(i) > 0x7f) return true;
  return false;
}

/** Strip trailing CR/LF characters (Python `rstrip('\r\n')`). */
function rstripEol(s: string): string {
  let b = s.length;
  while (b > 0) {
    const c = s.charCodeAt(b - 1);
    if (c !== NL && c !== CR) break;
    b--;
  }
  return b === s.length ? s : s.slice(0, b);
}

// ---------------------------------------------------------------------------
// Parameters (Message.get_param / _parseparam / utils.decode_params)
// ---------------------------------------------------------------------------

/** `str(header)` for compat32: 8-bit values read with every byte >= 0x80 as U+FFFD. */
export function headerText(h: RawHeader): string {
  return h.eightBit ? h.value.replace(/[\x80-\xff]/g, '\uFFFD') : h.value;
}

/** `email.utils.unquote`. */
function unquote(s: string): string {
  if (s.length > 1) {
    if (s.startsWith('"') && s.endsWith('"')) return s.slice(1, -1).replace(/\\\\/g, '\\').replace(/\\"/g, '"');
    if (s.startsWith('<') && s.endsWith('>')) return s.slice(1, -1);
  }
  return s;
}

/** `message._parseparam`: split on `;` outside quotes. */
function parseParams(value: string): string[] {
  let s = ';' + value;
  const out: string[] = [];
  while (s.startsWith(';')) {
    s = s.slice(1);
    let end = s.indexOf(';');
    while (end > 0 && (countOf(s, '"', end) - countOf(s, '\\"', end)) % 2 !== 0) end = s.indexOf(';', end + 1);
    if (end < 0) end = s.length;
    let f = s.slice(0, end);
    const i = f.indexOf('=');
    if (i !== -1) f = pyStrip(f.slice(0, i)).toLowerCase() + '=' + pyStrip(f.slice(i + 1));
    out.push(pyStrip(f));
    s = s.slice(end);
  }
  return out;
}

function countOf(s: string, sub: string, end: number): number {
  let n = 0;
  let i = s.indexOf(sub);
  while (i !== -1 && i + sub.length <= end) {
    n++;
    i = s.indexOf(sub, i + sub.length);
  }
  return n;
}

type ParamValue = string | { charset: string | null; language: string | null; value: string };

const RFC2231 = /^(\w+)\*(?:([0-9]+)\*?)?$/;

/** `_get_params_preserve` + `decode_params`: `[name, value]` pairs, RFC 2231 ones last. */
function getParams(h: RawHeader): Array<[string, ParamValue]> {
  const params: Array<[string, string]> = [];
  for (const p of parseParams(headerText(h))) {
    const i = p.indexOf('=');
    if (i === -1) params.push([pyStrip(p), '']);
    else params.push([pyStrip(p.slice(0, i)), pyStrip(p.slice(i + 1))]);
  }
  if (params.length === 0) return [];
  const out: Array<[string, ParamValue]> = [params[0]!];
  const cont = new Map<string, Array<{ num: number | null; value: string; encoded: boolean }>>();
  for (const [name, raw] of params.slice(1)) {
    const encoded = name.endsWith('*');
    const value = unquote(raw);
    const m = RFC2231.exec(name);
    if (m) {
      const list = cont.get(m[1]!) ?? [];
      list.push({ num: m[2] === undefined ? null : Number(m[2]), value, encoded });
      cont.set(m[1]!, list);
    } else out.push([name, value]);
  }
  for (const [name, list] of cont) {
    // Python sorts the (num, value, encoded) tuples; None sorts before numbers only in Python 2,
    // in Python 3 mixing raises — rare enough to order None first.
    list.sort((a, b) => (a.num ?? -1) - (b.num ?? -1) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    let extended = false;
    const parts: string[] = [];
    for (const c of list) {
      if (c.encoded) {
        parts.push(c.value.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
        extended = true;
      } else parts.push(c.value);
    }
    const joined = parts.join('');
    if (extended) {
      const ticks = joined.split("'");
      if (ticks.length < 3) out.push([name, { charset: null, language: null, value: joined }]);
      else out.push([name, { charset: ticks[0]!, language: ticks[1]!, value: ticks.slice(2).join("'") }]);
    } else out.push([name, joined]);
  }
  return out;
}

/** `Message.get_param(name)` (unquoted), or undefined. */
function getParam(h: RawHeader | undefined, name: string): ParamValue | undefined {
  if (!h) return undefined;
  const lower = name.toLowerCase();
  for (const [k, v] of getParams(h)) if (k.toLowerCase() === lower) return typeof v === 'string' ? unquote(v) : v;
  return undefined;
}

// ---------------------------------------------------------------------------
// Parts
// ---------------------------------------------------------------------------

function findHeader(headers: readonly RawHeader[], name: string): RawHeader | undefined {
  const lower = name.toLowerCase();
  for (const h of headers) if (h.name.length === lower.length && h.name.toLowerCase() === lower) return h;
  return undefined;
}

/** `get_content_type()`. */
export function contentType(part: MimePart): string {
  const h = findHeader(part.headers, 'content-type');
  if (!h) return part.defaultType;
  const v = headerText(h);
  const semi = v.indexOf(';');
  const ctype = pyStrip(semi === -1 ? v : v.slice(0, semi)).toLowerCase();
  let slashes = 0;
  for (let i = 0; i < ctype.length; i++) if (ctype.charCodeAt(i) === 0x2f) slashes++;
  return slashes === 1 ? ctype : 'text/plain';
}

/** `get_content_charset()`: lower-cased, ASCII only, or null. */
export function contentCharset(part: MimePart): string | null {
  const v = getParam(findHeader(part.headers, 'content-type'), 'charset');
  if (v === undefined) return null;
  let charset: string;
  if (typeof v === 'string') charset = v;
  else charset = unquote(v.value); // decoding through the declared charset: latin-1 view kept for ASCII values
  if (/[^\x00-\x7f]/.test(charset)) return null;
  return charset.toLowerCase();
}

/** `get_boundary()`: null when absent. */
function boundaryOf(headers: readonly RawHeader[]): string | null {
  const v = getParam(findHeader(headers, 'content-type'), 'boundary');
  if (v === undefined) return null;
  const text = typeof v === 'string' ? unquote(v) : v.value;
  // RFC 2046: boundaries may begin but not end in white space
  let b = text.length;
  while (b > 0 && /[\t\n\v\f\r \x1c-\x1f\x85\xa0]/.test(text[b - 1]!)) b--;
  return text.slice(0, b);
}

// ---------------------------------------------------------------------------
// The parser (feedparser._parsegen)
// ---------------------------------------------------------------------------

class LimitError extends Error {
  constructor(
    readonly limit: 'maxDepth' | 'maxParts' | 'maxHeaderBytes',
    readonly value: number,
  ) {
    super(limit);
  }
}

class Parser {
  readonly s: string;
  readonly n: number;
  pos = 0;
  /** Boundary separators (`--` + boundary) of the enclosing multiparts, innermost last. */
  readonly eof: string[] = [];
  parts = 0;

  constructor(
    s: string,
    readonly limits: Required<MimeLimits>,
  ) {
    this.s = s;
    this.n = s.length;
  }

  /** Does the line at `a` match a boundary of the stack (`boundarymatch` of any level)? */
  atEof(a: number): boolean {
    if (this.eof.length === 0) return false;
    if (this.s.charCodeAt(a) !== 0x2d || this.s.charCodeAt(a + 1) !== 0x2d) return false;
    for (let k = this.eof.length - 1; k >= 0; k--) if (this.boundaryMatch(a, this.eof[k]!) !== null) return true;
    return false;
  }

  /**
   * `boundarymatch`: the line starts with the separator and the rest is
   * `(--)?[ \t]*(eol)?` to its end. Returns whether it is a close delimiter.
   */
  boundaryMatch(a: number, sep: string): { close: boolean; next: number } | null {
    if (!this.s.startsWith(sep, a)) return null;
    const { end, next } = lineEnd(this.s, a, this.n);
    let i = a + sep.length;
    let close = false;
    if (this.s.charCodeAt(i) === 0x2d && this.s.charCodeAt(i + 1) === 0x2d && i + 1 < end) {
      close = true;
      i += 2;
    }
    while (i < end) {
      const c = this.s.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09) return null;
      i++;
    }
    return { close, next };
  }

  /** Parse one message/part starting at `pos`; `depth` counts enclosing containers. */
  parse(defaultType: string, depth: number): MimePart {
    if (++this.parts > this.limits.maxParts) throw new LimitError('maxParts', this.parts);
    if (depth > this.limits.maxDepth) throw new LimitError('maxDepth', depth);
    const part = this.headerPart(defaultType);
    const ctype = contentType(part);
    const slash = ctype.indexOf('/');
    const maintype = ctype.slice(0, slash);
    if (ctype === 'message/delivery-status') this.deliveryStatus(part, depth);
    else if (maintype === 'message') {
      part.children = [this.parse('text/plain', depth + 1)];
    } else if (maintype === 'multipart') this.multipart(part, depth);
    else {
      const end = this.restEnd();
      part.payloadStart = part.bodyStart;
      part.payloadEnd = end;
      this.pos = end;
    }
    part.end = this.pos;
    return part;
  }

  /** A part made of the header block at `pos`; its body is still empty. */
  headerPart(defaultType: string): MimePart {
    const start = this.pos;
    const headers = this.headers();
    const part: MimePart = {
      headers,
      start,
      bodyStart: this.pos,
      end: this.pos,
      payloadStart: this.pos,
      payloadEnd: this.pos,
      children: null,
      defaultType,
    };
    if (this.pushedBack) part.prefix = this.pushedBack;
    return part;
  }

  /** Where the current part's lines end: the next boundary line of the stack, or the end. */
  restEnd(): number {
    if (this.eof.length === 0) return this.n;
    const s = this.s;
    let i = this.pos;
    for (;;) {
      if (this.atEof(i)) return i;
      const d = s.indexOf('--', i + 1);
      if (d === -1) return this.n;
      // find a dash pair at a line start
      let j = d;
      for (;;) {
        const prev = s.charCodeAt(j - 1);
        if (prev === NL || prev === CR) break;
        const nd = s.indexOf('--', j + 1);
        if (nd === -1) return this.n;
        j = nd;
      }
      // `\r--` right after `\r\n`? `\r\n` ends the line before; a lone `\r` also ends a line.
      i = j;
      if (i >= this.n) return this.n;
    }
  }

  /**
   * The header block at `pos` (feedparser header collection + `_parse_headers`).
   * Leaves `pos` at the first body line. A `From ` line that ends the block is
   * pushed back as the first body line; when the empty separator line after it
   * was already consumed, that line is reported in `pushedBack` (the body is
   * then not contiguous).
   */
  headers(): RawHeader[] {
    const s = this.s;
    const out: RawHeader[] = [];
    const lines: Array<[number, number, number]> = []; // start, content end, next
    const hstart = this.pos;
    let p = this.pos;
    let separatorConsumed = false;
    this.pushedBack = null;
    while (p < this.n) {
      if (this.atEof(p)) break;
      const { end, next } = lineEnd(s, p, this.n);
      if (!isHeaderLine(s, p, end)) {
        if (end === p && next > p) {
          p = next; // the empty separator line is consumed
          separatorConsumed = true;
        }
        // any other line is pushed back as the first body line
        break;
      }
      lines.push([p, end, next]);
      p = next;
      if (p - hstart > this.limits.maxHeaderBytes) throw new LimitError('maxHeaderBytes', p - hstart);
    }
    this.pos = p;
    let name = '';
    let valueStart = 0;
    let last = -1;
    const flush = (): void => {
      if (last < 0) return;
      out.push({ name, value: rstripEol(s.slice(valueStart, last)), eightBit: has8bit(s, valueStart, last) });
      last = -1;
    };
    for (let k = 0; k < lines.length; k++) {
      const [a, e, next] = lines[k]!;
      const c0 = s.charCodeAt(a);
      if (c0 === 0x20 || c0 === 0x09) {
        if (last >= 0) last = next;
        continue; // a continuation before any header is dropped
      }
      flush();
      if (c0 === 0x46 && s.startsWith('From ', a)) {
        if (k === 0) continue; // the unix-from line
        if (k === lines.length - 1) {
          // pushed back as the first body line
          if (separatorConsumed) this.pushedBack = [a, next];
          else this.pos = a;
          break;
        }
        continue; // misplaced envelope header: dropped
      }
      const colon = s.indexOf(':', a);
      if (colon <= a || colon >= e) continue; // "Missing header name" defect
      let v = colon + 1;
      while (v < e && (s.charCodeAt(v) === 0x20 || s.charCodeAt(v) === 0x09)) v++;
      name = s.slice(a, colon);
      valueStart = v;
      last = next;
    }
    flush();
    return out;
  }

  /** A `From ` line pushed back to the body from before a consumed separator. */
  pushedBack: [number, number] | null = null;

  multipart(part: MimePart, depth: number): void {
    const boundary = boundaryOf(part.headers);
    if (boundary === null) {
      // NoBoundaryInMultipartDefect: the body stays an opaque payload
      const end = this.restEnd();
      part.payloadStart = part.bodyStart;
      part.payloadEnd = end;
      this.pos = end;
      return;
    }
    const sep = '--' + boundary;
    const children: MimePart[] = [];
    let preamble = true;
    let closed = false;
    for (;;) {
      if (this.pos >= this.n || this.atEof(this.pos)) break;
      const m = this.boundaryMatch(this.pos, sep);
      if (m) {
        if (m.close) {
          closed = true;
          this.pos = m.next;
          break;
        }
        preamble = false;
        this.pos = m.next;
        // consume repeated boundary lines
        for (;;) {
          if (this.pos >= this.n) break;
          const again = this.boundaryMatch(this.pos, sep);
          if (!again || again.close) break;
          this.pos = again.next;
        }
        this.eof.push(sep);
        const defaultType = contentType(part) === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
        const child = this.parse(defaultType, depth + 1);
        this.eof.pop();
        // RFC 2046: the line break before a boundary belongs to the boundary
        stripLastEol(this.s, lastLeaf(child));
        children.push(child);
        continue;
      }
      if (!preamble) {
        // after a part, only a boundary or the end can follow; skip the line
        this.pos = lineEnd(this.s, this.pos, this.n).next;
        continue;
      }
      this.pos = lineEnd(this.s, this.pos, this.n).next;
    }
    if (preamble) {
      // StartBoundaryNotFoundDefect: the whole body is the payload
      part.payloadStart = part.bodyStart;
      part.payloadEnd = this.pos;
      if (closed) {
        part.children = null;
      }
      if (!closed) return;
      this.pos = this.restEnd();
      return;
    }
    part.children = children;
    if (!closed) return;
    // the epilogue runs to the end of this part
    this.pos = this.restEnd();
  }

  /** message/delivery-status: blocks of headers separated by blank lines, each a sub-message. */
  deliveryStatus(part: MimePart, depth: number): void {
    const children: MimePart[] = [];
    const end = this.restEnd();
    while (this.pos < end) {
      if (++this.parts > this.limits.maxParts) throw new LimitError('maxParts', this.parts);
      const start = this.pos;
      children.push(this.headerPart('text/plain'));
      if (this.pos === start) this.pos = lineEnd(this.s, this.pos, end).next;
      // blank lines between blocks
      while (this.pos < end) {
        const { end: e, next } = lineEnd(this.s, this.pos, end);
        if (e !== this.pos) break;
        this.pos = next;
      }
    }
    void depth;
    part.children = children;
    this.pos = end;
  }
}

/** The innermost last-created part of a subtree (Python's `self._last`). */
function lastLeaf(p: MimePart): MimePart {
  let cur = p;
  while (cur.children && cur.children.length > 0) cur = cur.children[cur.children.length - 1]!;
  return cur;
}

/** Remove one trailing line break from a leaf payload (`NLCRE_eol`). */
function stripLastEol(s: string, p: MimePart): void {
  if (p.children !== null) return;
  const e = p.payloadEnd;
  if (e > p.payloadStart && s.charCodeAt(e - 1) === NL) p.payloadEnd = e > p.payloadStart + 1 && s.charCodeAt(e - 2) === CR ? e - 2 : e - 1;
  else if (e > p.payloadStart && s.charCodeAt(e - 1) === CR) p.payloadEnd = e - 1;
}

/**
 * Parse one message's bytes as `email.message_from_bytes` (compat32) does.
 * Never throws on bad input; a limit sets `limitExceeded` and leaves the
 * tree partial.
 */
export function parseMessage(bytes: Uint8Array, limits: MimeLimits = {}): ParsedMessage {
  const lim = { ...DEFAULT_MIME_LIMITS, ...limits };
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const source = buf.toString('latin1');
  const parser = new Parser(source, lim);
  let root: MimePart;
  let limitExceeded: ParsedMessage['limitExceeded'];
  try {
    root = parser.parse('text/plain', 0);
  } catch (e) {
    if (!(e instanceof LimitError)) throw e;
    limitExceeded = { limit: e.limit, value: e.value };
    // keep the top-level headers: a fresh parse of the header block only
    const p2 = new Parser(source, { ...lim, maxHeaderBytes: Number.MAX_SAFE_INTEGER });
    let headers: RawHeader[] = [];
    try {
      headers = p2.headers();
    } catch {
      headers = [];
    }
    root = { headers, start: 0, bodyStart: p2.pos, end: source.length, payloadStart: p2.pos, payloadEnd: p2.pos, children: null, defaultType: 'text/plain' };
  }
  const headers = root.headers;
  const msg: ParsedMessage = {
    root,
    headers,
    source,
    bytes: buf,
    get: (name) => findHeader(headers, name),
    getAll: (name) => {
      const lower = name.toLowerCase();
      return headers.filter((h) => h.name.length === lower.length && h.name.toLowerCase() === lower);
    },
    has: (name) => findHeader(headers, name) !== undefined,
  };
  if (limitExceeded) msg.limitExceeded = limitExceeded;
  return msg;
}

/** `Message.walk()`: pre-order, depth first. */
export function* walk(part: MimePart): Generator<MimePart> {
  const stack: MimePart[] = [part];
  while (stack.length > 0) {
    const p = stack.pop()!;
    yield p;
    if (p.children) for (let i = p.children.length - 1; i >= 0; i--) stack.push(p.children[i]!);
  }
}

// ---------------------------------------------------------------------------
// Payload decoding (Message.get_payload(decode=True))
// ---------------------------------------------------------------------------

const STRICT_B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** `email._encoded_words.decode_b` on the payload with line breaks removed. */
function decodeBase64Payload(s: string): Buffer {
  const joined = s.replace(/\r\n|\r|\n/g, '');
  const pad = joined.length % 4;
  const padded = pad ? joined + '==='.slice(0, 4 - pad) : joined;
  if (STRICT_B64.test(padded)) {
    const lenient = a2bBase64(padded);
    if (lenient !== null) return Buffer.from(padded, 'base64');
  }
  let r = a2bBase64(joined);
  if (r === null) r = a2bBase64(joined + '==');
  if (r === null) return Buffer.from(joined, 'latin1');
  return Buffer.from(r, 'latin1');
}

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** `binascii.a2b_qp` (quopri.decodestring): trailing white space is kept. */
export function decodeQuotedPrintable(src: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(src.length);
  let o = 0;
  const n = src.length;
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
    if (d === NL || d === CR) {
      if (d !== NL) while (i < n && src[i] !== NL) i++;
      if (i < n) i++;
    } else if (d === 0x3d) {
      out[o++] = 0x3d;
      i++;
    } else if (i + 1 < n && hexVal(d) >= 0 && hexVal(src[i + 1]!) >= 0) {
      out[o++] = (hexVal(d) << 4) | hexVal(src[i + 1]!);
      i += 2;
    } else out[o++] = 0x3d;
  }
  return out.subarray(0, o);
}

/** `_decode_uu`, or null when Python's decoder fails (the raw bytes are used then). */
function decodeUu(src: Buffer): Buffer | null {
  const lines = src.toString('latin1').split(/\r\n|\r|\n/);
  let k = 0;
  for (; k < lines.length; k++) {
    const l = lines[k]!;
    if (l.startsWith('begin ')) {
      const mode = l.slice(6).split(' ')[0]!;
      if (/^[0-7]+$/.test(mode.replace(/_/g, '')) && mode.length > 0) break;
    }
  }
  if (k >= lines.length) return null;
  const out: number[] = [];
  for (k++; k < lines.length; k++) {
    const l = lines[k]!;
    if (l === '') return null;
    if (l.replace(/^[ \t\r\n\f]+|[ \t\r\n\f]+$/g, '') === 'end') break;
    const len = (l.charCodeAt(0) - 32) & 63;
    const bytes: number[] = [];
    for (let i = 1; i < l.length && bytes.length < len; i += 4) {
      const q = [0, 1, 2, 3].map((j) => (i + j < l.length ? (l.charCodeAt(i + j) - 32) & 63 : 0));
      bytes.push(((q[0]! << 2) | (q[1]! >> 4)) & 0xff, ((q[1]! << 4) | (q[2]! >> 2)) & 0xff, ((q[2]! << 6) | q[3]!) & 0xff);
    }
    while (bytes.length < len) bytes.push(0);
    out.push(...bytes.slice(0, len));
  }
  return Buffer.from(out);
}

/** `get_payload(decode=True)` of a leaf part. */
export function decodedPayload(msg: ParsedMessage, part: MimePart): Buffer {
  let raw = (msg.bytes as Buffer).subarray(part.payloadStart, part.payloadEnd);
  if (part.prefix) raw = Buffer.concat([(msg.bytes as Buffer).subarray(part.prefix[0], part.prefix[1]), raw]);
  const h = findHeader(part.headers, 'content-transfer-encoding');
  if (!h) return raw;
  const cte = headerText(h).toLowerCase();
  switch (cte) {
    case 'quoted-printable':
      return decodeQuotedPrintable(raw);
    case 'base64':
      return decodeBase64Payload(raw.toString('latin1'));
    case 'x-uuencode':
    case 'uuencode':
    case 'uue':
    case 'x-uue':
      return decodeUu(raw) ?? raw;
    default:
      return raw;
  }
}
