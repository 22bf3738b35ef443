/**
 * The conformance corpus: every case of ../shared/conformance (Patchwork
 * v3.2.1's own output for real mail) run through the CLI's --out-dir path
 * and compared record by record, every object type, for exact equality
 * (dates of the case's undated messages excepted). Also checks that every
 * message has exactly one outcome and that it agrees with the case's
 * index.json verdict.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { main } from '../src/cli.js';
import type { Diagnostic } from '../src/diagnostics.js';
import { diffValues, differingFields, type Json } from './helpers/compare.js';
import { conformanceCases, sharedSkip, type CaseInfo } from './helpers/shared.js';

const TYPES = ['patches', 'covers', 'comments', 'series', 'people'] as const;
type FileType = (typeof TYPES)[number];

/** Record key, as the reference comparison tool matches them. */
function keyOf(type: FileType, r: Record<string, Json>): string {
  switch (type) {
    case 'comments':
      return `${(r['comment'] as Record<string, Json>)['msgid']}#${r['message_index']}`;
    case 'people':
      return String(r['email']);
    case 'series': {
      const cover = r['cover_letter'] as Record<string, Json> | null;
      const first = (r['patches'] as Array<Record<string, Json>>)[0];
      return `${r['id']}:${cover?.['msgid'] ?? first?.['msgid'] ?? ''}`;
    }
    default:
      return String(r['msgid']) + '#' + r['id'];
  }
}

interface CaseResult {
  name: string;
  counts: Record<FileType, { expected: number; produced: number; identical: number }>;
  fieldTally: Map<string, number>;
  failures: string[];
}

const tmp = mkdtempSync(join(tmpdir(), 'mbox2pw-conf-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * One case through the CLI. `jobs` 2 parses with two worker threads from the
 * second message on (no size threshold), so the worker path is exercised even
 * on the corpus's small inputs.
 */
async function runCase(c: CaseInfo, jobs: 1 | 2): Promise<{ out: string; diagnostics: Diagnostic[]; code: number; stderr: string }> {
  const out = join(tmp, `${c.name}-j${jobs}`);
  const projectFile = join(tmp, `${c.name}.project.json`);
  writeFileSync(projectFile, JSON.stringify(c.project));
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  stdout.resume();
  const code = await main(
    [
      '--quiet',
      '--format',
      c.format,
      '--api-version',
      c.api_version,
      '--base-url',
      c.base_url,
      '--project',
      projectFile,
      '--out-dir',
      out,
      '--jobs',
      String(jobs),
      c.dir + 'input.mbox',
    ],
    { stdin: Readable.from([]), stdout, stderr },
    { workerThreshold: 0 },
  );
  const diagnostics = readFileSync(join(out, 'diagnostics.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Diagnostic);
  return { out, diagnostics, code, stderr: err };
}

function compareCase(c: CaseInfo, outDir: string): CaseResult {
  const result: CaseResult = {
    name: c.name,
    counts: {} as CaseResult['counts'],
    fieldTally: new Map(),
    failures: [],
  };
  const expectedAll = Object.fromEntries(
    TYPES.map((t) => [t, JSON.parse(readFileSync(`${c.dir}expected/${t}.json`, 'utf8')) as Array<Record<string, Json>>]),
  ) as Record<FileType, Array<Record<string, Json>>>;
  // dates of undated messages (and anything equal to them) are wildcards
  const wild = new Set<string>();
  const undated = new Set(c.undated_msgids);
  for (const t of ['patches', 'covers'] as const) {
    for (const r of expectedAll[t]) if (undated.has(String(r['msgid']))) wild.add(String(r['date']));
  }
  for (const e of expectedAll.comments) {
    const cm = e['comment'] as Record<string, Json>;
    if (undated.has(String(cm['msgid']))) wild.add(String(cm['date']));
  }
  for (const t of TYPES) {
    const expected = expectedAll[t];
    let produced: Array<Record<string, Json>>;
    try {
      produced = JSON.parse(readFileSync(join(outDir, `${t}.json`), 'utf8')) as Array<Record<string, Json>>;
    } catch (e) {
      result.failures.push(`${t}.json: not written or not JSON (${(e as Error).message})`);
      produced = [];
    }
    const byKey = new Map(produced.map((r) => [keyOf(t, r), r]));
    let identical = 0;
    for (let i = 0; i < expected.length; i++) {
      const exp = expected[i]!;
      const key = keyOf(t, exp);
      const act = produced[i] !== undefined && keyOf(t, produced[i]!) === key ? produced[i]! : byKey.get(key);
      if (act === undefined) {
        result.failures.push(`${t}[${i}] ${key}: not produced`);
        continue;
      }
      const diffs = diffValues(exp, act, wild);
      if (diffs.length === 0) identical++;
      else {
        for (const f of differingFields(exp, act, wild)) result.fieldTally.set(`${t}.${f}`, (result.fieldTally.get(`${t}.${f}`) ?? 0) + 1);
        result.failures.push(`${t}[${i}] ${key}:\n      ${diffs.slice(0, 6).join('\n      ')}`);
      }
    }
    if (produced.length !== expected.length) {
      result.failures.push(`${t}: ${expected.length} expected, ${produced.length} produced`);
    }
    result.counts[t] = { expected: expected.length, produced: produced.length, identical };
  }
  return result;
}

/** Outcome of each message from our diagnostics and records. */
function checkOutcomes(c: CaseInfo, outDir: string, diagnostics: Diagnostic[]): string[] {
  const problems: string[] = [];
  const index = JSON.parse(readFileSync(`${c.dir}expected/index.json`, 'utf8')) as {
    messages: Array<{ index: number; msgid?: string; outcome: string }>;
  };
  const skipped = new Map<number, Diagnostic>();
  for (const d of diagnostics) {
    if (!d.skipped) continue;
    if (skipped.has(d.messageIndex)) problems.push(`message ${d.messageIndex}: more than one skip diagnostic`);
    skipped.set(d.messageIndex, d);
  }
  const read = (t: FileType): Array<Record<string, Json>> =>
    JSON.parse(readFileSync(join(outDir, `${t}.json`), 'utf8')) as Array<Record<string, Json>>;
  const patchIds = new Set(read('patches').map((r) => String(r['msgid'])));
  const coverIds = new Set(read('covers').map((r) => String(r['msgid'])));
  const commentIdx = new Map(read('comments').map((r) => [Number(r['message_index']), String(r['parent_type'])]));
  const nonComments = read('patches').length + read('covers').length;
  if (c.api_version !== '1.0') {
    const total = nonComments + read('comments').length + skipped.size;
    if (total !== c.messages) problems.push(`records + skipped diagnostics = ${total}, but the input has ${c.messages} messages`);
  } else if (nonComments + skipped.size > c.messages) {
    problems.push(`patches + covers + skipped diagnostics exceed the ${c.messages} messages`);
  }
  for (const m of index.messages) {
    const d = skipped.get(m.index);
    let ours: string;
    if (d) ours = d.severity === 'error' ? 'error' : d.code === 'CLASSIFY_DUPLICATE' ? 'duplicate' : 'dropped';
    else if (commentIdx.has(m.index)) ours = commentIdx.get(m.index) === 'patch' ? 'patch-comment' : 'cover-comment';
    else if (m.outcome === 'patch' && m.msgid && patchIds.has(m.msgid)) ours = 'patch';
    else if (m.outcome === 'cover' && m.msgid && coverIds.has(m.msgid)) ours = 'cover';
    else if (c.api_version === '1.0' && (m.outcome === 'patch-comment' || m.outcome === 'cover-comment')) ours = m.outcome;
    else ours = 'record';
    if (ours !== m.outcome) problems.push(`message ${m.index} ${m.msgid ?? ''}: outcome ${ours}, expected ${m.outcome}`);
  }
  return problems;
}

describe('conformance corpus (Patchwork v3.2.1 goldens)', () => {
  const skip = sharedSkip();
  const cases = conformanceCases();
  const results: CaseResult[] = [];
  if (!skip) {
    it('found the corpus', () => {
      assert.ok(cases.length >= 300, `expected the whole corpus, found ${cases.length} cases`);
    });
  }
  for (const c of cases) {
    it(c.name, async (t) => {
      const { out, diagnostics, code, stderr } = await runCase(c, 1);
      assert.equal(code, 0, `exit code ${code}: ${stderr}`);
      const r = compareCase(c, out);
      results.push(r);
      // per case: expected / produced / identical, per record type
      t.diagnostic(TYPES.map((ty) => `${ty} ${r.counts[ty].expected}/${r.counts[ty].produced}/${r.counts[ty].identical}`).join(', '));
      const outcomeProblems = checkOutcomes(c, out, diagnostics);
      const problems = [...r.failures, ...outcomeProblems];
      assert.ok(problems.length === 0, `${c.name}: ${problems.length} problem(s):\n  ${problems.slice(0, 12).join('\n  ')}`);
    });
  }
  // The same cases with worker threads: the output files must be byte-identical to --jobs 1's.
  // Workers only parse and render the version-independent pieces, so the API 1.0/1.1/1.3
  // siblings of a case (same input, rendering on the main thread) add nothing here.
  for (const c of cases.filter((x) => x.api_version === '1.2')) {
    it(`${c.name} (--jobs 2)`, async () => {
      const two = await runCase(c, 2);
      assert.equal(two.code, 0, `exit code ${two.code}: ${two.stderr}`);
      const one = join(tmp, `${c.name}-j1`);
      for (const f of [...TYPES.map((t) => `${t}.json`), 'project.json', 'diagnostics.ndjson']) {
        assert.ok(readFileSync(join(two.out, f)).equals(readFileSync(join(one, f))), `${f} differs between --jobs 1 and --jobs 2`);
      }
    });
  }
  after(() => {
    if (results.length === 0) return;
    const total: Record<FileType, { expected: number; produced: number; identical: number }> = Object.fromEntries(
      TYPES.map((t) => [t, { expected: 0, produced: 0, identical: 0 }]),
    ) as never;
    const tally = new Map<string, number>();
    for (const r of results) {
      for (const t of TYPES) {
        total[t].expected += r.counts[t]?.expected ?? 0;
        total[t].produced += r.counts[t]?.produced ?? 0;
        total[t].identical += r.counts[t]?.identical ?? 0;
      }
      for (const [k, v] of r.fieldTally) tally.set(k, (tally.get(k) ?? 0) + v);
    }
    const lines = [`conformance: ${results.length} cases`];
    for (const t of TYPES) lines.push(`  ${t}: expected ${total[t].expected}, produced ${total[t].produced}, identical ${total[t].identical}`);
    if (tally.size > 0) lines.push(`  differing fields: ${[...tally].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const per = results.filter((r) => r.failures.length > 0).map((r) => r.name);
    if (per.length > 0) lines.push(`  cases with differences: ${per.join(' ')}`);
    console.log(lines.join('\n'));
  });
});
