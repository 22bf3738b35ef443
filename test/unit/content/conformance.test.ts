/**
 * Corpus check of the pure content/subject functions against the expected
 * records Patchwork v3.2.1 produced (only `expected/*.json` is read):
 * `hash` = hashDiff(diff), API `prefixes` = apiPrefixes(name), and the name
 * of every series with a cover letter = coverSeriesName(cover name).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { hashDiff } from '../../../src/content/hash.js';
import { apiPrefixes, coverSeriesName } from '../../../src/classify/subject.js';
import { normaliseSpace } from '../../../src/util/pystr.js';
import { conformanceCases, sharedSkip } from '../../helpers/shared.js';

interface PatchRecord {
  msgid: string;
  name: string;
  diff: string | null;
  hash: string | null;
  prefixes: string[];
}

interface SeriesRecord {
  id: number;
  name: string | null;
  cover_letter: { name: string } | null;
  patches: { name: string }[];
}

const skip = sharedSkip();
const cases = conformanceCases();

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/**
 * `clean_header` on an already stored name without encoded words: the name
 * went through `clean_header` once, so decoding again only re-normalises
 * whitespace. Names containing `=?` need the real decoder and are skipped.
 */
const plainDecode = (s: string): string => normaliseSpace(s);

describe('conformance corpus: hash, prefixes, cover series names', { skip }, () => {
  it('finds the corpus', () => {
    assert.ok(cases.length > 100, `expected the conformance cases, found ${cases.length}`);
  });

  it('hashDiff(diff) equals every stored hash', (t) => {
    let hashed = 0;
    let nullDiffs = 0;
    for (const c of cases) {
      for (const p of readJson<PatchRecord[]>(c.dir + 'expected/patches.json')) {
        if (p.diff === null) {
          assert.equal(p.hash, null, `${c.name} ${p.msgid}: null diff has a hash`);
          nullDiffs++;
          continue;
        }
        assert.equal(hashDiff(p.diff), p.hash, `${c.name} ${p.msgid}`);
        hashed++;
      }
    }
    assert.ok(hashed > 500, `hashed ${hashed} diffs`);
    t.diagnostic(`hashDiff: ${hashed} diffs matched, ${nullDiffs} null diffs (pull requests)`);
  });

  it('apiPrefixes(name) equals every API prefixes field (names containing "=?" skipped: they need the header decoder)', (t) => {
    let checked = 0;
    let skipped = 0;
    for (const c of cases) {
      for (const p of readJson<PatchRecord[]>(c.dir + 'expected/patches.json')) {
        if (p.name.includes('=?')) {
          skipped++;
          continue;
        }
        assert.deepEqual(apiPrefixes(p.name, plainDecode), p.prefixes, `${c.name} ${p.msgid}: ${p.name}`);
        checked++;
      }
    }
    assert.ok(checked > 500, `checked ${checked} names`);
    t.diagnostic(`apiPrefixes: ${checked} names matched, ${skipped} skipped (encoded words)`);
  });

  it('series with a cover letter are named coverSeriesName(cover name), or by patch 1 when that is empty', (t) => {
    let checked = 0;
    let emptyCoverName = 0;
    for (const c of cases) {
      for (const s of readJson<SeriesRecord[]>(c.dir + 'expected/series.json')) {
        if (!s.cover_letter) continue;
        const expected = coverSeriesName(s.cover_letter.name);
        checked++;
        if (expected === '' && s.name !== '') {
          // An empty cover-based name counts as "no name" (spec 4.2), so a
          // patch number 1 arriving later names the series.
          assert.ok(
            s.patches.some((p) => p.name === s.name),
            `${c.name} series ${s.id}: ${JSON.stringify(s.name)} is neither the cover-based name nor a patch name`,
          );
          emptyCoverName++;
          continue;
        }
        assert.equal(s.name, expected, `${c.name} series ${s.id}`);
      }
    }
    assert.ok(checked > 50, `checked ${checked} series`);
    t.diagnostic(`coverSeriesName: ${checked} series checked, ${emptyCoverName} of them named by patch 1 after an empty cover-based name`);
  });
});
