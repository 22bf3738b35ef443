/**
 * The progress line, seen in a real terminal: the CLI runs inside tmux, the
 * pane is captured while it works. With stderr piped it must stay silent.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { generate } from '../bench/generate.js';
import { REPO_ROOT } from './helpers/shared.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const tmp = mkdtempSync(join(tmpdir(), 'mbox2pw-tty-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function corpus(bytes: number): Promise<string> {
  const file = join(tmp, 'corpus.mbox');
  const out = createWriteStream(file);
  await generate(out, bytes, 7);
  await new Promise<void>((r) => out.end(() => r()));
  return file;
}

it('shows bytes, messages, MB/s and ETA on a terminal, then the summary', { skip: hasTmux ? false : 'tmux is not installed', timeout: 180_000 }, async () => {
  const file = await corpus(60e6);
  const session = `mbox2pw-${process.pid}`;
  const bin = join(REPO_ROOT, 'bin', 'mbox2pw.js');
  const cmd = `${process.execPath} ${bin} -o ${join(tmp, 'out')} ${file}; echo EXIT=$?; sleep 30`;
  assert.equal(spawnSync('tmux', ['new-session', '-d', '-s', session, '-x', '220', '-y', '30', cmd]).status, 0);
  try {
    let sawProgress = '';
    let screen = '';
    for (let i = 0; i < 600 && !/EXIT=\d/.test(screen); i++) {
      await sleep(100);
      screen = spawnSync('tmux', ['capture-pane', '-p', '-t', session], { encoding: 'utf8' }).stdout;
      const m = /mbox2pw: [\d.]+ MB \/ [\d.]+ MB \(\d+%\), \d+ messages, [\d.]+ MB\/s, ETA \d+ s/.exec(screen);
      if (m) sawProgress = m[0];
    }
    assert.ok(sawProgress, `no progress line seen; last screen:\n${screen}`);
    assert.match(screen, /EXIT=0/);
    assert.match(screen, /mbox2pw: \d+ messages: \d+ patches/);
    // the progress line was cleared: the summary stands alone on its line
    assert.doesNotMatch(screen, /ETA \d+ s\S*mbox2pw: \d+ messages/);
  } finally {
    spawnSync('tmux', ['kill-session', '-t', session]);
  }
});

it('prints no progress when stderr is not a terminal', async () => {
  const file = await corpus(30e6);
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'mbox2pw.js'), '-o', join(tmp, 'out2'), file], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.doesNotMatch(r.stderr, /ETA|\r/);
  assert.match(r.stderr, /^mbox2pw: \d+ messages: /m);
});
