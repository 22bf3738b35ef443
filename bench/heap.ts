/**
 * What the conversion keeps per mail: the heap in use once the input is consumed, after a
 * full collection and before the records are read back (run with `--expose-gc`):
 *   node --expose-gc build/bench/heap.js <file>
 * Prints one JSON line: { file, messages, heapMB }. Two sizes of the same kind of mail give
 * the cost per mail as the slope.
 */
import { run } from '../src/api.js';
import { normalizeOptions } from '../src/options.js';

const file = process.argv[2];
const gc = (globalThis as { gc?: () => void }).gc;
if (!file || !gc) {
  process.stderr.write('usage: node --expose-gc build/bench/heap.js <file>\n');
  process.exit(2);
}
let heap = -1;
let messages = 0;
for await (const ev of run(file, normalizeOptions({ jobs: 1 }))) {
  // The first record comes once every message has been accepted.
  if (heap < 0 && ev.type !== 'diagnostic') {
    gc();
    heap = process.memoryUsage().heapUsed;
  }
  if (ev.type === 'done') messages = ev.summary.messages;
}
process.stdout.write(JSON.stringify({ file, messages, heapMB: +(heap / 1e6).toFixed(1) }) + '\n');
