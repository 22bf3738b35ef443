/**
 * An append-only list of rendered records (UTF-8 JSON, one per line) that
 * spills to a temporary file once it grows past a threshold, so that
 * converting a multi-GB archive does not hold every body in memory until the
 * end of the input (records embed final-state values and can only be written
 * once the input is consumed).
 *
 * Those final-state values are holes in the bytes: a NUL, a tag letter, an
 * id and a NUL (see {@link writeHole}). JSON text never holds a raw NUL (it is
 * always escaped), so {@link fillHoles} finds them with one byte search.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, write, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ByteBuilder } from '../util/bytes.js';

/** Default in-memory budget per store before it spills to disk. */
export const SPILL_THRESHOLD_BYTES = 8 * 1024 * 1024;
/** Records are collected into chunks of about this size before they are kept or written. */
const CHUNK_BYTES = 512 * 1024;
/** Read size when the records come back from the temporary file. */
const READ_BYTES = 4 << 20;

const NL = 0x0a;
const NUL = 0x00;

/** The tag of a hole: `P` an embedded person, `S` a patch's or cover's `series` list. */
export type HoleTag = 'P' | 'S';

/** Write a hole for a value known only at the end of the input (`id` null: no series). */
export function writeHole(out: ByteBuilder, tag: HoleTag, id: number | null): void {
  out.ascii(id === null ? `\u0000${tag}\u0000` : `\u0000${tag}${id}\u0000`);
}

/**
 * Replace the holes of one record: `fill(tag, id)` gives the bytes for each
 * (`id` is null for a hole written without one). Returns `rec` itself when it
 * has no hole; otherwise the filled record in `scratch` (valid until its next use).
 */
export function fillHoles(
  rec: Uint8Array,
  scratch: ByteBuilder,
  fill: (tag: HoleTag, id: number | null) => Uint8Array,
): Uint8Array {
  let h = rec.indexOf(NUL);
  if (h < 0) return rec;
  scratch.reset();
  let from = 0;
  while (h >= 0) {
    const close = rec.indexOf(NUL, h + 1);
    scratch.bytes(rec.subarray(from, h));
    const tag = rec[h + 1] === 0x50 ? 'P' : 'S';
    let id: number | null = null;
    if (close > h + 2) {
      id = 0;
      for (let i = h + 2; i < close; i++) id = id * 10 + (rec[i]! - 0x30);
    }
    scratch.bytes(fill(tag, id));
    from = close + 1;
    h = rec.indexOf(NUL, from);
  }
  scratch.bytes(rec.subarray(from));
  return scratch.view();
}

/** Spill chunks being written in the background, per store, before {@link RecordStore.settled} asks to wait. */
const MAX_PENDING_WRITES = 4;

export class RecordStore {
  /** Where the record being rendered goes; call {@link end} after each record. */
  readonly out = new ByteBuilder(CHUNK_BYTES + (CHUNK_BYTES >> 2));
  #chunks: Buffer[] = [];
  #memBytes = 0;
  #threshold: number;
  #sync: boolean;
  #fd: number | null = null;
  #dir: string | null = null;
  #count = 0;
  /** Bytes written (or being written) to the file so far. */
  #fileBytes = 0;
  #pending = 0;
  #failure: Error | null = null;
  #waiters: Array<() => void> = [];

  /**
   * `sync`: write spilled chunks before `end` returns; otherwise they are written in the
   * background (file writes can block for a while under write-back pressure), and the caller
   * waits for {@link settled} now and then.
   */
  constructor(threshold = SPILL_THRESHOLD_BYTES, sync = false) {
    this.#threshold = threshold;
    this.#sync = sync;
  }

  get count(): number {
    return this.#count;
  }

  /** Close the record just written into {@link out} (it must not contain a raw newline). */
  end(): void {
    if (this.#failure) throw this.#failure;
    this.out.byte(NL);
    this.#count++;
    if (this.out.pos >= CHUNK_BYTES) this.#rotate();
  }

  /** Whether background writes are piling up (then await {@link settled}). */
  get busy(): boolean {
    return this.#pending >= MAX_PENDING_WRITES;
  }

  /** Resolves once at most `max` background writes are pending; rejects with a write error. */
  settled(max = MAX_PENDING_WRITES - 1): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#pending <= max) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.#failure) reject(this.#failure);
        else if (this.#pending <= max) resolve();
        else this.#waiters.push(check);
      };
      this.#waiters.push(check);
    });
  }

  /** Move the finished records out of {@link out}: into memory, or to the file. */
  #rotate(): void {
    if (this.out.pos === 0) return;
    if (this.#fd !== null) {
      this.#write(this.out.take());
      return;
    }
    const chunk = this.out.take();
    this.#chunks.push(chunk);
    this.#memBytes += chunk.length;
    if (this.#memBytes > this.#threshold) this.#spill();
  }

  #write(chunk: Buffer): void {
    const at = this.#fileBytes;
    this.#fileBytes += chunk.length;
    if (this.#sync) {
      writeAll(this.#fd!, chunk, at);
      return;
    }
    this.#pending++;
    const fd = this.#fd!;
    const done = (e: Error | null): void => {
      this.#pending--;
      if (e) this.#failure ??= e;
      const waiters = this.#waiters;
      this.#waiters = [];
      for (const w of waiters) w();
    };
    const step = (off: number): void => {
      write(fd, chunk, off, chunk.length - off, at + off, (e, n) => {
        if (e) done(e);
        else if (off + n < chunk.length) step(off + n);
        else done(null);
      });
    };
    step(0);
  }

  #spill(): void {
    this.#dir = mkdtempSync(join(tmpdir(), 'mbox2pw-'));
    this.#fd = openSync(join(this.#dir, 'records.ndjson'), 'w+');
    for (const c of this.#chunks) this.#write(c);
    this.#chunks = [];
    this.#memBytes = 0;
  }

  /**
   * The records in insertion order, each without its newline, holes unfilled
   * (see {@link fillHoles}). A yielded view is valid until the next one is
   * requested. The store may be read once.
   */
  *records(): Generator<Uint8Array> {
    if (this.#pending > 0) throw new Error('RecordStore.records() called before settled(0) resolved');
    if (this.#failure) throw this.#failure;
    if (this.#fd !== null) {
      // The last partial chunk goes to the file too, synchronously.
      if (this.out.pos > 0) writeAll(this.#fd, this.out.view(), this.#fileBytes);
      this.#fileBytes += this.out.pos;
      this.out.reset();
    } else if (this.out.pos > 0) this.#chunks.push(this.out.take());
    if (this.#fd === null) {
      const chunks = this.#chunks;
      this.#chunks = [];
      for (const c of chunks) yield* lines(c);
      return;
    }
    const fd = this.#fd;
    let block = Buffer.allocUnsafe(READ_BYTES);
    let have = 0;
    let pos = 0;
    try {
      for (;;) {
        if (have === block.length) {
          // One record longer than the block: grow it.
          const bigger = Buffer.allocUnsafe(block.length * 2);
          block.copy(bigger, 0, 0, have);
          block = bigger;
        }
        const n = readSync(fd, block, have, block.length - have, pos);
        if (n === 0) break;
        pos += n;
        have += n;
        const last = block.lastIndexOf(NL, have - 1);
        if (last < 0) continue;
        yield* lines(block.subarray(0, last + 1));
        const rest = have - last - 1;
        block.copy(block, 0, last + 1, have);
        have = rest;
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

/** The newline-terminated records of `buf`, without their newlines. */
function* lines(buf: Uint8Array): Generator<Uint8Array> {
  let start = 0;
  let nl = buf.indexOf(NL);
  while (nl >= 0) {
    yield buf.subarray(start, nl);
    start = nl + 1;
    nl = buf.indexOf(NL, start);
  }
}

function writeAll(fd: number, buf: Uint8Array, at: number): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off, at + off);
}
