/**
 * The README quick start on a fresh clone: `npm start` prints JSON and
 * `npm test` passes, each doing its own install and build. The nested test
 * run sets MBOX2PW_NESTED=1, which skips this test there so it does not recurse.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { REPO_ROOT, SHARED, hasShared } from './helpers/shared.js';

const nested = process.env['MBOX2PW_NESTED'] === '1';
const isCheckout = existsSync(join(REPO_ROOT, '.git'));
const skip = nested
  ? 'running inside the clone test itself'
  : !isCheckout
    ? `not a git checkout: ${REPO_ROOT}`
    : false;

it('a fresh clone runs both README commands', { skip, timeout: 20 * 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mbox2pw-clone-'));
  try {
    const repo = join(dir, 'mbox2pw');
    const clone = spawnSync('git', ['clone', '--quiet', REPO_ROOT, repo], { encoding: 'utf8' });
    assert.equal(clone.status, 0, clone.stderr);
    const env: NodeJS.ProcessEnv = { ...process.env, MBOX2PW_NESTED: '1', CI: 'true' };
    // the clone is not beside ../shared; point it at the same corpus
    if (hasShared) env['MBOX2PW_SHARED'] = SHARED;
    delete env['NODE_TEST_CONTEXT'];

    const start = spawnSync('npm', ['start', '--silent'], { cwd: repo, env, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
    assert.equal(start.status, 0, `npm start failed:\n${start.stderr}`);
    const out = JSON.parse(start.stdout) as Record<string, unknown[]>;
    assert.deepEqual(Object.keys(out), ['patches', 'covers', 'comments', 'series', 'people']);
    assert.ok(out['patches']!.length > 0, 'the sample has patches');

    const test = spawnSync('npm', ['test', '--silent'], { cwd: repo, env, encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
    assert.equal(test.status, 0, `npm test failed:\n${test.stdout.slice(-4000)}\n${test.stderr.slice(-2000)}`);
    assert.match(test.stdout, /# fail 0/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
