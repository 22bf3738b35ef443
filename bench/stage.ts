/**
 * One benchmark stage in a fresh process, so that its peak RSS is its own:
 *   node build/bench/stage.js <read|write|split|parse|heap|cli|pair> <file> [--jobs N] [--out FILE]
 * `write` writes as many bytes as the file holds, 1 MiB at a time, to FILE
 * (the output side's I/O ceiling); `parse` converts without writing; `cli`
 * runs the command line with its JSON written to FILE (default for both: a
 * temporary file, removed afterwards); `pair` runs
 * two `parse` processes side by side and reports them as one (twice the bytes,
 * the slower one's time); `heap` (under `node --expose-gc`) is `parse` that also
 * reports the heap in use once the input is consumed, after a full collection
 * (`heapMB`; two sizes of the same kind of mail give the cost per mail).
 * Prints one JSON line: { stage, bytes, messages, ms, maxRssMB }.
 */
import { closeSync, createReadStream, createWriteStream, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { run } from '../src/api.js';
import { main } from '../src/cli.js';
import { readMbox } from '../src/mbox/reader.js';
import { normalizeOptions } from '../src/options.js';

const args = process.argv.slice(2);
const [stage, file] = args;
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const jobs = Number(flag('--jobs') ?? '1');
if (!stage || !file || !Number.isInteger(jobs) || jobs < 1) {
  process.stderr.write('usage: stage.js <read|write|split|parse|heap|cli|pair> <file> [--jobs N] [--out FILE]\n');
  process.exit(2);
}

const t0 = process.hrtime.bigint();
let messages = 0;
/** `heap` stage: MB of heap in use once the input is consumed. */
let heapMB: number | undefined;
const bytes = statSync(file).size;
switch (stage) {
  case 'read': {
    let n = 0;
    for await (const c of createReadStream(file, { highWaterMark: 1 << 20 })) n += (c as Buffer).length;
    if (n !== bytes) throw new Error('short read');
    break;
  }
  case 'write': {
    const out = flag('--out') ?? join(mkdtempSync(join(tmpdir(), 'mbox2pw-bench-')), 'out.bin');
    const block = Buffer.alloc(1 << 20, 0x61);
    const fd = openSync(out, 'w');
    for (let left = bytes; left > 0; left -= block.length) writeSync(fd, block, 0, Math.min(left, block.length));
    closeSync(fd);
    rmSync(flag('--out') ? out : dirname(out), { recursive: true, force: true });
    break;
  }
  case 'split':
    for await (const ev of readMbox(file)) if (ev.kind === 'message') messages++;
    break;
  case 'parse':
    for await (const ev of run(file, normalizeOptions({ jobs }))) if (ev.type === 'done') messages = ev.summary.messages;
    break;
  case 'heap': {
    // What the conversion keeps per mail: the heap in use once every message has been
    // accepted (the first record comes then), after a full collection.
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('the heap stage needs node --expose-gc');
    for await (const ev of run(file, normalizeOptions({ jobs }))) {
      if (heapMB === undefined && ev.type !== 'diagnostic') {
        gc();
        heapMB = +(process.memoryUsage().heapUsed / 1e6).toFixed(1);
      }
      if (ev.type === 'done') messages = ev.summary.messages;
    }
    break;
  }
  case 'cli': {
    const out = flag('--out') ?? join(mkdtempSync(join(tmpdir(), 'mbox2pw-bench-')), 'out.json');
    const stdout = createWriteStream(out);
    let summary = '';
    const stderr = new PassThrough();
    stderr.on('data', (d: Buffer) => (summary += d.toString()));
    const code = await main(['--jobs', String(jobs), file], { stdin: Readable.from([]), stdout, stderr });
    if (code !== 0) throw new Error(`exit code ${code}: ${summary}`);
    messages = Number(/(\d+) messages?:/.exec(summary)?.[1] ?? 0);
    if (!flag('--out')) rmSync(dirname(out), { recursive: true, force: true });
    break;
  }
  case 'pair': {
    // Two single-thread parses side by side, in separate processes: the most two cores give
    // this work when nothing is shared, the ceiling for `parse -j2`.
    const { spawn } = await import('node:child_process');
    const one = (): Promise<{ ms: number; messages: number; maxRssMB: number }> =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [process.argv[1]!, 'parse', file], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`parse exited with ${code}`))));
      });
    const both = await Promise.all([one(), one()]);
    const ms = Math.max(...both.map((r) => r.ms));
    process.stdout.write(
      JSON.stringify({ stage: 'parse-pair', bytes: 2 * bytes, messages: both[0]!.messages + both[1]!.messages, ms, maxRssMB: Math.max(...both.map((r) => r.maxRssMB)) }) + '\n',
    );
    process.exit(0);
  }
  default:
    throw new Error(`unknown stage ${stage}`);
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const maxRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify({ stage: jobs > 1 ? `${stage} -j${jobs}` : stage, bytes, messages, ms, maxRssMB, heapMB }) + '\n');
