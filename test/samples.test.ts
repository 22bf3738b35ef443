/**
 * The bundled samples: each sample's facts (samples/facts.json, worked out
 * by reading the mails, see samples/README.md) hold for the records the
 * converter produces, and the runnable usage sample passes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseMboxSync } from '../src/index.js';
import { main as usage } from '../samples/usage.js';
import { REPO_ROOT } from './helpers/shared.js';

interface PatchFacts {
  id: number;
  msgid: string;
  name: string;
  prefixes: string[];
  date: string;
  submitter: string;
  series: number;
  pull_url: string | null;
  has_diff: boolean;
  diff_contains?: string[];
  diff?: string | null;
  hash?: string | null;
  content?: string;
}
interface CoverFacts {
  id: number;
  msgid: string;
  name: string;
  date: string;
  submitter: string;
  series: number;
  content: string;
}
interface CommentFacts {
  parent_type: 'patch' | 'cover';
  parent_id: number;
  id: number;
  msgid: string;
  date: string;
  subject: string;
  submitter: string;
  content: string;
}
interface SeriesFacts {
  id: number;
  name: string | null;
  version: number;
  total: number;
  received_total: number;
  received_all: boolean;
  date: string;
  submitter: string;
  cover_letter: number | null;
  patches: number[];
}
interface SampleFacts {
  project: { list_id: string; link_name: string };
  counts: Record<'messages' | 'patches' | 'covers' | 'comments' | 'series' | 'people' | 'dropped' | 'errors', number>;
  patches: PatchFacts[];
  covers: CoverFacts[];
  comments: CommentFacts[];
  series: SeriesFacts[];
  people: Array<{ id: number; name: string; email: string }>;
}

const facts = JSON.parse(readFileSync(REPO_ROOT + 'samples/facts.json', 'utf8')) as Record<string, SampleFacts>;

describe('samples', () => {
  it('facts.json describes every sample mbox', () => {
    assert.deepEqual(Object.keys(facts).sort(), ['encodings.mbox', 'pull-request.mbox', 'reroll-v2.mbox', 'series-with-review.mbox']);
  });
  for (const [file, f] of Object.entries(facts)) {
    it(file, () => {
      const r = parseMboxSync(readFileSync(REPO_ROOT + 'samples/' + file));
      const c = f.counts;
      assert.deepEqual(
        {
          messages: r.summary.messages,
          patches: r.patches.length,
          covers: r.covers.length,
          comments: r.comments.length,
          series: r.series.length,
          people: r.people.length,
          dropped: r.summary.dropped,
          errors: r.summary.errors,
        },
        c,
      );
      assert.equal(r.diagnostics.filter((d) => d.severity !== 'info').length, 0, 'no warnings or errors');

      for (const p of [...r.patches, ...r.covers, ...r.series]) {
        assert.equal(p.project.list_id, f.project.list_id);
        assert.equal(p.project.link_name, f.project.link_name);
      }

      assert.equal(r.patches.length, f.patches.length);
      f.patches.forEach((want, i) => {
        const got = r.patches[i]!;
        const at = `${file} patch ${want.id}`;
        assert.equal(got.id, want.id, at);
        assert.equal(got.msgid, want.msgid, at);
        assert.equal(got.name, want.name, at);
        assert.deepEqual(got.prefixes, want.prefixes, at);
        assert.equal(got.date, want.date, at);
        assert.equal(got.submitter.name, want.submitter, at);
        assert.deepEqual(got.series.map((s) => s.id), [want.series], at);
        assert.equal(got.pull_url, want.pull_url, at);
        assert.equal(got.diff !== null, want.has_diff, at);
        assert.equal(got.hash !== null, want.has_diff, at);
        for (const s of want.diff_contains ?? []) assert.ok(got.diff?.includes(s), `${at}: diff lacks ${JSON.stringify(s)}`);
        if (want.diff !== undefined) assert.equal(got.diff, want.diff, at);
        if (want.hash !== undefined) assert.equal(got.hash, want.hash, at);
        if (want.content !== undefined) assert.equal(got.content, want.content, at);
      });

      assert.equal(r.covers.length, f.covers.length);
      f.covers.forEach((want, i) => {
        const got = r.covers[i]!;
        const at = `${file} cover ${want.id}`;
        assert.deepEqual(
          [got.id, got.msgid, got.name, got.date, got.submitter.name, got.series.map((s) => s.id), got.content],
          [want.id, want.msgid, want.name, want.date, want.submitter, [want.series], want.content],
          at,
        );
      });

      assert.equal(r.comments.length, f.comments.length);
      f.comments.forEach((want, i) => {
        const got = r.comments[i]!;
        const at = `${file} comment ${i}`;
        assert.deepEqual(
          [got.parent_type, got.parent_id, got.comment.id, got.comment.msgid, got.comment.date],
          [want.parent_type, want.parent_id, want.id, want.msgid, want.date],
          at,
        );
        assert.equal(got.comment.subject, want.subject, at);
        assert.equal(got.comment.submitter.name, want.submitter, at);
        assert.equal(got.comment.content, want.content, at);
      });

      assert.equal(r.series.length, f.series.length);
      f.series.forEach((want, i) => {
        const got = r.series[i]!;
        assert.deepEqual(
          {
            id: got.id,
            name: got.name,
            version: got.version,
            total: got.total,
            received_total: got.received_total,
            received_all: got.received_all,
            date: got.date,
            submitter: got.submitter.name,
            cover_letter: got.cover_letter?.id ?? null,
            patches: got.patches.map((p) => p.id),
          },
          want,
          `${file} series ${want.id}`,
        );
      });

      assert.deepEqual(
        r.people.map((p) => ({ id: p.id, name: p.name, email: p.email })),
        f.people,
      );
    });
  }
  it('usage.ts', async () => {
    await usage();
  });
});
