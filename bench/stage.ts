/**
 * One benchmark stage in a fresh process, so that its peak RSS is its own:
 *   node build/bench/stage.js <read|split|parse|cli> <file>
 * Prints one JSON line: { stage, bytes, messages, ms, maxRssMB }.
 */
import { createReadStream, statSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { run } from '../src/api.js';
import { main } from '../src/cli.js';
import { readMbox } from '../src/mbox/reader.js';
import { normalizeOptions } from '../src/options.js';

const [stage, file, out] = process.argv.slice(2);
if (!stage || !file) {
  process.stderr.write('usage: stage.js <read|split|parse|cli> <file> [out]\n');
  process.exit(2);
}

const t0 = process.hrtime.bigint();
let messages = 0;
const bytes = statSync(file).size;
switch (stage) {
  case 'read': {
    let n = 0;
    for await (const c of createReadStream(file, { highWaterMark: 1 << 20 })) n += (c as Buffer).length;
    if (n !== bytes) throw new Error('short read');
    break;
  }
  case 'split':
    for await (const ev of readMbox(file)) if (ev.kind === 'message') messages++;
    break;
  case 'parse':
    for await (const ev of run(file, normalizeOptions({}))) if (ev.type === 'done') messages = ev.summary.messages;
    break;
  case 'cli': {
    const stdout = createWriteStream(out ?? '/dev/null');
    const code = await main(['--quiet', file], { stdin: Readable.from([]), stdout, stderr: process.stderr });
    if (code !== 0) throw new Error(`exit code ${code}`);
    break;
  }
  default:
    throw new Error(`unknown stage ${stage}`);
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const maxRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify({ stage, bytes, messages, ms, maxRssMB }) + '\n');
