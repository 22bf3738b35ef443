/**
 * Worker thread entry: prepares the batches it is sent (see `pool.ts`).
 * `workerData` is the run's {@link PrepareEnv}. Buffers go back and forth
 * instead of being allocated per batch: the batch's input buffer returns with
 * the result, and the main thread hands back spent arenas with later batches.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PrepareEnv } from '../prepare.js';
import { arenaFor, prepareBatch, type Batch } from './batch.js';

const env = workerData as PrepareEnv;

// Loaded and listening: the pool may count on this worker from now on.
parentPort!.postMessage({ ready: true });

parentPort!.on('message', (msg: { id: number; batch: Batch; arena?: ArrayBuffer }) => {
  const result = prepareBatch(msg.batch, env, arenaFor(msg.batch.bytes.length, msg.arena));
  const arena = result.arena.buffer as ArrayBuffer;
  const input = msg.batch.bytes.buffer as ArrayBuffer;
  parentPort!.postMessage({ id: msg.id, result, input }, arena === input ? [arena] : [arena, input]);
});
