/**
 * The bundled samples: each sample's facts (samples/facts.json, derived by
 * reading the mails) hold, and the runnable usage sample passes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseMboxSync } from '../src/index.js';
import { main as usage } from '../samples/usage.js';
import { REPO_ROOT } from './helpers/shared.js';

interface Facts {
  messages: number;
  patches: number;
  covers: number;
  comments: number;
  series: number;
  people: number;
  dropped: number;
  patchNames: string[];
  coverNames?: string[];
  seriesNames?: string[];
  seriesVersions?: number[];
  seriesOfPatches?: number[];
  seriesTotals?: number[];
  seriesReceived?: number[];
  commentParents?: Array<[string, number]>;
  submitters?: string[];
  peopleNames?: string[];
  prefixes?: string[][];
  pullUrls?: Array<string | null>;
  diffs?: Array<string | null>;
  hashes?: Array<string | null>;
  diffContains?: string;
  sameHash?: boolean;
  attachmentContent?: string;
  linkName?: string;
}

const facts = JSON.parse(readFileSync(REPO_ROOT + 'samples/facts.json', 'utf8')) as Record<string, Facts>;

describe('samples', () => {
  for (const [name, f] of Object.entries(facts)) {
    it(name, () => {
      const r = parseMboxSync(readFileSync(REPO_ROOT + 'samples/' + name));
      assert.equal(r.summary.messages, f.messages);
      assert.equal(r.patches.length, f.patches);
      assert.equal(r.covers.length, f.covers);
      assert.equal(r.comments.length, f.comments);
      assert.equal(r.series.length, f.series);
      assert.equal(r.people.length, f.people);
      assert.equal(r.summary.dropped, f.dropped);
      assert.deepEqual(r.patches.map((p) => p.name), f.patchNames);
      if (f.coverNames) assert.deepEqual(r.covers.map((c) => c.name), f.coverNames);
      if (f.seriesNames) assert.deepEqual(r.series.map((s) => s.name), f.seriesNames);
      if (f.seriesVersions) assert.deepEqual(r.series.map((s) => s.version), f.seriesVersions);
      if (f.seriesTotals) assert.deepEqual(r.series.map((s) => s.total), f.seriesTotals);
      if (f.seriesReceived) assert.deepEqual(r.series.map((s) => s.received_total), f.seriesReceived);
      if (f.seriesOfPatches) assert.deepEqual(r.patches.map((p) => p.series[0]?.id), f.seriesOfPatches);
      if (f.commentParents) assert.deepEqual(r.comments.map((c) => [c.parent_type, c.parent_id]), f.commentParents);
      if (f.submitters) assert.deepEqual(r.patches.map((p) => p.submitter.name), f.submitters);
      if (f.peopleNames) assert.deepEqual(r.people.map((p) => p.name), f.peopleNames);
      if (f.prefixes) assert.deepEqual(r.patches.map((p) => p.prefixes), f.prefixes);
      if (f.pullUrls) assert.deepEqual(r.patches.map((p) => p.pull_url), f.pullUrls);
      if (f.diffs) assert.deepEqual(r.patches.map((p) => p.diff), f.diffs);
      if (f.hashes) assert.deepEqual(r.patches.map((p) => p.hash), f.hashes);
      if (f.diffContains) for (const p of r.patches) assert.ok(p.diff?.includes(f.diffContains), p.name);
      if (f.sameHash) assert.equal(new Set(r.patches.map((p) => p.hash)).size, 1);
      if (f.attachmentContent) assert.equal(r.patches[r.patches.length - 1]!.content, f.attachmentContent);
      if (f.linkName) assert.ok(r.patches.every((p) => p.project.link_name === f.linkName));
      assert.equal(r.diagnostics.filter((d) => d.severity !== 'info').length, 0);
    });
  }
  it('usage.ts', async () => {
    await usage();
  });
});
