/**
 * Patchwork REST API shapes (spec 7.3–7.9), rendered to JSON text in
 * Patchwork's key order, with fields added and removed per API version.
 */
import { formatApiDate } from '../mime/date.js';
import { headersEntries } from '../mime/header-encode.js';
import type { CoverRow, PatchRow, PersonRow, SeriesRow } from '../series/assembler.js';
import { apiUrl, listArchiveUrl, placeholder, webUrl, type RenderContext } from './context.js';

const j = JSON.stringify;

/** Build `{"k":v,...}` from pre-rendered values; `undefined` values are left out. */
function obj(fields: Array<[string, string | undefined]>): string {
  let out = '{';
  let first = true;
  for (const [k, v] of fields) {
    if (v === undefined) continue;
    out += (first ? '' : ',') + j(k) + ':' + v;
    first = false;
  }
  return out + '}';
}

function since(ctx: RenderContext, version: number, value: string): string | undefined {
  return ctx.version >= version ? value : undefined;
}

/**
 * The API `headers` object as JSON text, built from the entries so that the
 * key order is Patchwork's even for integer-like names (a JS object would move
 * `"123"` to the front).
 */
export function headersJson(blob: string): string {
  let out = '{';
  let first = true;
  for (const [k, v] of headersEntries(blob)) {
    out += (first ? '' : ',') + j(k) + ':' + j(v);
    first = false;
  }
  return out + '}';
}

/** Embedded person (submitter) — spec 7.3. */
export function embeddedPerson(ctx: RenderContext, p: PersonRow): string {
  return obj([
    ['id', j(p.id)],
    ['url', j(apiUrl(ctx, `people/${p.id}/`))],
    ['name', j(p.name)],
    ['email', j(p.email)],
  ]);
}

/** Person detail (`people.json`) — spec 7.8. */
export function personDetail(ctx: RenderContext, p: PersonRow): string {
  return obj([
    ['id', j(p.id)],
    ['url', j(apiUrl(ctx, `people/${p.id}/`))],
    ['name', j(p.name)],
    ['email', j(p.email)],
    ['user', 'null'],
  ]);
}

function seriesMbox(ctx: RenderContext, id: number): string {
  return `${ctx.base}/series/${id}/mbox/`;
}

function seriesWebUrl(ctx: RenderContext, id: number): string {
  return `${ctx.base}/project/${ctx.project.link_name}/list/?series=${id}`;
}

/** Embedded series (inside a patch's or cover's `series` list) — spec 7.3. */
export function embeddedSeries(ctx: RenderContext, s: SeriesRow): string {
  return obj([
    ['id', j(s.id)],
    ['url', j(apiUrl(ctx, `series/${s.id}/`))],
    ['web_url', since(ctx, 11, j(seriesWebUrl(ctx, s.id)))],
    ['date', j(formatApiDate(s.date))],
    ['name', j(s.name)],
    ['version', j(s.version)],
    ['mbox', j(seriesMbox(ctx, s.id))],
  ]);
}

/** Embedded patch (series `patches`) — spec 7.3. */
export function embeddedPatch(ctx: RenderContext, p: PatchRow): string {
  const web = webUrl(ctx, 'patch', p.msgid);
  return obj([
    ['id', j(p.id)],
    ['url', j(apiUrl(ctx, `patches/${p.id}/`))],
    ['web_url', since(ctx, 11, j(web))],
    ['msgid', j(p.msgid)],
    ['list_archive_url', since(ctx, 12, j(listArchiveUrl(ctx, p.msgid)))],
    ['date', j(formatApiDate(p.date))],
    ['name', j(p.name)],
    ['mbox', j(web + 'mbox/')],
  ]);
}

/** Embedded cover (series `cover_letter`) — spec 7.3. */
export function embeddedCover(ctx: RenderContext, c: CoverRow): string {
  const web = webUrl(ctx, 'cover', c.msgid);
  return obj([
    ['id', j(c.id)],
    ['url', j(apiUrl(ctx, `covers/${c.id}/`))],
    ['web_url', since(ctx, 11, j(web))],
    ['msgid', j(c.msgid)],
    ['list_archive_url', since(ctx, 12, j(listArchiveUrl(ctx, c.msgid)))],
    ['date', j(formatApiDate(c.date))],
    ['name', j(c.name)],
    ['mbox', since(ctx, 11, j(web + 'mbox/'))],
  ]);
}

/** The mail-derived facts of a patch detail record. */
export interface PatchFacts {
  id: number;
  msgid: string;
  date: number;
  name: string;
  pullUrl: string | null;
  state: string;
  hash: string | null;
  submitter: number;
  series: number | null;
  headers: string;
  content: string;
  diff: string | null;
  prefixes: string[];
}

/** Patch detail — spec 7.4. Submitter and series are placeholders. */
export function patchDetail(ctx: RenderContext, p: PatchFacts): string {
  const web = webUrl(ctx, 'patch', p.msgid);
  return obj([
    ['id', j(p.id)],
    ['url', j(apiUrl(ctx, `patches/${p.id}/`))],
    ['web_url', since(ctx, 11, j(web))],
    ['project', ctx.projectJson],
    ['msgid', j(p.msgid)],
    ['list_archive_url', since(ctx, 12, j(listArchiveUrl(ctx, p.msgid)))],
    ['date', j(formatApiDate(p.date))],
    ['name', j(p.name)],
    ['commit_ref', 'null'],
    ['pull_url', j(p.pullUrl)],
    ['state', j(p.state)],
    ['archived', 'false'],
    ['hash', j(p.hash)],
    ['submitter', placeholder('P', p.submitter)],
    ['delegate', 'null'],
    ['mbox', j(web + 'mbox/')],
    ['series', placeholder('S', p.series)],
    ['comments', since(ctx, 11, j(`${ctx.base}/api/patches/${p.id}/comments/`))],
    ['check', j('pending')],
    ['checks', j(`${ctx.base}/api/patches/${p.id}/checks/`)],
    ['tags', '{}'],
    ['related', since(ctx, 12, '[]')],
    ['headers', p.headers],
    ['content', j(p.content)],
    ['diff', j(p.diff)],
    ['prefixes', j(p.prefixes)],
  ]);
}

export interface CoverFacts {
  id: number;
  msgid: string;
  date: number;
  name: string;
  submitter: number;
  series: number | null;
  headers: string;
  content: string;
}

/** Cover letter detail — spec 7.5. */
export function coverDetail(ctx: RenderContext, c: CoverFacts): string {
  const web = webUrl(ctx, 'cover', c.msgid);
  return obj([
    ['id', j(c.id)],
    ['url', j(apiUrl(ctx, `covers/${c.id}/`))],
    ['web_url', since(ctx, 11, j(web))],
    ['project', ctx.projectJson],
    ['msgid', j(c.msgid)],
    ['list_archive_url', since(ctx, 12, j(listArchiveUrl(ctx, c.msgid)))],
    ['date', j(formatApiDate(c.date))],
    ['name', j(c.name)],
    ['submitter', placeholder('P', c.submitter)],
    ['mbox', since(ctx, 11, j(web + 'mbox/'))],
    ['series', placeholder('S', c.series)],
    ['comments', since(ctx, 11, j(`${ctx.base}/api/covers/${c.id}/comments/`))],
    ['headers', c.headers],
    ['content', j(c.content)],
  ]);
}

export interface CommentFacts {
  id: number;
  parentType: 'patch' | 'cover';
  parentId: number;
  parentMsgid: string;
  messageIndex: number;
  msgid: string;
  date: number;
  subject: string;
  submitter: number;
  content: string;
  headers: string;
  addressed: boolean | null;
}

/** A comments.json entry: the comment (spec 7.6) wrapped with its parent. */
export function commentEntry(ctx: RenderContext, c: CommentFacts): string {
  const kind = c.parentType === 'patch' ? 'patches' : 'covers';
  const comment = obj([
    ['id', j(c.id)],
    ['url', since(ctx, 13, j(apiUrl(ctx, `${kind}/${c.parentId}/comments/${c.id}/`)))],
    ['web_url', j(`${ctx.base}/comment/${c.id}/`)],
    ['msgid', j(c.msgid)],
    ['list_archive_url', since(ctx, 12, j(listArchiveUrl(ctx, c.msgid)))],
    ['date', j(formatApiDate(c.date))],
    ['subject', j(c.subject)],
    ['submitter', placeholder('P', c.submitter)],
    ['content', j(c.content)],
    ['headers', c.headers],
    ['addressed', since(ctx, 13, j(c.addressed))],
  ]);
  return obj([
    ['parent_type', j(c.parentType)],
    ['parent_id', j(c.parentId)],
    ['parent_msgid', j(c.parentMsgid)],
    ['message_index', j(c.messageIndex)],
    ['comment', comment],
  ]);
}

/** Series detail — spec 7.7. Patches in API order: by date, then id. */
export function seriesDetail(
  ctx: RenderContext,
  s: SeriesRow,
  person: string,
  cover: CoverRow | null,
  patches: readonly PatchRow[],
): string {
  const ordered = [...patches].sort((a, b) => a.date - b.date || a.id - b.id);
  return obj([
    ['id', j(s.id)],
    ['url', j(apiUrl(ctx, `series/${s.id}/`))],
    ['web_url', since(ctx, 11, j(seriesWebUrl(ctx, s.id)))],
    ['project', ctx.projectJson],
    ['name', j(s.name)],
    ['date', j(formatApiDate(s.date))],
    ['submitter', person],
    ['version', j(s.version)],
    ['total', j(s.total)],
    ['received_total', j(s.patches.length)],
    ['received_all', j(s.total <= s.patches.length)],
    ['mbox', j(seriesMbox(ctx, s.id))],
    ['cover_letter', cover ? embeddedCover(ctx, cover) : 'null'],
    ['patches', '[' + ordered.map((p) => embeddedPatch(ctx, p)).join(',') + ']'],
  ]);
}
