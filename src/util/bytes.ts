/**
 * A growable byte buffer for output: JSON text is written into it as UTF-8
 * (or as ASCII where the caller knows the text is ASCII), without building
 * intermediate strings.
 */

/** Initial capacity of a {@link ByteBuilder} when none is given. */
const DEFAULT_CAPACITY = 1 << 16;

type Writer = (this: Buffer, s: string, offset: number, length?: number) => number;
type Slicer = (this: Buffer, start: number, end: number) => string;
interface FastBuffer {
  latin1Write?: Writer;
  utf8Write?: Writer;
  latin1Slice?: Slicer;
  utf8Slice?: Slicer;
}
const proto = Buffer.prototype as unknown as FastBuffer;

/**
 * Node's native coders behind `buf.write(s, offset, encoding)` and
 * `buf.toString(encoding, start, end)`, called directly where Node has them
 * (they skip the argument normalisation of the public methods, which shows in
 * per-field calls), else the public equivalents.
 */
export const latin1Write: Writer =
  proto.latin1Write ??
  function (this: Buffer, s: string, offset: number, length?: number): number {
    return this.write(s, offset, length ?? this.length - offset, 'latin1');
  };
export const utf8Write: Writer =
  proto.utf8Write ??
  function (this: Buffer, s: string, offset: number, length?: number): number {
    return this.write(s, offset, length ?? this.length - offset, 'utf8');
  };
export const latin1Slice: Slicer =
  proto.latin1Slice ??
  function (this: Buffer, start: number, end: number): string {
    return this.toString('latin1', start, end);
  };
export const utf8Slice: Slicer =
  proto.utf8Slice ??
  function (this: Buffer, start: number, end: number): string {
    return this.toString('utf8', start, end);
  };

/** Per ASCII byte, how JSON writes it in a string: 0 as it is, else the letter after `\\` (`u`: `\\u00XX`). */
const JSON_ESCAPE = new Uint8Array(128);
for (let c = 0; c < 0x20; c++) JSON_ESCAPE[c] = 0x75;
JSON_ESCAPE[0x08] = 0x62; // \b
JSON_ESCAPE[0x09] = 0x74; // \t
JSON_ESCAPE[0x0a] = 0x6e; // \n
JSON_ESCAPE[0x0c] = 0x66; // \f
JSON_ESCAPE[0x0d] = 0x72; // \r
JSON_ESCAPE[0x22] = 0x22; // \"
JSON_ESCAPE[0x5c] = 0x5c; // \\
const HEX = new Uint8Array([...'0123456789abcdef'].map((c) => c.charCodeAt(0)));

export class ByteBuilder {
  /** The bytes written so far are `buf[0, pos)`. */
  buf: Buffer;
  pos = 0;

  /** A builder with room for `capacity` bytes, or writing into `memory` (grown by copying when full). */
  constructor(capacity = DEFAULT_CAPACITY, memory?: ArrayBuffer) {
    this.buf = memory !== undefined && memory.byteLength >= capacity ? Buffer.from(memory) : Buffer.allocUnsafeSlow(capacity);
  }

  /** Make room for `n` more bytes. */
  reserve(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = Buffer.allocUnsafeSlow(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Text known to be ASCII (one byte per UTF-16 unit). */
  ascii(s: string): void {
    this.reserve(s.length);
    this.pos += latin1Write.call(this.buf, s, this.pos, s.length);
  }

  /** Any text, as UTF-8 (lone surrogates become U+FFFD, as `Buffer.from` does). */
  utf8(s: string): void {
    const room = this.buf.length - this.pos;
    // Three bytes per UTF-16 unit is the worst case; only measure when it might not fit.
    if (s.length * 3 > room) this.reserve(Buffer.byteLength(s, 'utf8'));
    this.pos += utf8Write.call(this.buf, s, this.pos);
  }

  /** A JSON value: `JSON.stringify(v)` as UTF-8. */
  json(v: string | number | boolean | null): void {
    this.utf8(JSON.stringify(v));
  }

  /**
   * A JSON string of ASCII bytes `src[start, end)`, as `JSON.stringify` writes the text they
   * spell (each byte one character); bytes >= 0x80 are not allowed.
   */
  jsonAscii(src: Uint8Array, start: number, end: number): void {
    // Room for two bytes per byte (every escape but `\u00XX`) and the quotes; more only
    // once a control character shows up.
    let wide = false;
    this.reserve(2 * (end - start) + 2);
    let buf = this.buf;
    let p = this.pos;
    buf[p++] = 0x22;
    for (let i = start; i < end; i++) {
      const c = src[i]!;
      const e = JSON_ESCAPE[c]!;
      if (e === 0) buf[p++] = c;
      else if (e !== 0x75) {
        buf[p++] = 0x5c;
        buf[p++] = e;
      } else {
        if (!wide) {
          wide = true;
          this.pos = p;
          this.reserve(6 * (end - i) + 1);
          buf = this.buf;
        }
        buf[p++] = 0x5c;
        buf[p++] = 0x75;
        buf[p++] = 0x30;
        buf[p++] = 0x30;
        buf[p++] = HEX[c >> 4]!;
        buf[p++] = HEX[c & 15]!;
      }
    }
    buf[p++] = 0x22;
    this.pos = p;
  }

  /** The bytes `src[start, end)` (no view of them is made). */
  copy(src: Buffer, start: number, end: number): void {
    this.reserve(end - start);
    this.pos += src.copy(this.buf, this.pos, start, end);
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  byte(c: number): void {
    if (this.pos >= this.buf.length) this.reserve(1);
    this.buf[this.pos++] = c;
  }

  /** The bytes written so far (a view: valid until the next write). */
  view(start = 0, end = this.pos): Buffer {
    return this.buf.subarray(start, end);
  }

  /** Hand over the bytes written so far and start afresh with a new buffer of the same capacity. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafeSlow(this.buf.length);
    this.pos = 0;
    return out;
  }

  reset(): void {
    this.pos = 0;
  }
}
