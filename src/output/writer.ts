/**
 * Writing records: one JSON object (`{"patches": [...], ...}`), NDJSON, or
 * the per-type files of an output folder. Output is written incrementally,
 * in batches, honouring back-pressure; never as one giant string.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { RecordType } from '../pipeline.js';
import { ByteBuilder } from '../util/bytes.js';

/** Size of one batch of output handed to the stream. */
const BATCH_BYTES = 1 << 20;
/**
 * Bytes a stream may hold unwritten before {@link BatchWriter} waits for it to
 * drain: a few batches, so the next batch is built while earlier ones are
 * being written (a stream's own limit is usually far below one batch).
 */
const MAX_QUEUED_BYTES = 4 * BATCH_BYTES;

/**
 * Batches writes to a stream and waits for `drain` when it is full. Text and
 * bytes are copied into the batch, so a caller may pass views it reuses.
 */
export class BatchWriter {
  #out: ByteBuilder;
  #failed: Error | null = null;

  constructor(
    readonly stream: Writable,
    readonly batchBytes = BATCH_BYTES,
    readonly maxQueuedBytes = MAX_QUEUED_BYTES,
  ) {
    this.#out = new ByteBuilder(batchBytes + (batchBytes >> 2));
    stream.on('error', (e: Error) => {
      this.#failed ??= e;
    });
  }

  async write(s: string | Uint8Array): Promise<void> {
    if (typeof s === 'string') this.#out.utf8(s);
    else this.#out.bytes(s);
    if (this.#out.pos >= this.batchBytes) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#failed) throw this.#failed;
    if (this.#out.pos === 0) return;
    const batch = this.#out.take();
    // Past the stream's own limit `write` asks for a pause, and `drain` follows once its
    // queue is empty; up to maxQueuedBytes the next batch is built meanwhile.
    if (!this.stream.write(batch) && (this.stream.writableLength ?? Infinity) > this.maxQueuedBytes) await this.#drain();
    if (this.#failed) throw this.#failed;
  }

  /** Wait for `drain`, or fail with the stream's error (a closed pipe, a full disk). */
  #drain(): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (e?: Error): void => {
        this.stream.off('drain', onDrain);
        this.stream.off('error', onError);
        this.stream.off('close', onClose);
        if (e) reject(e);
        else resolve();
      };
      const onDrain = (): void => done();
      const onError = (e: Error): void => done(e);
      const onClose = (): void => done(this.#failed ?? Object.assign(new Error('output closed'), { code: 'EPIPE' }));
      this.stream.on('drain', onDrain);
      this.stream.on('error', onError);
      this.stream.on('close', onClose);
    });
  }

  /** Flush and, for files, close. */
  async end(close: boolean): Promise<void> {
    await this.flush();
    if (!close) {
      // a stream we do not own (stdout): wait until what we wrote was accepted
      await new Promise<void>((resolve, reject) => {
        if (this.#failed) return reject(this.#failed);
        this.stream.write('', (e) => (e ? reject(e) : resolve()));
      });
      if (this.#failed) throw this.#failed;
      return;
    }
    const done = once(this.stream, 'finish');
    this.stream.end();
    await done;
    if (this.#failed) throw this.#failed;
  }
}

/** Keys of the stdout object and file names of `--out-dir`, per record type. */
export const RECORD_FILES: Record<RecordType, string> = {
  patch: 'patches',
  cover: 'covers',
  comment: 'comments',
  series: 'series',
  person: 'people',
};
export const RECORD_ORDER: readonly RecordType[] = ['patch', 'cover', 'comment', 'series', 'person'];

function indent(json: Uint8Array | string, pad: string): string {
  const text = typeof json === 'string' ? json : Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8');
  return JSON.stringify(JSON.parse(text), null, 2).replace(/\n/g, '\n' + pad);
}

/** A sink for records arriving in type order; a record's bytes may be a view valid only during the call. */
export interface RecordSink {
  add(type: RecordType, json: Uint8Array | string): Promise<void>;
  end(): Promise<void>;
}

/** `{"patches":[...],"covers":[...],...}` on one stream (compact or `pretty`). */
export class ObjectSink implements RecordSink {
  #w: BatchWriter;
  #pretty: boolean;
  #close: boolean;
  /** Index in RECORD_ORDER of the next array to open. */
  #next = 0;
  /** Whether an array is open and whether it has an element yet. */
  #open = false;
  #empty = true;

  constructor(stream: Writable, pretty: boolean, close = false) {
    this.#w = new BatchWriter(stream);
    this.#pretty = pretty;
    this.#close = close;
  }

  async #closeArray(): Promise<void> {
    if (!this.#open) return;
    await this.#w.write(this.#pretty && !this.#empty ? '\n  ]' : ']');
    this.#open = false;
  }

  /** Open arrays up to and including index `upTo` (empty ones closed at once). */
  async #advance(upTo: number, openLast: boolean): Promise<void> {
    while (this.#next <= upTo) {
      await this.#closeArray();
      const key = JSON.stringify(RECORD_FILES[RECORD_ORDER[this.#next]!]);
      const lead = this.#next === 0 ? '{' : ',';
      await this.#w.write(this.#pretty ? `${lead}\n  ${key}: [` : `${lead}${key}:[`);
      this.#open = true;
      this.#empty = true;
      if (this.#next < upTo || !openLast) await this.#closeArray();
      this.#next++;
    }
  }

  async add(type: RecordType, json: Uint8Array | string): Promise<void> {
    const t = RECORD_ORDER.indexOf(type);
    if (t >= this.#next) await this.#advance(t, true);
    const sep = this.#empty ? '' : ',';
    this.#empty = false;
    if (this.#pretty) await this.#w.write(`${sep}\n    ${indent(json, '    ')}`);
    else {
      if (sep) await this.#w.write(sep);
      await this.#w.write(json);
    }
  }

  async end(): Promise<void> {
    await this.#closeArray();
    await this.#advance(RECORD_ORDER.length - 1, false);
    await this.#w.write(this.#pretty ? '\n}\n' : '}\n');
    await this.#w.end(this.#close);
  }
}

/** One line per record: `{"type":"patch","record":{...}}`. */
export class NdjsonSink implements RecordSink {
  #w: BatchWriter;
  #close: boolean;
  constructor(stream: Writable, close = false) {
    this.#w = new BatchWriter(stream);
    this.#close = close;
  }
  async add(type: RecordType, json: Uint8Array | string): Promise<void> {
    await this.#w.write(`{"type":"${type}","record":`);
    await this.#w.write(json);
    await this.#w.write('}\n');
  }
  async end(): Promise<void> {
    await this.#w.end(this.#close);
  }
}

/** `--out-dir`: one JSON array file per record type, as the conformance cases lay them out. */
export class DirectorySink implements RecordSink {
  #dir: string;
  #pretty: boolean;
  #open: { type: RecordType; w: BatchWriter; first: boolean } | null = null;
  #done = new Set<RecordType>();

  constructor(dir: string, pretty: boolean) {
    makeDirs(dir);
    this.#dir = dir;
    this.#pretty = pretty;
  }

  async #close(): Promise<void> {
    if (!this.#open) return;
    await this.#open.w.write(this.#pretty && !this.#open.first ? '\n]\n' : ']\n');
    await this.#open.w.end(true);
    this.#done.add(this.#open.type);
    this.#open = null;
  }

  async add(type: RecordType, json: Uint8Array | string): Promise<void> {
    if (this.#open?.type !== type) {
      await this.#close();
      const w = new BatchWriter(createWriteStream(join(this.#dir, `${RECORD_FILES[type]}.json`)));
      await w.write('[');
      this.#open = { type, w, first: true };
    }
    const o = this.#open!;
    const sep = o.first ? '' : ',';
    o.first = false;
    if (this.#pretty) await o.w.write(`${sep}\n  ${indent(json, '  ')}`);
    else {
      if (sep) await o.w.write(sep);
      await o.w.write(json);
    }
  }

  async end(): Promise<void> {
    await this.#close();
    for (const t of RECORD_ORDER) {
      if (this.#done.has(t)) continue;
      const w = new BatchWriter(createWriteStream(join(this.#dir, `${RECORD_FILES[t]}.json`)));
      await w.write('[]\n');
      await w.end(true);
    }
  }

  /** Write a small whole file into the folder. */
  async writeFile(name: string, text: string): Promise<void> {
    const w = new BatchWriter(createWriteStream(join(this.#dir, name)));
    await w.write(text);
    await w.end(true);
  }
}

/**
 * `mkdir -p`, one level at a time: Node's recursive mkdir never returns on
 * some virtual file systems (e.g. under /proc), where this fails cleanly.
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  let d = resolve(dir);
  for (;;) {
    try {
      mkdirSync(d);
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') break;
      if (code !== 'ENOENT' || dirname(d) === d) throw e;
      missing.push(d);
      d = dirname(d);
    }
  }
  for (let i = missing.length - 1; i >= 0; i--) {
    try {
      mkdirSync(missing[i]!);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}
