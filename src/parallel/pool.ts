/**
 * Worker threads for the per-message stage. Each batch goes to the worker
 * with the fewest batches in flight; results come back as promises, which
 * the caller consumes in submission order.
 */
import { Worker } from 'node:worker_threads';
import type { PrepareEnv } from '../prepare.js';
import type { Batch, BatchResult } from './batch.js';

/** Young-generation size of a worker's heap. */
const WORKER_YOUNG_GENERATION_MB = 16;

/** Spare buffers kept for reuse, of each kind. */
const MAX_SPARES = 6;

interface Slot {
  worker: Worker;
  /** Batches sent to this worker in all. */
  sent: number;
  /** Index of this worker's count of finished batches in the shared counters. */
  index: number;
}

/** What a worker is started with: the run's environment and where it counts its finished batches. */
export interface WorkerSetup {
  env: PrepareEnv;
  /** Shared counters (an `Int32Array` over them), one per worker: batches finished. */
  done: SharedArrayBuffer;
  index: number;
}

export class PreparePool {
  readonly #slots: Slot[] = [];
  readonly #pending = new Map<number, { resolve: (r: BatchResult) => void; reject: (e: Error) => void }>();
  #id = 0;
  #failure: Error | null = null;
  /** Buffers back from the workers, to be used again: batch inputs and arenas. */
  readonly #inputs: ArrayBuffer[] = [];
  readonly #arenas: ArrayBuffer[] = [];
  #ready = false;
  #onReady: Array<() => void> = [];
  /**
   * Per worker, batches it has finished, counted by the worker itself the moment it is done:
   * a result waits for this thread's event loop to be delivered, and this thread may be busy
   * for a while, so the count of results delivered lags behind the work left.
   */
  readonly #done: Int32Array;

  constructor(jobs: number, env: PrepareEnv) {
    const done = new SharedArrayBuffer(4 * jobs);
    this.#done = new Int32Array(done);
    for (let i = 0; i < jobs; i++) {
      // A small young generation: workers keep nothing between batches, and the default
      // (48 MB per thread) would count against the memory bound of the whole run.
      const worker = new Worker(new URL('./worker.js', import.meta.url), {
        workerData: { env, done, index: i } satisfies WorkerSetup,
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      });
      const slot: Slot = { worker, sent: 0, index: i };
      worker.on('message', (msg: { id: number; result: BatchResult; input: ArrayBuffer } | { ready: true }) => {
        if ('ready' in msg) {
          this.#ready = true;
          for (const f of this.#onReady.splice(0)) f();
          return;
        }
        const p = this.#pending.get(msg.id);
        if (!p) return;
        if (msg.input.byteLength > 0 && this.#inputs.length < MAX_SPARES) this.#inputs.push(msg.input);
        this.#pending.delete(msg.id);
        p.resolve(msg.result);
      });
      worker.on('error', (e: Error) => this.#fail(e));
      worker.on('exit', (code) => {
        if (code !== 0) this.#fail(new Error(`a parsing worker stopped with exit code ${code}`));
      });
      this.#slots.push(slot);
    }
  }

  #fail(e: Error): void {
    this.#failure ??= e;
    for (const f of this.#onReady.splice(0)) f();
    for (const p of this.#pending.values()) p.reject(this.#failure);
    this.#pending.clear();
  }

  /**
   * Whether a worker has loaded its code and listens (workers start cold; until then the
   * caller may go on preparing messages itself), or a worker failed ({@link run} then says
   * so). Batches sent earlier wait for their worker.
   */
  get ready(): boolean {
    return this.#ready || this.#failure !== null;
  }

  /** Resolves once {@link ready}. */
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.#onReady.push(resolve));
  }

  /** Batches sent to a worker that it has not finished yet (finished ones may still be on their way back). */
  #queued(s: Slot): number {
    return s.sent - Atomics.load(this.#done, s.index);
  }

  /** Whether every worker has at least `n` batches still to prepare (the one it is on included). */
  saturated(n: number): boolean {
    for (const s of this.#slots) if (this.#queued(s) < n) return false;
    return true;
  }

  /** A spent arena to write into again, if one came back. */
  spareArena(): ArrayBuffer | undefined {
    return this.#arenas.pop();
  }

  /** A buffer for the next batch's input ({@link makeBatch}), if one came back. */
  spareInput(): ArrayBuffer | undefined {
    return this.#inputs.pop();
  }

  /** Give a result's arena back once its pieces have been used. */
  recycle(result: BatchResult): void {
    const b = result.arena.buffer as ArrayBuffer;
    if (b.byteLength > 0 && this.#arenas.length < MAX_SPARES) this.#arenas.push(b);
  }

  /** Prepare a batch in a worker (its buffer is transferred: do not use the batch afterwards). */
  run(batch: Batch): Promise<BatchResult> {
    if (this.#failure) return Promise.reject(this.#failure);
    let slot = this.#slots[0]!;
    for (const s of this.#slots) if (this.#queued(s) < this.#queued(slot)) slot = s;
    const id = this.#id++;
    slot.sent++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      const buffer = batch.bytes.buffer as ArrayBuffer;
      const arena = this.#arenas.pop();
      slot.worker.postMessage({ id, batch, arena }, arena === undefined ? [buffer] : [buffer, arena]);
    });
  }

  /** Stop the workers. */
  async close(): Promise<void> {
    const slots = this.#slots.splice(0);
    for (const s of slots) s.worker.removeAllListeners('exit');
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
