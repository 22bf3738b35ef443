/**
 * Benchmark runner: `npm run bench -- [--runs N] [--stages a,b] [--out-dir DIR] FILE...`
 *
 * For each corpus file, runs the stages one after another (never
 * concurrently), each in a fresh process, after one warm-up in N rounds of
 * every stage once, and
 * prints a markdown table of medians: MB/s, messages/s, peak RSS, and the
 * throughput as a ratio of the raw-read baseline measured in the same run.
 * Results are also written to bench/results/<date>-<commit>.json.
 *
 * The `write` and `cli` stages write into DIR (default: /dev/shm where it
 * exists, else the temporary directory): in memory, like the input, which is
 * read from the page cache, so that the figures are the program's and not the
 * disk's write-back (`--out-dir` on a disk to include it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const ALL = ['read', 'write', 'split', 'parse', 'parse-j2', 'parse-pair', 'cli', 'cli-j2', 'python-email'];

interface Sample {
  stage: string;
  bytes: number;
  messages: number;
  ms: number;
  maxRssMB: number;
}

/** `parse-j2` is stage `parse` with `--jobs 2`; `parse-pair` is stage `pair`. */
function once(stage: string, file: string): Sample {
  const [name, j] = stage === 'parse-pair' ? ['pair'] : stage.split('-j');
  const out = name === 'cli' || name === 'write' ? ['--out', join(outDir, 'out')] : [];
  const res =
    stage === 'python-email'
      ? spawnSync('python3', [join(root, 'bench', 'py_parse.py'), file], { encoding: 'utf8' })
      : spawnSync(process.execPath, [join(here, 'stage.js'), name!, file, '--jobs', j ?? '1', ...out], { encoding: 'utf8' });
  rmSync(join(outDir, 'out'), { force: true });
  if (res.status !== 0) throw new Error(`${stage} failed: ${res.stderr}`);
  const lines = res.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Sample;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const args = process.argv.slice(2);
let runs = 3;
let stages = ALL;
let outParent = existsSync('/dev/shm') && statSync('/dev/shm').isDirectory() ? '/dev/shm' : tmpdir();
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--runs') runs = Number(args[++i]);
  else if (a === '--stages') stages = args[++i]!.split(',');
  else if (a === '--out-dir') outParent = args[++i]!;
  else files.push(a);
}
if (files.length === 0) {
  process.stderr.write(`usage: npm run bench -- [--runs N] [--stages ${ALL.join(',')}] [--out-dir DIR] FILE...\n`);
  process.exit(2);
}
/** Where the `write` and `cli` stages write (removed at the end). */
const outDir = mkdtempSync(join(outParent, 'mbox2pw-bench-'));
process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));

let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
} catch {
  // not a checkout
}
const results: Array<Record<string, unknown>> = [];
const table: string[] = [
  '| corpus | stage | MB/s | msgs/s | peak RSS MB | vs raw read | vs python |',
  '|---|---|---|---|---|---|---|',
];
for (const file of files) {
  const rows: Array<{ stage: string; mbps: number; mps: number; rss: number; messages: number }> = [];
  // Rounds: every stage once per round, so that a slow spell of the machine
  // touches all stages alike rather than one stage's runs.
  const samplesOf = new Map<string, Sample[]>(stages.map((s) => [s, []]));
  for (const stage of stages) once(stage, file); // warm-up
  for (let r = 0; r < runs; r++) for (const stage of stages) samplesOf.get(stage)!.push(once(stage, file));
  for (const stage of stages) {
    const samples = samplesOf.get(stage)!;
    const ms = median(samples.map((s) => s.ms));
    const bytes = samples[0]!.bytes;
    const messages = samples[0]!.messages;
    rows.push({ stage, mbps: bytes / 1e6 / (ms / 1000), mps: messages / (ms / 1000), rss: Math.max(...samples.map((s) => s.maxRssMB)), messages });
    results.push({ file, stage, bytes, messages, medianMs: ms, samples });
  }
  const base = rows.find((r) => r.stage === 'read')?.mbps;
  const py = rows.find((r) => r.stage === 'python-email')?.mbps;
  for (const r of rows) {
    table.push(
      `| ${basename(file)} | ${r.stage} | ${r.mbps.toFixed(1)} | ${r.mps.toFixed(0)} | ${r.rss.toFixed(0)} | ${base ? (r.mbps / base).toFixed(2) : '-'} | ${py ? (r.mbps / py).toFixed(2) : '-'} |`,
    );
  }
}
process.stdout.write(table.join('\n') + '\n');
const dir = join(root, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const name = `${new Date().toISOString().slice(0, 19).replace(/:/g, '')}-${commit}.json`;
writeFileSync(join(dir, name), JSON.stringify({ commit, runs, node: process.version, outDir: outParent, results }, null, 2) + '\n');
process.stdout.write(`results: bench/results/${name}\n`);
