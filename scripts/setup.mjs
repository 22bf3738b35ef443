#!/usr/bin/env node
// Makes a fresh clone runnable: installs dependencies when they are missing or
// older than package-lock.json, then compiles the TypeScript sources (and, with
// --test, the tests and benchmarks too). Used by `npm start`, `npm test` and
// `npm run bench`, so each of them works on its own from a clean checkout.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const withTests = process.argv.includes('--test');

function run(cmd, args) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (res.error) throw res.error;
  if (res.status !== 0) {
    process.stderr.write(`setup: '${cmd} ${args.join(' ')}' failed with exit code ${res.status}\n`);
    process.exit(res.status ?? 1);
  }
}

const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs);
if (stale) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  run(npm, [existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund', '--loglevel=error']);
}

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
run(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')]);
if (withTests) run(process.execPath, [tsc, '-p', join(root, 'tsconfig.test.json')]);
