/**
 * Worker thread entry: prepares the batches it is sent (see `pool.ts`).
 * `workerData` is the run's {@link PrepareEnv}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PrepareEnv } from '../prepare.js';
import { prepareBatch, type Batch } from './batch.js';

const env = workerData as PrepareEnv;

parentPort!.on('message', (msg: { id: number; batch: Batch }) => {
  const result = prepareBatch(msg.batch, env);
  // The arena is this batch's own buffer: hand it over without a copy.
  const arena = result.arena;
  const transfer = arena.byteOffset === 0 ? [arena.buffer as ArrayBuffer] : [];
  parentPort!.postMessage({ id: msg.id, result }, transfer);
});
