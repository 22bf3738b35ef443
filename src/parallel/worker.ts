/**
 * Worker thread entry: prepares the batches it is sent (see `pool.ts`).
 * `workerData` is a {@link WorkerSetup}: the run's environment and the shared
 * count of batches this worker has finished, which the pool reads to see how
 * much work it has left. Buffers go back and forth instead of being allocated
 * per batch: the batch's input buffer returns with the result, and the main
 * thread hands back spent arenas with later batches.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { arenaFor, prepareBatch, type Batch } from './batch.js';
import type { WorkerSetup } from './pool.js';

const { env, done, index } = workerData as WorkerSetup;
const finished = new Int32Array(done);

// Loaded and listening: the pool may count on this worker from now on.
parentPort!.postMessage({ ready: true });

parentPort!.on('message', (msg: { id: number; batch: Batch; arena?: ArrayBuffer }) => {
  const result = prepareBatch(msg.batch, env, arenaFor(msg.batch.bytes.length, msg.arena));
  Atomics.add(finished, index, 1);
  const arena = result.arena.buffer as ArrayBuffer;
  const input = msg.batch.bytes.buffer as ArrayBuffer;
  parentPort!.postMessage({ id: msg.id, result, input }, arena === input ? [arena] : [arena, input]);
});
