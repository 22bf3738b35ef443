/**
 * The push-driven mbox splitter: bytes in (any chunking), raw messages out.
 *
 * It is the engine under {@link readMbox} and `splitMbox`; it does no I/O.
 * Feed it with {@link MboxSplitter.push} and finish with {@link MboxSplitter.end};
 * both return the messages (and reader diagnostics) completed so far.
 *
 * Framing follows Python's `mailbox.mbox` (what Patchwork's `parsearchive`
 * reads with), byte for byte:
 * - every line that begins with `From ` starts a message (`bare` rule) and is
 *   its envelope, not part of it;
 * - a message runs to the next such line or to the end of the input, and if
 *   its last line is exactly `\n` that line is dropped (a `\r\n` line is not);
 * - bytes before the first From_ line belong to no message.
 *
 * The splitter only ever decides at line boundaries, so the output does not
 * depend on how the input is chunked, and offsets are absolute byte positions
 * in the (decompressed) input.
 */
import { type Diagnostic, type DiagnosticCode, type Severity } from '../diagnostics.js';
import { LORE_FROM_LINE, isStrictFromLine, startsWithFrom } from './from-line.js';
import type { FromRule, MboxFormat, RawMessage } from './types.js';

export interface SplitterOptions {
  /** Input dialect; `auto` decides from the first line. Default: `auto`. */
  format?: MboxFormat;
  /** Which From_ lines separate messages. Default: `bare`. */
  fromRule?: FromRule;
  /** Name used in diagnostics. Default: `<input>`. */
  file?: string;
}

/** What the splitter hands back: messages, and diagnostics about the input itself. */
export type SplitEvent =
  | { readonly kind: 'message'; readonly message: RawMessage; readonly warnings: readonly Diagnostic[] }
  | { readonly kind: 'diagnostic'; readonly diagnostic: Diagnostic };

const NL = 0x0a;
const CR = 0x0d;
const NL_FROM = Buffer.from('\nFrom ', 'latin1');
const GT_FROM = Buffer.from('>From ', 'latin1');

function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

/** One From_-delimited stretch of the input, envelope line included. */
interface Segment {
  start: number;
  end: number;
  bytes: Buffer;
}

export class MboxSplitter {
  readonly #file: string;
  readonly #rule: FromRule;
  #format: Exclude<MboxFormat, 'auto'> | null;
  readonly #requested: MboxFormat;

  /** Bytes after the last complete line seen so far. */
  #partial: Buffer[] = [];
  #partialLen = 0;
  /** Absolute offset of the first byte not yet handed to #lines. */
  #consumed = 0;

  /** The segment being collected: its start (-1 = preamble) and its chunks. */
  #segStart = -1;
  #segChunks: Buffer[] = [];
  #segLen = 0;

  #index = 0;
  #out: SplitEvent[] = [];
  #ended = false;

  /** mboxcl/mboxcl2: segments held until their Content-Length is satisfied. */
  #held: Segment[] = [];
  #heldNeed = 0;

  /** eml: the whole input. */
  #eml: Buffer[] = [];
  #emlLen = 0;

  /** Evidence that makes an automatic choice doubtful. */
  #gtFromLines = 0;
  #looseSeparators = 0;
  #sawSeparator = false;

  constructor(options: SplitterOptions = {}) {
    this.#file = options.file ?? '<input>';
    this.#rule = options.fromRule ?? 'bare';
    this.#requested = options.format ?? 'auto';
    this.#format = this.#requested === 'auto' ? null : this.#requested;
  }

  /** The dialect in use (`null` until `auto` has seen the first line). */
  get format(): Exclude<MboxFormat, 'auto'> | null {
    return this.#format;
  }

  /** Feed the next chunk of input; returns what it completed. */
  push(chunk: Uint8Array): SplitEvent[] {
    if (this.#ended) throw new Error('MboxSplitter.push() called after end()');
    const buf = asBuffer(chunk);
    if (buf.length === 0) return this.#drain();
    if (this.#format === null) {
      this.#partial.push(buf);
      this.#partialLen += buf.length;
      const all = this.#partial.length === 1 ? buf : Buffer.concat(this.#partial, this.#partialLen);
      this.#partial = [all];
      const nl = all.indexOf(NL);
      if (nl === -1 && all.length < 4096) return this.#drain();
      this.#decide(all.subarray(0, nl === -1 ? all.length : nl));
      this.#partial = [];
      this.#partialLen = 0;
      return this.#feed(all);
    }
    return this.#feed(buf);
  }

  /** Signal the end of input; returns the last messages and diagnostics. */
  end(): SplitEvent[] {
    if (this.#ended) return [];
    if (this.#format === null) {
      const all = Buffer.concat(this.#partial, this.#partialLen);
      this.#partial = [];
      this.#partialLen = 0;
      const nl = all.indexOf(NL);
      this.#decide(all.subarray(0, nl === -1 ? all.length : nl));
      if (all.length > 0) this.#feed(all);
    }
    this.#ended = true;
    if (this.#partialLen > 0) {
      const rest = Buffer.concat(this.#partial, this.#partialLen);
      this.#partial = [];
      this.#partialLen = 0;
      this.#lines(rest);
    }
    if (this.#format === 'eml') this.#finishEml();
    else {
      this.#closeSegment(this.#consumed);
      this.#flushHeld(true);
      if (!this.#sawSeparator) {
        this.#note(
          'MBOX_EMPTY_INPUT',
          'warning',
          0,
          this.#consumed,
          this.#consumed === 0
            ? 'the input is empty: no messages'
            : `no From_ line found in ${this.#consumed} bytes of ${this.#format} input: no messages`,
        );
      }
      this.#reportDoubts();
    }
    return this.#drain();
  }

  #drain(): SplitEvent[] {
    const out = this.#out;
    this.#out = [];
    return out;
  }

  #note(code: DiagnosticCode, severity: Severity, offset: number, end: number, message: string): void {
    this.#out.push({
      kind: 'diagnostic',
      diagnostic: {
        code,
        severity,
        skipped: false,
        file: this.#file,
        offset,
        end,
        messageIndex: -1,
        stage: 'mbox',
        message,
      },
    });
  }

  /** `auto`: eml unless the input begins with `From `; lore's envelope means mboxrd. */
  #decide(firstLine: Buffer): void {
    let line = firstLine.toString('latin1');
    if (line.endsWith('\r')) line = line.slice(0, -1);
    let why: string;
    if (!startsWithFrom(firstLine, 0)) {
      this.#format = 'eml';
      why = 'the first line does not begin with "From "';
    } else if (line === LORE_FROM_LINE) {
      this.#format = 'mboxrd';
      why = 'the first line is the public-inbox/lore mboxrd envelope';
    } else {
      this.#format = 'mboxo';
      why = 'the first line is a From_ line (Python mailbox.mbox framing)';
    }
    this.#note('MBOX_FORMAT_DETECTED', 'info', 0, 0, `format ${this.#format}: ${why}`);
  }

  /** Split off complete lines; keep the trailing partial line for later. */
  #feed(buf: Buffer): SplitEvent[] {
    const last = buf.lastIndexOf(NL);
    if (last === -1) {
      this.#partial.push(buf);
      this.#partialLen += buf.length;
      return this.#drain();
    }
    let from = 0;
    if (this.#partialLen > 0) {
      // Only the line cut by the chunk boundary is joined; the lines after it stay in the chunk.
      const first = buf.indexOf(NL);
      this.#partial.push(buf.subarray(0, first + 1));
      const line = Buffer.concat(this.#partial, this.#partialLen + first + 1);
      this.#partial = [];
      this.#partialLen = 0;
      this.#lines(line);
      from = first + 1;
    }
    const partial = last === buf.length - 1 ? null : buf.subarray(last + 1);
    if (last + 1 > from) this.#lines(from === 0 && partial === null ? buf : buf.subarray(from, last + 1));
    if (partial !== null) {
      this.#partial = [partial];
      this.#partialLen = partial.length;
    }
    return this.#drain();
  }

  /** Handle a run of whole lines (the last one may lack `\n` only at end of input). */
  #lines(buf: Buffer): void {
    const base = this.#consumed;
    this.#consumed += buf.length;
    if (this.#format === 'eml') {
      this.#eml.push(buf);
      this.#emlLen += buf.length;
      return;
    }
    this.#countGtFrom(buf);
    let segFrom = 0;
    let p = startsWithFrom(buf, 0) ? 0 : this.#nextCandidate(buf, 0);
    while (p !== -1) {
      if (this.#acceptSeparator(buf, p)) {
        if (p > segFrom) this.#append(buf.subarray(segFrom, p));
        this.#closeSegment(base + p);
        this.#segStart = base + p;
        segFrom = p;
      }
      p = this.#nextCandidate(buf, p + 1);
    }
    if (segFrom < buf.length) this.#append(buf.subarray(segFrom));
  }

  #nextCandidate(buf: Buffer, from: number): number {
    const i = buf.indexOf(NL_FROM, from === 0 ? 0 : from - 1);
    return i === -1 ? -1 : i + 1;
  }

  #acceptSeparator(buf: Buffer, p: number): boolean {
    if (this.#rule === 'bare' && this.#requested !== 'auto') return true;
    let e = buf.indexOf(NL, p);
    if (e === -1) e = buf.length;
    if (e > p && buf[e - 1] === CR) e--;
    const strict = isStrictFromLine(buf.toString('latin1', p, Math.min(e, p + 1024)));
    if (!strict) this.#looseSeparators++;
    return this.#rule === 'bare' || strict;
  }

  #countGtFrom(buf: Buffer): void {
    if (this.#requested !== 'auto') return;
    let i = buf.indexOf(GT_FROM);
    while (i !== -1) {
      if (i === 0 || buf[i - 1] === NL) this.#gtFromLines++;
      i = buf.indexOf(GT_FROM, i + 1);
    }
  }

  #append(part: Buffer): void {
    this.#segChunks.push(part);
    this.#segLen += part.length;
  }

  /** The current segment ends at absolute offset `end`. */
  #closeSegment(end: number): void {
    const chunks = this.#segChunks;
    const len = this.#segLen;
    this.#segChunks = [];
    this.#segLen = 0;
    if (this.#segStart === -1) {
      if (len > 0) {
        this.#note(
          'MBOX_PREAMBLE',
          'warning',
          end - len,
          end,
          `${len} bytes before the first From_ line belong to no message and were ignored`,
        );
      }
      return;
    }
    this.#sawSeparator = true;
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, len);
    const seg: Segment = { start: this.#segStart, end, bytes };
    if (this.#format === 'mboxcl2' || this.#format === 'mboxcl') this.#contentLength(seg);
    else this.#emit(seg.start, seg.end, seg.bytes, []);
  }

  /** Turn one From_-delimited stretch into a message (mboxo/mboxrd framing). */
  #emit(start: number, end: number, bytes: Buffer, warnings: Diagnostic[], clBody?: number): void {
    let nl = bytes.indexOf(NL);
    if (nl === -1) nl = bytes.length;
    let fromEnd = nl;
    if (fromEnd > 0 && bytes[fromEnd - 1] === CR) fromEnd--;
    const fromLine = bytes.toString('latin1', 0, fromEnd);
    let body = bytes.subarray(Math.min(nl + 1, bytes.length));
    if (clBody !== undefined) body = body.subarray(0, clBody);
    else if (body.length > 0 && body[body.length - 1] === NL && (body.length === 1 || body[body.length - 2] === NL)) {
      body = body.subarray(0, body.length - 1);
    }
    if (this.#format === 'mboxrd') body = unescapeFrom(body, true);
    else if (this.#format === 'mboxcl') body = unescapeFrom(body, false);
    const index = this.#index++;
    for (const w of warnings) w.messageIndex = index;
    this.#out.push({ kind: 'message', message: { index, offset: start, end, fromLine, bytes: body }, warnings });
  }

  /**
   * mboxcl/mboxcl2: the body is `Content-Length` bytes long, so From_ lines
   * inside it do not split. A missing or wrong length falls back to the
   * From_ split, with a warning.
   */
  #contentLength(seg: Segment): void {
    if (this.#held.length > 0) {
      this.#held.push(seg);
      const have = this.#held.reduce((n, s) => n + s.bytes.length, 0);
      if (have >= this.#heldNeed) this.#flushHeld(false);
      return;
    }
    const need = contentLengthEnd(seg.bytes);
    if (need === null) {
      this.#emit(seg.start, seg.end, seg.bytes, [
        this.#warn(seg, 'no usable Content-Length header: message delimited by its From_ lines'),
      ]);
      return;
    }
    if (need.end <= seg.bytes.length) this.#closeHeld([seg], need.end, need.body);
    else {
      this.#held = [seg];
      this.#heldNeed = need.end;
    }
  }

  #flushHeld(atEnd: boolean): void {
    if (this.#held.length === 0) return;
    const held = this.#held;
    const need = contentLengthEnd(held[0]!.bytes)!;
    this.#held = [];
    const have = held.reduce((n, s) => n + s.bytes.length, 0);
    if (atEnd && have < need.end) {
      for (const s of held) {
        this.#emit(s.start, s.end, s.bytes, [
          this.#warn(s, `Content-Length runs past the end of input: message delimited by its From_ lines`),
        ]);
      }
      return;
    }
    this.#closeHeld(held, need.end, need.body);
  }

  /** Emit `segs` as one message if the bytes after the body are only a blank line. */
  #closeHeld(segs: Segment[], need: number, body: number): void {
    const bytes = segs.length === 1 ? segs[0]!.bytes : Buffer.concat(segs.map((s) => s.bytes));
    const tail = bytes.subarray(need);
    const ok = tail.length === 0 || (tail.length === 1 && tail[0] === NL) || (tail.length === 2 && tail[0] === CR && tail[1] === NL);
    if (ok) {
      this.#emit(segs[0]!.start, segs[segs.length - 1]!.end, bytes, [], body);
      return;
    }
    for (const s of segs) {
      this.#emit(s.start, s.end, s.bytes, [
        this.#warn(s, 'Content-Length does not end at a From_ line: message delimited by its From_ lines'),
      ]);
    }
  }

  #warn(seg: Segment, message: string): Diagnostic {
    return {
      code: 'MBOX_BAD_CONTENT_LENGTH',
      severity: 'warning',
      skipped: false,
      file: this.#file,
      offset: seg.start,
      end: seg.end,
      messageIndex: -1,
      stage: 'mbox',
      message,
    };
  }

  #finishEml(): void {
    const all = Buffer.concat(this.#eml, this.#emlLen);
    this.#eml = [];
    // Python's message_from_binary_file reads through universal newlines.
    let text = universalNewlines(all);
    let fromLine: string | null = null;
    if (startsWithFrom(text, 0)) {
      let nl = text.indexOf(NL);
      if (nl === -1) nl = text.length;
      fromLine = text.toString('latin1', 0, nl);
      text = text.subarray(Math.min(nl + 1, text.length));
    }
    if (all.length === 0) this.#note('MBOX_EMPTY_INPUT', 'warning', 0, 0, 'the input is empty: no messages');
    else {
      this.#out.push({
        kind: 'message',
        message: { index: this.#index++, offset: 0, end: all.length, fromLine, bytes: text },
        warnings: [],
      });
    }
  }

  #reportDoubts(): void {
    if (this.#requested !== 'auto') return;
    const why: string[] = [];
    if (this.#gtFromLines > 0 && this.#format === 'mboxo') {
      why.push(`${this.#gtFromLines} ">From " line(s) look mbox-escaped but are kept as they are (use --format mboxrd to unescape)`);
    }
    if (this.#looseSeparators > 0) {
      why.push(
        `${this.#looseSeparators} line(s) beginning "From " do not look like envelopes but split messages (use --from-rule strict to keep them in bodies)`,
      );
    }
    if (why.length > 0) {
      this.#note('MBOX_FORMAT_DOUBTFUL', 'warning', 0, this.#consumed, `format ${this.#format} may be wrong: ${why.join('; ')}`);
    }
  }
}

/**
 * Where a mboxcl/mboxcl2 message ends, relative to its segment start: the end
 * of the header block plus the Content-Length value. `null` if the header is
 * missing or not a number.
 */
function contentLengthEnd(seg: Buffer): { end: number; body: number } | null {
  let nl = seg.indexOf(NL);
  if (nl === -1) return null;
  const fromEnd = nl + 1;
  let pos = fromEnd;
  let length: number | null = null;
  for (;;) {
    nl = seg.indexOf(NL, pos);
    const lineEnd = nl === -1 ? seg.length : nl;
    const contentEnd = lineEnd > pos && seg[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
    if (contentEnd === pos) {
      if (length === null) return null;
      const bodyStart = nl === -1 ? seg.length : nl + 1;
      return { end: bodyStart + length, body: bodyStart + length - fromEnd };
    }
    if (length === null && contentEnd - pos > 15) {
      const line = seg.toString('latin1', pos, Math.min(contentEnd, pos + 64));
      const m = /^content-length:[ \t]*(\d{1,15})[ \t]*$/i.exec(line);
      if (m) length = Number(m[1]);
    }
    if (nl === -1) return null;
    pos = nl + 1;
  }
}

/**
 * mboxrd (`all`): remove one `>` from every line matching `^>+From `;
 * mboxcl: only from lines matching `^>From `.
 */
export function unescapeFrom(body: Buffer, all: boolean): Buffer {
  let i = body.indexOf(GT_FROM);
  if (i === -1) return body;
  const parts: Buffer[] = [];
  let copied = 0;
  while (i !== -1) {
    // walk back over the run of '>' to the line start
    let s = i;
    while (s > 0 && body[s - 1] === 0x3e) s--;
    const atLineStart = s === 0 || body[s - 1] === NL;
    if (atLineStart && (all || s === i)) {
      parts.push(body.subarray(copied, s));
      copied = s + 1;
    }
    i = body.indexOf(GT_FROM, i + 1);
  }
  if (parts.length === 0) return body;
  parts.push(body.subarray(copied));
  return Buffer.concat(parts);
}

/** CRLF and lone CR become LF (Python universal newlines). */
export function universalNewlines(buf: Buffer): Buffer {
  let i = buf.indexOf(CR);
  if (i === -1) return buf;
  const out = Buffer.allocUnsafe(buf.length);
  let o = 0;
  let from = 0;
  while (i !== -1) {
    buf.copy(out, o, from, i);
    o += i - from;
    out[o++] = NL;
    from = i + 1 < buf.length && buf[i + 1] === NL ? i + 2 : i + 1;
    i = buf.indexOf(CR, from);
  }
  buf.copy(out, o, from);
  o += buf.length - from;
  return out.subarray(0, o);
}
