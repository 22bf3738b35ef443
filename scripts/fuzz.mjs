#!/usr/bin/env node
// `npm run fuzz -- --minutes N`: the fuzz and property suite as a soak of N minutes.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--minutes');
const minutes = i === -1 ? 1 : Number(process.argv[i + 1]);
if (!Number.isFinite(minutes) || minutes <= 0) {
  process.stderr.write('usage: npm run fuzz -- --minutes N\n');
  process.exit(2);
}
const res = spawnSync(process.execPath, ['--test', join(root, 'build', 'test', 'fuzz.test.js')], {
  stdio: 'inherit',
  env: { ...process.env, MBOX2PW_FUZZ_MINUTES: String(minutes) },
});
process.exit(res.status ?? 1);
