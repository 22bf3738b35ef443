/**
 * Feeds the reader's events through the conversion, on one thread or with
 * worker threads for the per-message stage.
 *
 * Messages are prepared on the calling thread until the project is known and
 * enough input has been seen to pay for starting workers (with `jobs` > 1),
 * and on until a worker has loaded its code (workers start cold, meanwhile
 * this thread goes on); from then on they go in batches to the `jobs - 1`
 * workers, or, while every worker has enough to do, are prepared here in
 * their turn (this thread is the last of the jobs). The results are accepted
 * strictly in input order, reader diagnostics in their place between the
 * messages. What comes out is therefore the same, in the same order, for any
 * number of jobs.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { SplitEvent } from '../mbox/splitter.js';
import type { RawMessage } from '../mbox/types.js';
import type { Conversion } from '../pipeline.js';
import { arenaFor, makeBatch, prepareMessages, rethrown, type BatchResult } from './batch.js';
import { PreparePool } from './pool.js';

/** A batch is sent once it holds this many bytes of messages… */
const BATCH_BYTES = 512 * 1024;
/** …or this many messages. */
const BATCH_MESSAGES = 512;
/** Batches in flight per worker before the driver waits for the oldest. */
const IN_FLIGHT_PER_JOB = 3;
/** Batches in flight per worker from which this thread prepares the next batch itself. */
const BUSY_BATCHES = 2;

/** What the driver hands back for each message it accepts, in order. */
export interface DriverHooks {
  onMessageDone?: (offset: number, file: string) => void;
}

type Item =
  | { kind: 'diagnostic'; diagnostic: Diagnostic }
  | { kind: 'message'; offset: number; end: number; file: string; warnings: readonly Diagnostic[] };

interface Pending {
  items: Item[];
  result: Promise<BatchResult>;
}

export class Driver {
  readonly #conv: Conversion;
  readonly #jobs: number;
  readonly #threshold: number;
  readonly #hooks: DriverHooks;
  #pool: PreparePool | null = null;
  /** Whether messages go to the pool now (it was started and a worker is ready). */
  #batching = false;
  #seen = 0;
  /** The batch being filled. */
  #items: Item[] = [];
  #messages: RawMessage[] = [];
  #bytes = 0;
  readonly #inFlight: Pending[] = [];

  /** `threshold`: input bytes prepared on this thread before workers are started (with `jobs` > 1). */
  constructor(conv: Conversion, jobs: number, threshold: number, hooks: DriverHooks = {}) {
    this.#conv = conv;
    this.#jobs = jobs;
    this.#threshold = threshold;
    this.#hooks = hooks;
  }

  /**
   * Say how much input there is, where that is known before reading (files): with at least
   * the threshold to come, workers are started with the first message instead of after the
   * threshold's worth of input has been prepared on this thread alone.
   */
  expect(bytes: number): void {
    if (this.#threshold > 0 && bytes >= this.#threshold) this.#seen = Math.max(this.#seen, this.#threshold);
  }

  /** Whether worker threads have been started. */
  get started(): boolean {
    return this.#pool !== null;
  }

  /** Take one reader event; returns the diagnostics that became final. */
  async push(ev: SplitEvent, file: string): Promise<Diagnostic[]> {
    if (!this.#batching) {
      if (ev.kind === 'message' && this.#pool === null) {
        if (this.#jobs > 1 && this.#seen >= this.#threshold && !this.#conv.needsProject) {
          this.#pool = new PreparePool(this.#jobs - 1, this.#conv.env);
        }
      }
      // With no threshold every message waits for the workers; else this thread goes on until one is ready.
      if (this.#pool !== null && this.#threshold === 0) await this.#pool.whenReady();
      // Everything before this message has been accepted, so batches may start here.
      if (this.#pool !== null && this.#pool.ready) this.#batching = true;
      else {
        if (ev.kind === 'message') this.#seen += ev.message.bytes.length;
        const out = this.pushInline(ev, file);
        if (this.#conv.busy) await this.#conv.settled();
        return out;
      }
    }
    if (ev.kind === 'diagnostic') {
      this.#items.push({ kind: 'diagnostic', diagnostic: ev.diagnostic });
      return [];
    }
    const m = ev.message;
    this.#items.push({ kind: 'message', offset: m.offset, end: m.end, file, warnings: ev.warnings });
    this.#messages.push(m);
    this.#bytes += m.bytes.length;
    if (this.#bytes < BATCH_BYTES && this.#messages.length < BATCH_MESSAGES) return [];
    this.#send();
    const out: Diagnostic[] = [];
    while (this.#inFlight.length > this.#jobs * IN_FLIGHT_PER_JOB) await this.#acceptOldest(out);
    if (this.#conv.busy) await this.#conv.settled();
    return out;
  }

  /** Finish: everything sent is accepted; returns the last diagnostics. */
  async end(): Promise<Diagnostic[]> {
    const out: Diagnostic[] = [];
    if (this.#items.length > 0) this.#send();
    while (this.#inFlight.length > 0) await this.#acceptOldest(out);
    await this.#conv.settled(0);
    return out;
  }

  /** Stop the workers, if any (also when the run is abandoned). */
  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = null;
    this.#batching = false;
    if (pool) await pool.close();
  }

  /** Take one reader event and process it on this thread at once (no workers, not mixed with {@link push}'s batches). */
  pushInline(ev: SplitEvent, file: string): Diagnostic[] {
    if (ev.kind === 'diagnostic') return [ev.diagnostic];
    const out = this.#conv.message(ev.message, file);
    this.#done(ev.message.offset, file, ev.warnings, out);
    return out;
  }

  #send(): void {
    const items = this.#items;
    const messages = this.#messages;
    const bytes = this.#bytes;
    this.#items = [];
    this.#messages = [];
    this.#bytes = 0;
    const pool = this.#pool!;
    let result: Promise<BatchResult>;
    if (messages.length === 0) result = Promise.resolve({ prepared: [], arena: new Uint8Array(0) });
    else if (pool.saturated(BUSY_BATCHES)) {
      // The workers have enough to do: this thread prepares the batch itself, in its turn.
      result = Promise.resolve(prepareMessages(messages, this.#conv.env, arenaFor(bytes, pool.spareArena())));
    } else result = pool.run(makeBatch(messages, pool.spareInput()));
    // A rejected result is awaited in order; until then it must not count as unhandled.
    result.catch(() => undefined);
    this.#inFlight.push({ items, result });
  }

  async #acceptOldest(out: Diagnostic[]): Promise<void> {
    const p = this.#inFlight.shift()!;
    const { prepared, arena } = await p.result;
    const buf = Buffer.from(arena.buffer, arena.byteOffset, arena.byteLength);
    let k = 0;
    for (const item of p.items) {
      if (item.kind === 'diagnostic') {
        out.push(item.diagnostic);
        continue;
      }
      const prep = prepared[k++]!;
      const diags = this.#conv.accept(prep.kind === 'thrown' ? rethrown(prep) : prep, buf, item, item.file);
      for (const d of diags) out.push(d);
      this.#done(item.offset, item.file, item.warnings, out);
    }
    this.#pool?.recycle({ prepared, arena });
  }

  /** Reader warnings of the message just accepted, then the progress hook. */
  #done(offset: number, file: string, warnings: readonly Diagnostic[], out: Diagnostic[]): void {
    const index = this.#conv.summary.messages - 1;
    for (const w of warnings) out.push({ ...w, messageIndex: index });
    this.#hooks.onMessageDone?.(offset, file);
  }
}
