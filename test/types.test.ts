/**
 * Consumer-style type test: the package imported by its own name, as a user
 * would. It is compiled with the rest of the tests, so a type regression fails
 * the build; the `@ts-expect-error` lines prove the types are not `any`.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  parseMbox,
  parseMboxSync,
  OptionError,
  type Comment,
  type CommentEntry,
  type Cover,
  type Diagnostic,
  type Options,
  type Outcome,
  type Patch,
  type Person,
  type Series,
} from 'mbox2pw';

function usePatch(p: Patch): string {
  const series: string | null | undefined = p.series[0]?.name;
  const hash: string | null = p.hash;
  const submitter: string | null = p.submitter.name;
  // @ts-expect-error: a patch has no `subject`
  void p.subject;
  return `${p.name} ${hash ?? ''} ${submitter ?? ''} ${series ?? ''} ${p.headers['Subject'] ?? ''}`;
}

function useOutcome(o: Outcome): string {
  switch (o.type) {
    case 'patch':
      return usePatch(o.record);
    case 'cover': {
      const c: Cover = o.record;
      return c.content;
    }
    case 'comment': {
      const e: CommentEntry = o.record;
      const c: Comment = e.comment;
      return `${e.parent_type}:${c.subject}`;
    }
    case 'series': {
      const s: Series = o.record;
      return `${s.received_total}/${s.total}`;
    }
    case 'person': {
      const p: Person = o.record;
      return p.email;
    }
    case 'diagnostic': {
      const d: Diagnostic = o.diagnostic;
      // @ts-expect-error: severities are a closed union
      const bad: typeof d.severity = 'fatal';
      void bad;
      return d.code;
    }
  }
}

const options: Options = { apiVersion: '1.3', baseUrl: 'https://pw.example.org', format: 'mboxrd' };
// @ts-expect-error: unknown API version
const badOptions: Options = { apiVersion: '2.0' };
void badOptions;

it('the public types describe what the library returns', async () => {
  const r = parseMboxSync(Buffer.alloc(0), options);
  assert.deepEqual(r.patches, []);
  const seen: string[] = [];
  for await (const o of parseMbox(Buffer.alloc(0), options)) seen.push(useOutcome(o));
  assert.ok(seen.every((s) => typeof s === 'string'));
  assert.ok(new OptionError('x', 1, 'y') instanceof Error);
});

// Per-version record types
import type { CommentOf, PatchOf, SeriesOf } from 'mbox2pw';
function versioned(p10: PatchOf<'1.0'>, p12: PatchOf<'1.2'>, c13: CommentOf<'1.3'>, c11: CommentOf<'1.1'>, s11: SeriesOf<'1.1'>): string {
  // @ts-expect-error: API 1.0 has no web_url
  void p10.web_url;
  const related: unknown[] = p12.related; // required from 1.2
  const addressed: boolean | null = c13.addressed; // required from 1.3
  // @ts-expect-error: API 1.1 comments have no url
  void c11.url;
  const web: string = s11.web_url;
  return `${related.length}${String(addressed)}${web}`;
}
void versioned;
