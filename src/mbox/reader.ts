/**
 * I/O adapters around {@link MboxSplitter}: files, stdin, Node streams, async
 * iterables and in-memory bytes; gzip is recognised by its magic bytes; a
 * Maildir directory (`cur/` and `new/`, files sorted by name) is read as one
 * message per file.
 */
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { MboxSplitter, type SplitEvent, type SplitterOptions } from './splitter.js';

/** What the reader accepts: a path (`-` = stdin), a Node stream, chunks, or bytes. */
export type MboxSource = string | Readable | AsyncIterable<Uint8Array> | Uint8Array;

export interface ReadOptions extends Omit<SplitterOptions, 'file'> {
  /** Chunk size for file reads, in bytes. Default: 1 MiB. */
  highWaterMark?: number;
  /** Standard input stream used for `-`. Default: `process.stdin`. */
  stdin?: Readable;
  /** Called as the reader makes progress (bytes of raw input consumed). */
  onProgress?: (bytesRead: number) => void;
  /** Called with every chunk of (decompressed) input, in order. */
  onChunk?: (chunk: Uint8Array) => void;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/** Display name of a source for diagnostics. */
export function sourceName(source: MboxSource): string {
  return typeof source === 'string' ? source : '<input>';
}

function isGzip(buf: Uint8Array): boolean {
  return buf.length >= 2 && buf[0] === GZIP_MAGIC_0 && buf[1] === GZIP_MAGIC_1;
}

/** True when `path` is a Maildir (a directory with `cur/` or `new/`). */
export function isMaildir(path: string): boolean {
  try {
    if (!statSync(path).isDirectory()) return false;
  } catch {
    return false;
  }
  return ['cur', 'new'].some((d) => {
    try {
      return statSync(join(path, d)).isDirectory();
    } catch {
      return false;
    }
  });
}

/** The message files of a Maildir, `cur/` and `new/` together, sorted by file name. */
export function maildirFiles(path: string): string[] {
  const files: Array<{ name: string; path: string }> = [];
  for (const d of ['cur', 'new']) {
    let names: string[];
    try {
      names = readdirSync(join(path, d));
    } catch {
      continue;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const p = join(path, d, name);
      if (statSync(p).isFile()) files.push({ name, path: p });
    }
  }
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.path < b.path ? -1 : 1));
  return files.map((f) => f.path);
}

/** Raw byte chunks of a source, gunzipped when it starts with the gzip magic. */
async function* chunksOf(source: MboxSource, options: ReadOptions): AsyncGenerator<Uint8Array> {
  let input: AsyncIterable<Uint8Array>;
  if (source instanceof Uint8Array) {
    yield isGzip(source) ? gunzipSync(source) : source;
    return;
  }
  if (typeof source === 'string') {
    input =
      source === '-'
        ? (options.stdin ?? process.stdin)
        : createReadStream(source, { highWaterMark: options.highWaterMark ?? 1 << 20 });
  } else input = source;

  const it = input[Symbol.asyncIterator]();
  let first = await it.next();
  while (!first.done && first.value.length === 0) first = await it.next();
  if (first.done) return;
  let head = toU8(first.value);
  if (head.length === 1) {
    // Need two bytes to recognise gzip.
    const second = await it.next();
    if (!second.done) head = Buffer.concat([head, toU8(second.value)]);
  }
  const rest: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => it,
  };
  let read = 0;
  const progress = options.onProgress;
  /** The raw input from its first chunk on, counting bytes for progress. */
  async function* raw(): AsyncGenerator<Uint8Array> {
    read += head.length;
    progress?.(read);
    yield head;
    for await (const c of rest) {
      read += c.length;
      progress?.(read);
      yield toU8(c);
    }
  }
  if (!isGzip(head)) {
    yield* raw();
    return;
  }
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  const compressed = Readable.from(raw());
  compressed.on('error', (e) => gunzip.destroy(e));
  compressed.pipe(gunzip);
  for await (const c of gunzip) yield c as Buffer;
}

function toU8(c: Uint8Array | string): Uint8Array {
  return typeof c === 'string' ? Buffer.from(c, 'latin1') : c;
}

/**
 * Stream the messages of one input.
 *
 * Memory is bounded by the largest single message, not by the input.
 * Throws only for I/O errors (unreadable file, corrupt gzip stream).
 *
 * @example
 * ```ts
 * for await (const ev of readMbox('archive.mbox.gz')) {
 *   if (ev.kind === 'message') console.log(ev.message.index, ev.message.offset);
 * }
 * ```
 */
export async function* readMbox(source: MboxSource, options: ReadOptions = {}): AsyncGenerator<SplitEvent> {
  if (typeof source === 'string' && source !== '-' && isMaildir(source)) {
    let index = 0;
    for (const path of maildirFiles(source)) {
      let bytes: Uint8Array = readFileSync(path);
      if (isGzip(bytes)) bytes = gunzipSync(bytes);
      const splitter = new MboxSplitter({ ...options, format: 'eml', file: path });
      for (const ev of [...splitter.push(bytes), ...splitter.end()]) {
        if (ev.kind === 'message') yield { ...ev, message: { ...ev.message, index: index++ } };
        else if (ev.diagnostic.code !== 'MBOX_FORMAT_DETECTED') yield ev;
      }
    }
    return;
  }
  const splitter = new MboxSplitter({ ...options, file: sourceName(source) });
  for await (const chunk of chunksOf(source, options)) {
    options.onChunk?.(chunk);
    for (const ev of splitter.push(chunk)) yield ev;
  }
  for (const ev of splitter.end()) yield ev;
}

/**
 * Split in-memory bytes synchronously (gzip recognised).
 *
 * @example
 * ```ts
 * const events = splitMbox(readFileSync('series.mbox'), { format: 'mboxo' });
 * ```
 */
export function splitMbox(bytes: Uint8Array, options: SplitterOptions = {}): SplitEvent[] {
  let input = bytes;
  const events: SplitEvent[] = [];
  if (isGzip(bytes)) {
    try {
      input = gunzipSync(bytes);
    } catch (e) {
      // In memory there is nothing to retry: report it and read the bytes as they are.
      events.push({
        kind: 'diagnostic',
        diagnostic: {
          code: 'MBOX_BAD_GZIP',
          severity: 'error',
          skipped: false,
          file: options.file ?? '<input>',
          offset: 0,
          end: bytes.length,
          messageIndex: -1,
          stage: 'mbox',
          message: `the input starts like gzip but does not decompress (${(e as Error).message}): read as it is`,
        },
      });
    }
  }
  const splitter = new MboxSplitter(options);
  events.push(...splitter.push(input), ...splitter.end());
  return events;
}
