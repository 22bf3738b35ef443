import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { HELP, main } from '../src/cli.js';
import type { Options } from '../src/options.js';
import { splitMbox } from '../src/mbox/reader.js';

const tmp = mkdtempSync(join(tmpdir(), 'mbox2pw-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], stdin: string | Buffer = '', defaults: Options = {}): Promise<Result> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const code = await main(args, { stdin: Readable.from([Buffer.from(stdin)]), stdout, stderr }, defaults);
  return { code, stdout: out, stderr: err };
}

/** A small made-up list: a cover letter, two patches, a review reply, an orphan reply. */
const DIFF = 'diff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -1 +1 @@\n-old\n+new\n';
function mail(h: Record<string, string>, body: string): string {
  return (
    'From nobody Mon Jan  1 00:00:00 2024\n' +
    Object.entries(h)
      .map(([k, v]) => `${k}: ${v}\n`)
      .join('') +
    '\n' +
    body +
    '\n'
  );
}
const base = { From: 'Ada Lovelace <ada@example.org>', 'List-Id': 'Demo list <demo.lists.example.org>' };
const MBOX =
  mail({ ...base, Subject: '[PATCH 0/2] widgets: tidy up', 'Message-Id': '<c@x>', Date: 'Mon, 1 Jan 2024 10:00:00 +0000' }, 'Cover text.') +
  mail(
    { ...base, Subject: '[PATCH 1/2] widgets: one', 'Message-Id': '<p1@x>', 'In-Reply-To': '<c@x>', References: '<c@x>', Date: 'Mon, 1 Jan 2024 10:00:01 +0000' },
    'First.\n---\n' + DIFF,
  ) +
  mail(
    { ...base, Subject: '[PATCH 2/2] widgets: two', 'Message-Id': '<p2@x>', 'In-Reply-To': '<c@x>', References: '<c@x>', Date: 'Mon, 1 Jan 2024 10:00:02 +0000' },
    'Second.\n---\n' + DIFF,
  ) +
  mail(
    {
      From: 'Bob <bob@example.org>',
      Subject: 'Re: [PATCH 1/2] widgets: one',
      'Message-Id': '<r1@x>',
      'In-Reply-To': '<p1@x>',
      References: '<c@x> <p1@x>',
      Date: 'Mon, 1 Jan 2024 11:00:00 +0000',
    },
    'Looks good.\n\nReviewed-by: Bob <bob@example.org>',
  ) +
  mail({ From: 'Eve <eve@example.org>', Subject: 'Re: something else', 'Message-Id': '<o@x>', 'In-Reply-To': '<unknown@x>', Date: 'Mon, 1 Jan 2024 12:00:00 +0000' }, 'Orphan.');

const input = join(tmp, 'list.mbox');
writeFileSync(input, MBOX);

describe('cli: usage', () => {
  it('--help prints the manual and exits 0', async () => {
    const r = await cli(['--help']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, HELP);
    for (const flag of ['--format', '--from-rule', '--api-version', '--base-url', '--project', '--list-id', '--linkname', '--out-dir', '--ndjson', '--pretty', '--diagnostics', '--strict', '--quiet', '--jobs']) {
      assert.ok(HELP.includes(flag), `help mentions ${flag}`);
    }
  });

  it('--version prints the version', async () => {
    const r = await cli(['--version']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^mbox2pw \d+\.\d+\.\d+\n$/);
  });

  for (const args of [['--format', 'mbox'], ['--api-version', '2.0'], ['--from-rule', 'loose'], ['--bogus'], ['--max-parts', 'ten'], ['--base-url', 'not a url'], ['--ndjson', '-o', 'x']]) {
    it(`rejects ${args.join(' ')} with exit 2 and one clear line`, async () => {
      const r = await cli(args);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^mbox2pw: .+\nTry 'mbox2pw --help'/);
    });
  }

  it('a missing input file is an I/O error: exit 1, one line, no stack trace', async () => {
    const r = await cli(['--quiet', join(tmp, 'nope.mbox')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^mbox2pw: ENOENT: .*nope\.mbox.*\n$/);
  });

  it('a truncated gzip input is an I/O error, not a success', async () => {
    const big = Buffer.from(MBOX.repeat(400));
    const gz = gzipSync(big);
    const cut = join(tmp, 'cut.mbox.gz');
    writeFileSync(cut, gz.subarray(0, gz.length >> 1));
    const r = await cli(['--quiet', cut]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^mbox2pw: .*unexpected end of file\n$/);
  });

  it('a directory that is not a Maildir is an I/O error', async () => {
    const r = await cli(['--quiet', tmp]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^mbox2pw: EISDIR: [^\n]*\n$/);
  });

  it('an output folder that cannot be made is an I/O error', async () => {
    writeFileSync(join(tmp, 'file'), '');
    const r = await cli(['--quiet', '-o', join(tmp, 'file', 'sub'), input]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^mbox2pw: (ENOTDIR|EEXIST|ENOENT)/);
  });

  it('a closed stdout (| head) ends the run with status 1 and no stack trace', async () => {
    let writes = 0;
    const stdout = new Writable({
      highWaterMark: 16,
      write(_chunk, _enc, cb) {
        if (++writes > 1) cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
        else cb();
      },
    });
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (d: Buffer) => (err += d.toString()));
    const big = join(tmp, 'big.mbox');
    writeFileSync(big, MBOX.repeat(2000));
    const code = await main(['--quiet', big], { stdin: Readable.from([]), stdout, stderr });
    assert.equal(code, 1);
    assert.doesNotMatch(err, /\n\s+at /);
  });

  it('an unreadable --project file is a usage error naming the file', async () => {
    const r = await cli(['--project', join(tmp, 'none.json'), input]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--project: cannot read/);
  });
});

describe('cli: conversion', () => {
  it('stdout carries one JSON object with the five lists, compact, one trailing newline', async () => {
    const r = await cli(['--quiet', input]);
    assert.equal(r.code, 0);
    assert.ok(r.stdout.endsWith('}\n') && !r.stdout.slice(0, -1).includes('\n'));
    const o = JSON.parse(r.stdout) as Record<string, unknown[]>;
    assert.deepEqual(Object.keys(o), ['patches', 'covers', 'comments', 'series', 'people']);
    assert.equal(o['patches']!.length, 2);
    assert.equal(o['covers']!.length, 1);
    assert.equal(o['comments']!.length, 1);
    assert.equal(o['series']!.length, 1);
    assert.equal(o['people']!.length, 2);
  });

  it('reads stdin (default and "-") and gzip alike', async () => {
    const plain = JSON.parse((await cli(['--quiet', input])).stdout);
    assert.deepEqual(JSON.parse((await cli(['--quiet'], MBOX)).stdout), plain);
    assert.deepEqual(JSON.parse((await cli(['--quiet', '-'], gzipSync(MBOX))).stdout), plain);
  });

  it('--pretty indents the same records', async () => {
    const r = await cli(['--quiet', '--pretty', input]);
    assert.match(r.stdout, /^\{\n {2}"patches": \[\n {4}\{\n/);
    assert.deepEqual(JSON.parse(r.stdout), JSON.parse((await cli(['--quiet', input])).stdout));
  });

  it('--ndjson writes one line per record, types in order', async () => {
    const r = await cli(['--quiet', '--ndjson', input]);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string });
    assert.deepEqual(
      lines.map((l) => l.type),
      ['patch', 'patch', 'cover', 'comment', 'series', 'person', 'person'],
    );
  });

  it('--out-dir writes the five files plus project.json and diagnostics.ndjson', async () => {
    const dir = join(tmp, 'out');
    const r = await cli(['--quiet', '-o', dir, '--api-version', '1.3', '--base-url', 'https://pw.example.org', input]);
    assert.equal(r.code, 0);
    for (const f of ['patches', 'covers', 'comments', 'series', 'people', 'project']) assert.ok(existsSync(join(dir, `${f}.json`)), f);
    const patches = JSON.parse(readFileSync(join(dir, 'patches.json'), 'utf8')) as Array<Record<string, unknown>>;
    assert.equal(patches[0]!['url'], 'https://pw.example.org/api/1.3/patches/1/');
    const project = JSON.parse(readFileSync(join(dir, 'project.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(project['list_id'], 'demo.lists.example.org');
    assert.equal(project['link_name'], 'demo');
    const diags = readFileSync(join(dir, 'diagnostics.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const skipped = diags.filter((d) => d['skipped']);
    assert.equal(skipped.length, 1);
    assert.equal(skipped[0]!['code'], 'CLASSIFY_NO_PARENT');
    assert.equal(skipped[0]!['messageIndex'], 4);
    assert.equal(skipped[0]!['msgid'], '<o@x>');
  });

  it('prints diagnostics as file:line: CODE and a summary; --verbose adds infos', async () => {
    const quiet = await cli([input]);
    assert.doesNotMatch(quiet.stderr, /CLASSIFY_NO_PARENT/);
    assert.match(quiet.stderr, /mbox2pw: 5 messages: 2 patches, 1 cover letter, 1 comment, 1 series, 2 people; 1 dropped, 0 duplicates, 0 errors;/);
    const verbose = await cli(['--verbose', input]);
    const orphanLine = MBOX.slice(0, MBOX.lastIndexOf('From nobody')).split('\n').length;
    assert.match(verbose.stderr, new RegExp(`list\\.mbox:${orphanLine}: CLASSIFY_NO_PARENT info: `));
  });

  it('--diagnostics FILE gets NDJSON; --strict fails on error diagnostics only', async () => {
    const file = join(tmp, 'diags.ndjson');
    const ok = await cli(['--quiet', '--strict', '--diagnostics', file, input]);
    assert.equal(ok.code, 0);
    assert.ok(readFileSync(file, 'utf8').includes('"CLASSIFY_NO_PARENT"'));
    const bad = join(tmp, 'bad.mbox');
    writeFileSync(bad, 'From x\nSubject: no sender\nMessage-Id: <n@x>\n\nbody\n');
    assert.equal((await cli(['--quiet', bad])).code, 0);
    assert.equal((await cli(['--quiet', '--strict', bad])).code, 1);
  });

  it('--list-id and --linkname override the project; --project gives it whole', async () => {
    const o = JSON.parse((await cli(['--quiet', '--list-id', 'other.example.org', '--linkname', 'oth', input])).stdout);
    assert.equal(o.patches[0].project.list_id, 'other.example.org');
    assert.equal(o.patches[0].project.link_name, 'oth');
    assert.match(o.patches[0].web_url, /\/project\/oth\/patch\//);
    const projectFile = join(tmp, 'project.json');
    writeFileSync(projectFile, JSON.stringify({ id: 7, name: 'Demo', link_name: 'dm', list_id: 'demo.lists.example.org', list_email: 'demo@lists.example.org', web_url: '', scm_url: '', webscm_url: '', subject_match: '', list_archive_url: '', list_archive_url_format: 'https://lore.example.org/r/{}', commit_url_format: '' }));
    const p = JSON.parse((await cli(['--quiet', '--project', projectFile, input])).stdout);
    assert.equal(p.patches[0].project.id, 7);
    assert.equal(p.patches[0].list_archive_url, 'https://lore.example.org/r/p1@x');
  });

  it('--from-rule strict keeps unescaped From lines in bodies', async () => {
    const body = join(tmp, 'from-body.mbox');
    writeFileSync(body, MBOX.replace('First.\n', 'First.\nFrom here on it works.\n'));
    assert.equal(JSON.parse((await cli(['--quiet', body])).stdout).patches.length, 1);
    assert.equal(JSON.parse((await cli(['--quiet', '--from-rule', 'strict', body])).stdout).patches.length, 2);
  });

  it('limits: a message past --max-message-bytes is an error diagnostic, the rest goes on', async () => {
    const sizes = splitMbox(Buffer.from(MBOX)).flatMap((e) => (e.kind === 'message' ? [e.message.bytes.length] : []));
    const limit = Math.max(...sizes) - 1;
    const r = await cli(['--quiet', '--max-message-bytes', String(limit), '--diagnostics', join(tmp, 'lim.ndjson'), input]);
    assert.equal(r.code, 0);
    const d = readFileSync(join(tmp, 'lim.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(d.filter((x) => x['code'] === 'MBOX_MESSAGE_TOO_LARGE' && x['skipped'] === true).length, sizes.filter((n) => n > limit).length);
    for (const flag of ['--max-mime-depth', '--max-parts', '--max-header-bytes', '--max-references']) {
      assert.equal((await cli(['--quiet', flag, '1000', input])).code, 0, flag);
    }
  });

  it('several inputs are one archive: state carries over, indexes count across files', async () => {
    const parts = MBOX.split(/(?=^From nobody)/m);
    const a = join(tmp, 'a.mbox');
    const b = join(tmp, 'b.mbox');
    writeFileSync(a, parts.slice(0, 2).join(''));
    writeFileSync(b, parts.slice(2).join(''));
    const whole = JSON.parse((await cli(['--quiet', input])).stdout);
    const split = JSON.parse((await cli(['--quiet', a, b])).stdout);
    assert.deepEqual(split, whole);
  });
});

describe('cli: --jobs', () => {
  // 300 copies of the list, message ids made unique per copy.
  const big = Array.from({ length: 300 }, (_, k) => MBOX.replace(/<([a-z0-9]+)@x>/g, `<$1.${k}@x>`).replace(/Subject: (.*)/g, `Subject: $1 #${k}`)).join('');
  it('worker threads give the same output and diagnostics as one thread', async () => {
    const one = await cli(['--jobs', '1', '-v', '-'], big);
    const two = await cli(['--jobs', '2', '-v', '-'], big, { workerThreshold: 0 });
    assert.equal(one.code, 0);
    assert.equal(two.code, 0);
    assert.ok(JSON.parse(one.stdout).patches.length === 600);
    assert.equal(two.stdout, one.stdout);
    const lines = (r: Result): string => r.stderr.split('\n').filter((l) => !l.startsWith('mbox2pw: 1500 messages')).join('\n');
    assert.equal(lines(two), lines(one));
  });
  it('a job count that is not a positive integer is a usage error', async () => {
    for (const v of ['0', 'x', '-1', '1.5']) {
      const r = await cli(['--jobs', v, input]);
      assert.equal(r.code, 2, v);
      assert.match(r.stderr, /jobs/);
    }
  });
});
