/**
 * The library entry points: streaming {@link parseMbox} and in-memory
 * {@link parseMboxSync}. Both wrap the same engine ({@link Conversion}).
 */
import { stat } from 'node:fs/promises';
import type { Diagnostic } from './diagnostics.js';
import { readMbox, sourceName, splitMbox, type MboxSource, type ReadOptions } from './mbox/reader.js';
import { normalizeOptions, type Options, type ResolvedOptions } from './options.js';
import { Driver, type DriverHooks } from './parallel/driver.js';
import { Conversion, type MessageReport, type RecordType, type Summary } from './pipeline.js';
import type { CommentEntry, Cover, Patch, Person, Series } from './types.js';

/** One outcome of a run: a record of some type, or a diagnostic. */
export type Outcome =
  | { type: 'patch'; record: Patch }
  | { type: 'cover'; record: Cover }
  | { type: 'comment'; record: CommentEntry }
  | { type: 'series'; record: Series }
  | { type: 'person'; record: Person }
  | { type: 'diagnostic'; diagnostic: Diagnostic };

/**
 * Engine-level event: a record's JSON (text, or UTF-8 bytes that stay valid
 * only until the next event is requested), a diagnostic, or the end of a run.
 */
export type RunEvent =
  | { type: RecordType; json: Uint8Array | string }
  | { type: 'diagnostic'; diagnostic: Diagnostic }
  | { type: 'done'; summary: Summary; project: string };

export interface RunHooks {
  /** Per-message verdicts. */
  onMessage?: (report: MessageReport) => void;
  /** Tap of the decompressed input (progress bars, line numbers). */
  onChunk?: (chunk: Uint8Array, offset: number, file: string) => void;
  /** Raw bytes read from disk/stream so far (before decompression). */
  onProgress?: (bytesRead: number, file: string) => void;
  /** Called after each message (for progress reporting). */
  onMessageDone?: (offset: number, file: string) => void;
}

/** Bytes the sources hold, counting only those whose size is known before reading (regular files, bytes). */
async function knownSize(list: readonly MboxSource[]): Promise<number> {
  let total = 0;
  for (const source of list) {
    if (source instanceof Uint8Array) total += source.length;
    else if (typeof source === 'string' && source !== '-') {
      try {
        const st = await stat(source);
        if (st.isFile()) total += st.size;
      } catch {
        // the reader reports it
      }
    }
  }
  return total;
}

function* finish(conv: Conversion): Generator<RunEvent> {
  try {
    for (const r of conv.records()) yield r;
  } finally {
    conv.dispose();
  }
  yield { type: 'done', summary: conv.summary, project: conv.projectJson() };
}

function* diagnostics(list: readonly Diagnostic[]): Generator<RunEvent> {
  for (const d of list) yield { type: 'diagnostic', diagnostic: d };
}

/**
 * The engine's streaming form: JSON text of every record, diagnostics as they
 * happen, then a summary. Several sources are one archive split across files:
 * state carries over, in order. Throws only on bad options and I/O errors.
 */
export async function* run(
  sources: MboxSource | readonly MboxSource[],
  options: ResolvedOptions,
  hooks: RunHooks = {},
  readOptions: Pick<ReadOptions, 'stdin'> = {},
): AsyncGenerator<RunEvent> {
  const list = Array.isArray(sources) ? (sources as readonly MboxSource[]) : [sources as MboxSource];
  const conv = new Conversion(options);
  conv.onMessage = hooks.onMessage;
  const driverHooks: DriverHooks = {};
  if (hooks.onMessageDone) driverHooks.onMessageDone = hooks.onMessageDone;
  const driver = new Driver(conv, options.jobs, options.workerThreshold, driverHooks);
  try {
    if (options.jobs > 1) driver.expect(await knownSize(list));
    for (const source of list) {
      const file = sourceName(source);
      let offset = 0;
      const ro: ReadOptions = { format: options.format, fromRule: options.fromRule, ...readOptions };
      if (hooks.onProgress) ro.onProgress = (n) => hooks.onProgress!(n, file);
      if (hooks.onChunk) {
        ro.onChunk = (c) => {
          hooks.onChunk!(c, offset, file);
          offset += c.length;
        };
      }
      for await (const ev of readMbox(source, ro)) yield* diagnostics(await driver.push(ev, file));
    }
    yield* diagnostics(await driver.end());
  } catch (e) {
    conv.dispose();
    throw e;
  } finally {
    await driver.close();
  }
  yield* finish(conv);
}

/** A record's JSON as text. */
export function jsonText(json: Uint8Array | string): string {
  return typeof json === 'string' ? json : Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8');
}

/** Synchronous engine run over in-memory bytes, on this thread; record JSON comes as text. */
export function runSync(bytes: Uint8Array | readonly Uint8Array[], options: ResolvedOptions, hooks: RunHooks = {}): RunEvent[] {
  const list = bytes instanceof Uint8Array ? [bytes] : bytes;
  const conv = new Conversion(options, true);
  conv.onMessage = hooks.onMessage;
  const driver = new Driver(conv, 1, 0, hooks.onMessageDone ? { onMessageDone: hooks.onMessageDone } : {});
  const out: RunEvent[] = [];
  for (const b of list) {
    for (const ev of splitMbox(b, { format: options.format, fromRule: options.fromRule })) {
      for (const r of diagnostics(driver.pushInline(ev, '<input>'))) out.push(r);
    }
  }
  for (const r of finish(conv)) out.push(r.type === 'diagnostic' || r.type === 'done' ? r : { type: r.type, json: jsonText(r.json) });
  return out;
}

function toOutcome(ev: RunEvent): Outcome | null {
  switch (ev.type) {
    case 'diagnostic':
      return ev;
    case 'done':
      return null;
    default:
      return { type: ev.type, record: JSON.parse(jsonText(ev.json)) } as Outcome;
  }
}

/**
 * Convert mail to Patchwork records, streaming.
 *
 * `source` is a file path (`-` for stdin; gzip and Maildir directories are
 * recognised), a Node `Readable`, an `AsyncIterable<Uint8Array>` or bytes; an
 * array of sources is read as one archive. Diagnostics are yielded as they
 * happen; records once the input is consumed (they show Patchwork's final
 * state: a person's latest name, a series' name once its cover arrived).
 * Throws only on bad options ({@link OptionError}) and I/O errors.
 *
 * @example
 * ```ts
 * import { parseMbox } from 'mbox2pw';
 * for await (const o of parseMbox('archive.mbox.gz', { apiVersion: '1.3' })) {
 *   if (o.type === 'patch') console.log(o.record.name, o.record.hash);
 * }
 * ```
 */
export async function* parseMbox(source: MboxSource | readonly MboxSource[], options?: Options): AsyncGenerator<Outcome> {
  const resolved = normalizeOptions(options);
  for await (const ev of run(source, resolved)) {
    const o = toOutcome(ev);
    if (o) yield o;
  }
}

/** Everything a run produced, grouped by type. */
export interface ParseResult {
  patches: Patch[];
  covers: Cover[];
  comments: CommentEntry[];
  series: Series[];
  people: Person[];
  diagnostics: Diagnostic[];
  summary: Summary;
}

/**
 * Convert in-memory mail synchronously (small inputs, tests).
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { parseMboxSync } from 'mbox2pw';
 * const { patches, series } = parseMboxSync(readFileSync('series.mbox'));
 * console.log(series[0]?.name, patches.length);
 * ```
 */
export function parseMboxSync(bytes: Uint8Array | readonly Uint8Array[], options?: Options): ParseResult {
  const resolved = normalizeOptions(options);
  const result: ParseResult = {
    patches: [],
    covers: [],
    comments: [],
    series: [],
    people: [],
    diagnostics: [],
    summary: undefined as unknown as Summary,
  };
  const lists = {
    patch: result.patches,
    cover: result.covers,
    comment: result.comments,
    series: result.series,
    person: result.people,
  } as Record<RecordType, unknown[]>;
  for (const ev of runSync(bytes, resolved)) {
    if (ev.type === 'diagnostic') result.diagnostics.push(ev.diagnostic);
    else if (ev.type === 'done') result.summary = ev.summary;
    else lists[ev.type].push(JSON.parse(jsonText(ev.json)));
  }
  return result;
}
