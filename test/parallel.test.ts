/**
 * Worker threads change nothing: the events of a run (records, diagnostics,
 * their order, the summary) are the same for any number of jobs and any
 * worker threshold, and a batch prepared in a worker equals one prepared here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { jsonText, run, type RunEvent } from '../src/api.js';
import { normalizeOptions, type Options } from '../src/options.js';
import { makeBatch, prepareBatch, prepareMessages } from '../src/parallel/batch.js';
import { ByteBuilder } from '../src/util/bytes.js';
import { Driver } from '../src/parallel/driver.js';
import { PreparePool } from '../src/parallel/pool.js';
import { Conversion } from '../src/pipeline.js';
import { splitMbox } from '../src/mbox/reader.js';
import type { RawMessage } from '../src/mbox/types.js';
import type { PrepareEnv } from '../src/prepare.js';
import { REPO_ROOT } from './helpers/shared.js';

/** A made-up list: series, replies, encodings, broken mail, and mboxcl2 framing that warns. */
function archive(copies: number): Buffer {
  const parts: string[] = [];
  const sample = readFileSync(REPO_ROOT + 'samples/series-with-review.mbox', 'latin1');
  const encodings = readFileSync(REPO_ROOT + 'samples/encodings.mbox', 'latin1');
  for (let k = 0; k < copies; k++) {
    const tag = (s: string): string => s.replace(/<([^<>\s]+)>/g, `<k${k}.$1>`).replace(/^Subject: (.*)$/gm, `Subject: $1 #${k}`);
    parts.push(tag(sample), tag(encodings));
    // no Message-Id, a bad From, an empty body, a Content-Length that does not fit
    parts.push(`From x Mon Jan  1 00:00:00 2024\nFrom: a@example.org\nSubject: [PATCH] no id ${k}\n\nbody\n\n`);
    parts.push(`From x Mon Jan  1 00:00:00 2024\nFrom: not an address\nSubject: s\nMessage-Id: <bad${k}@x>\n\nb\n\n`);
    parts.push(`From x Mon Jan  1 00:00:00 2024\nFrom: a@example.org\nSubject: s\nMessage-Id: <empty${k}@x>\nContent-Length: 999999\n\n\n`);
  }
  return Buffer.from(parts.join(''), 'latin1');
}

async function events(input: Buffer, options: Options): Promise<string[]> {
  const out: string[] = [];
  const it = run(input, normalizeOptions(options));
  for await (const ev of it as AsyncIterable<RunEvent>) {
    if (ev.type === 'diagnostic') out.push('D ' + JSON.stringify(ev.diagnostic));
    else if (ev.type === 'done') out.push('S ' + JSON.stringify(ev.summary) + ev.project);
    else out.push(`${ev.type} ${jsonText(ev.json)}`);
  }
  return out;
}

const env: PrepareEnv = {
  project: { linkName: 'demo', listEmail: 'demo@lists.example.org', subjectMatch: '' },
  limits: { maxMimeDepth: 1000, maxParts: 10_000, maxHeaderBytes: 8 << 20, maxReferences: 10_000 },
  maxMessageBytes: 1 << 28,
};

function firstMessages(input: Buffer, n: number): RawMessage[] {
  return splitMbox(input, { format: 'mboxo' })
    .filter((e) => e.kind === 'message')
    .map((e) => (e as { message: RawMessage }).message)
    .slice(0, n);
}

describe('parallel parsing', () => {
  const input = archive(300);

  it('the same events in the same order for 1, 2 and 3 jobs and any worker threshold', async () => {
    const base = await events(input, { jobs: 1, format: 'mboxcl2' });
    assert.ok(base.length > 3000, `${base.length} events`);
    assert.ok(base.some((e) => e.includes('MBOX_BAD_CONTENT_LENGTH')), 'reader warnings are among the events');
    for (const [jobs, workerThreshold] of [
      [2, 0],
      [3, 0],
      [2, 100_000],
    ] as const) {
      const got = await events(input, { jobs, workerThreshold, format: 'mboxcl2' });
      assert.equal(got.length, base.length, `jobs ${jobs}, threshold ${workerThreshold}: event count`);
      for (let i = 0; i < base.length; i++) assert.equal(got[i], base[i], `jobs ${jobs}, threshold ${workerThreshold}: event ${i}`);
    }
  });

  it('a batch prepared in a worker equals the batch prepared on this thread', async () => {
    const messages = firstMessages(input, 400);
    const here = prepareBatch(makeBatch(messages), env);
    const pool = new PreparePool(2, env);
    // Workers start cold: not ready at once, ready once one has loaded.
    assert.equal(pool.ready, false);
    await pool.whenReady();
    assert.equal(pool.ready, true);
    try {
      const [a, b] = await Promise.all([pool.run(makeBatch(messages)), pool.run(makeBatch(messages))]);
      // As the calling thread prepares a batch in its turn: the messages as they are, not packed.
      const inline = prepareMessages(messages, env, new ByteBuilder(1024));
      for (const there of [a, b, inline]) {
        assert.deepEqual(there.prepared, here.prepared);
        assert.ok(Buffer.from(there.arena).equals(Buffer.from(here.arena)));
      }
    } finally {
      await pool.close();
    }
  });

  it('sees a worker finish a batch without waiting for this thread to take the result', async () => {
    const messages = firstMessages(input, 200);
    const pool = new PreparePool(1, env);
    try {
      await pool.whenReady();
      assert.equal(pool.saturated(1), false);
      const result = pool.run(makeBatch(messages));
      assert.equal(pool.saturated(1), true, 'a batch just sent is still to do');
      // Block this thread (its event loop cannot deliver the result) until the worker is done.
      const pause = new Int32Array(new SharedArrayBuffer(4));
      const deadline = Date.now() + 60_000;
      while (pool.saturated(1) && Date.now() < deadline) Atomics.wait(pause, 0, 0, 2);
      assert.equal(pool.saturated(1), false, 'the finished batch no longer counts as work to do');
      assert.equal((await result).prepared.length, messages.length);
    } finally {
      await pool.close();
    }
  });

  it('starts workers with the first messages when the input is known to be large', async () => {
    const events = splitMbox(input, { format: 'mboxo' }).slice(0, 4);
    for (const expected of [0, 1 << 20, 4 << 20]) {
      const conv = new Conversion(normalizeOptions({ jobs: 2, workerThreshold: 1 << 20 }));
      const driver = new Driver(conv, 2, 1 << 20);
      try {
        if (expected > 0) driver.expect(expected);
        for (const ev of events) await driver.push(ev, 'archive.mbox');
        assert.equal(driver.started, expected >= 1 << 20, `input of ${expected} bytes`);
        await driver.end();
      } finally {
        await driver.close();
        conv.dispose();
      }
    }
  });
});
