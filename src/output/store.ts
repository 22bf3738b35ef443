/**
 * An append-only list of rendered records that spills to a temporary file
 * once it grows past a threshold, so that converting a multi-GB archive does
 * not hold every body in memory until the end of the input (records embed
 * final-state values and can only be written once the input is consumed).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Default in-memory budget per store before it spills to disk. */
export const SPILL_THRESHOLD_BYTES = 16 * 1024 * 1024;

export class RecordStore {
  #mem: string[] = [];
  #memBytes = 0;
  #threshold: number;
  #fd: number | null = null;
  #dir: string | null = null;
  #pending: string[] = [];
  #pendingBytes = 0;
  #count = 0;

  constructor(threshold = SPILL_THRESHOLD_BYTES) {
    this.#threshold = threshold;
  }

  get count(): number {
    return this.#count;
  }

  /** Append one record (JSON text; must not contain a raw newline). */
  add(text: string): void {
    this.#count++;
    if (this.#fd === null) {
      this.#mem.push(text);
      this.#memBytes += text.length;
      if (this.#memBytes > this.#threshold) this.#spill();
      return;
    }
    this.#pending.push(text);
    this.#pendingBytes += text.length + 1;
    if (this.#pendingBytes > 1 << 20) this.#flush();
  }

  #spill(): void {
    this.#dir = mkdtempSync(join(tmpdir(), 'mbox2pw-'));
    this.#fd = openSync(join(this.#dir, 'records.ndjson'), 'w+');
    this.#pending = this.#mem;
    this.#pendingBytes = this.#memBytes;
    this.#mem = [];
    this.#memBytes = 0;
    this.#flush();
  }

  #flush(): void {
    if (this.#fd === null || this.#pending.length === 0) return;
    const buf = Buffer.from(this.#pending.join('\n') + '\n', 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(this.#fd, buf, off, buf.length - off);
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  /** The records in insertion order. The store may be read once. */
  *records(): Generator<string> {
    if (this.#fd === null) {
      const mem = this.#mem;
      this.#mem = [];
      yield* mem;
      return;
    }
    this.#flush();
    const fd = this.#fd;
    const chunk = Buffer.allocUnsafe(1 << 20);
    let pos = 0;
    let carry: Buffer[] = [];
    try {
      for (;;) {
        const n = readSync(fd, chunk, 0, chunk.length, pos);
        if (n === 0) break;
        pos += n;
        let start = 0;
        let nl = chunk.indexOf(10, 0);
        while (nl !== -1 && nl < n) {
          const piece = chunk.subarray(start, nl);
          if (carry.length > 0) {
            carry.push(piece);
            yield Buffer.concat(carry).toString('utf8');
            carry = [];
          } else yield piece.toString('utf8');
          start = nl + 1;
          nl = chunk.indexOf(10, start);
        }
        if (start < n) carry.push(Buffer.from(chunk.subarray(start, n)));
      }
    } finally {
      this.dispose();
    }
  }

  /** Remove the temporary file, if any. */
  dispose(): void {
    if (this.#fd !== null) {
      closeSync(this.#fd);
      this.#fd = null;
    }
    if (this.#dir !== null) {
      rmSync(this.#dir, { recursive: true, force: true });
      this.#dir = null;
    }
  }
}
