/**
 * Patchwork REST API shapes (spec 7.3–7.9), rendered to JSON text in
 * Patchwork's key order, with fields added and removed per API version.
 */
import { formatApiDate } from '../mime/date.js';
import type { StoredHeader, ValueSource } from '../mime/header-encode.js';
import { lowerName } from '../util/names.js';
import type { CoverRow, PatchRow, PersonRow, SeriesRow } from '../series/assembler.js';
import { writeHole } from '../output/store.js';
import type { ByteBuilder } from '../util/bytes.js';
import { apiUrl, listArchiveUrl, webUrl, type RenderContext } from './context.js';

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

/** What writing a header name needs, remembered per spelling (a few hundred in real archives; bounded). */
interface NameInfo {
  /** `"name":` as UTF-8. */
  readonly key: Uint8Array;
  /** Number of the case-insensitive group (the lower-case name), counted from 0. */
  readonly group: number;
  /** The call of {@link writeHeadersJson} that last wrote this spelling's key. */
  written: number;
}
/** Spellings remembered before the tables start afresh. */
const MAX_NAMES = 4096;
const names = new Map<string, NameInfo>();
const groups = new Map<string, number>();

function nameInfo(name: string): NameInfo {
  let info = names.get(name);
  if (info === undefined) {
    const lower = lowerName(name);
    let group = groups.get(lower);
    if (group === undefined) groups.set(lower, (group = groups.size));
    info = { key: Buffer.from(JSON.stringify(name) + ':', 'utf8'), group, written: 0 };
    names.set(name, info);
  }
  return info;
}

/** Header `i`'s value as a JSON string: from its bytes where `source` has them, else from its text. */
function writeValue(out: ByteBuilder, headers: readonly StoredHeader[], i: number, source: ValueSource | undefined): void {
  const start = source === undefined ? -1 : source.spans[2 * i]!;
  if (start >= 0) out.jsonAscii(source!.bytes, start, source!.spans[2 * i + 1]!);
  else out.json(headers[i]!.value);
}

/**
 * The API `headers` object as JSON (spec 1.9): per header name in
 * first-occurrence order, every value whose name matches it
 * case-insensitively; one value as a string, several as a list. Written in
 * that order, so integer-like names keep their place (a JS object would move
 * `"123"` to the front). Same result as {@link groupHeaders}. With `source`
 * (see `storedHeadersFrom`), values stored verbatim are copied from the
 * message bytes instead of being encoded again.
 */
export function writeHeadersJson(out: ByteBuilder, headers: readonly StoredHeader[], source?: ValueSource): void {
  const n = headers.length;
  // Tables full: start afresh (before this call's lookups, so that its group numbers agree).
  if (names.size > MAX_NAMES || calls >= MAX_CALLS) {
    names.clear();
    groups.clear();
    groupSeen.length = 0;
    calls = 0;
  }
  const call = ++calls;
  const infos = scratchInfos;
  let repeated = false;
  for (let i = 0; i < n; i++) {
    const info = nameInfo(headers[i]!.name);
    infos[i] = info;
    nextSame[i] = -1;
    const g = info.group;
    if (groupSeen[g] !== call) {
      groupSeen[g] = call;
      groupFirst[g] = i;
      groupLast[g] = i;
    } else {
      nextSame[groupLast[g]!] = i;
      groupLast[g] = i;
      repeated = true;
    }
  }
  out.byte(0x7b);
  for (let i = 0; i < n; i++) {
    const info = infos[i]!;
    const g = info.group;
    const many = repeated && groupFirst[g] !== groupLast[g];
    if (many) {
      // Each spelling of a repeated name gets the whole group's list, once.
      if (info.written === call) continue;
      info.written = call;
    }
    if (i > 0) out.byte(0x2c);
    out.bytes(info.key);
    if (!many) writeValue(out, headers, i, source);
    else {
      out.byte(0x5b);
      for (let k = groupFirst[g]!; k >= 0; k = nextSame[k]!) {
        if (k !== groupFirst[g]) out.byte(0x2c);
        writeValue(out, headers, k, source);
      }
      out.byte(0x5d);
    }
  }
  out.byte(0x7d);
  if (n > SCRATCH_KEPT) {
    scratchInfos.length = 0;
    nextSame.length = 0;
  }
}

// Scratch state of writeHeadersJson, reused across calls (no allocation per message): per
// group number, the call that last saw it and, in that call, its first and last header (the
// same one when the name does not repeat); per header, the next one of its group (-1: none).
let calls = 0;
const MAX_CALLS = 2 ** 52;
const scratchInfos: NameInfo[] = [];
const groupSeen: number[] = [];
const groupFirst: number[] = [];
const groupLast: number[] = [];
const nextSame: number[] = [];
/** Headers per message past which the per-header scratch is let go after use (a huge header block). */
const SCRATCH_KEPT = 4096;

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

/**
 * The JSON texts of one mail that do not depend on how it is classified,
 * rendered once per message (in a worker, when there are several): `headers`,
 * `content`, `diff`, `prefixes` and the comment `subject`, as a flat list of
 * `[start, end)` ranges of UTF-8 bytes in the arena they were written to,
 * in that order (see the `PIECE_*` offsets).
 */
export type Pieces = number[];
export const PIECE_HEADERS = 0;
export const PIECE_CONTENT = 2;
export const PIECE_DIFF = 4;
export const PIECE_PREFIXES = 6;
export const PIECE_SUBJECT = 8;

/** What a record needs of its mail: the facts that vary per record, and the pre-rendered pieces. */
export interface RecordFacts {
  msgid: string;
  /** Naive UTC epoch seconds. */
  date: number;
  name: string;
  pullUrl: string | null;
  state: string;
  hash: string | null;
  actionRequired: boolean;
  pieces: Pieces;
}

function piece(out: ByteBuilder, arena: Buffer, p: Pieces, which: number): void {
  out.copy(arena, p[which]!, p[which + 1]!);
}

/** `,"key":` */
function key(out: ByteBuilder, k: string): void {
  out.ascii(`,"${k}":`);
}

/** `msgid`, `list_archive_url` (1.2+) and `date`, in that order in every submission and comment. */
function msgidAndDate(out: ByteBuilder, ctx: RenderContext, m: RecordFacts): void {
  key(out, 'msgid');
  out.json(m.msgid);
  if (ctx.version >= 12) {
    key(out, 'list_archive_url');
    out.json(listArchiveUrl(ctx, m.msgid));
  }
  key(out, 'date');
  out.ascii(`"${formatApiDate(m.date)}"`);
}

/** `url`, `web_url`, `project`, `msgid`, `list_archive_url`, `date`, `name`: the head that patches and covers share. */
function submissionHead(out: ByteBuilder, ctx: RenderContext, kind: 'patch' | 'cover', id: number, m: RecordFacts, web: string): void {
  out.ascii(`{"id":${id},"url":`);
  out.json(apiUrl(ctx, `${kind === 'patch' ? 'patches' : 'covers'}/${id}/`));
  if (ctx.version >= 11) {
    key(out, 'web_url');
    out.json(web);
  }
  key(out, 'project');
  out.utf8(ctx.projectJson);
  msgidAndDate(out, ctx, m);
  key(out, 'name');
  out.json(m.name);
}

/** What the assembler decided for a patch or cover: its id, submitter and series. */
export interface Placed {
  id: number;
  submitter: number;
  series: number | null;
}

/** Patch detail — spec 7.4. Submitter and series are holes. */
export function writePatch(out: ByteBuilder, ctx: RenderContext, placed: Placed, m: RecordFacts, arena: Buffer): void {
  const { id, submitter, series } = placed;
  const web = webUrl(ctx, 'patch', m.msgid);
  submissionHead(out, ctx, 'patch', id, m, web);
  out.ascii(',"commit_ref":null,"pull_url":');
  out.json(m.pullUrl);
  key(out, 'state');
  out.json(m.state);
  out.ascii(',"archived":false,"hash":');
  out.json(m.hash);
  key(out, 'submitter');
  writeHole(out, 'P', submitter);
  out.ascii(',"delegate":null,"mbox":');
  out.json(web + 'mbox/');
  key(out, 'series');
  writeHole(out, 'S', series);
  if (ctx.version >= 11) {
    key(out, 'comments');
    out.json(`${ctx.base}/api/patches/${id}/comments/`);
  }
  out.ascii(',"check":"pending","checks":');
  out.json(`${ctx.base}/api/patches/${id}/checks/`);
  out.ascii(',"tags":{}');
  if (ctx.version >= 12) out.ascii(',"related":[]');
  key(out, 'headers');
  piece(out, arena, m.pieces, PIECE_HEADERS);
  key(out, 'content');
  piece(out, arena, m.pieces, PIECE_CONTENT);
  key(out, 'diff');
  piece(out, arena, m.pieces, PIECE_DIFF);
  key(out, 'prefixes');
  piece(out, arena, m.pieces, PIECE_PREFIXES);
  out.byte(0x7d);
}

/** Cover letter detail — spec 7.5. Submitter and series are holes. */
export function writeCover(out: ByteBuilder, ctx: RenderContext, placed: Placed, m: RecordFacts, arena: Buffer): void {
  const { id, submitter, series } = placed;
  const web = webUrl(ctx, 'cover', m.msgid);
  submissionHead(out, ctx, 'cover', id, m, web);
  key(out, 'submitter');
  writeHole(out, 'P', submitter);
  if (ctx.version >= 11) {
    key(out, 'mbox');
    out.json(web + 'mbox/');
  }
  key(out, 'series');
  writeHole(out, 'S', series);
  if (ctx.version >= 11) {
    key(out, 'comments');
    out.json(`${ctx.base}/api/covers/${id}/comments/`);
  }
  key(out, 'headers');
  piece(out, arena, m.pieces, PIECE_HEADERS);
  key(out, 'content');
  piece(out, arena, m.pieces, PIECE_CONTENT);
  out.byte(0x7d);
}

/** Where a comment hangs. */
export interface CommentParent {
  type: 'patch' | 'cover';
  id: number;
  msgid: string;
}

/** A comments.json entry: the comment (spec 7.6) wrapped with its parent. The submitter is a hole. */
export function writeComment(
  out: ByteBuilder,
  ctx: RenderContext,
  id: number,
  submitter: number,
  parent: CommentParent,
  messageIndex: number,
  m: RecordFacts,
  arena: Buffer,
): void {
  const kind = parent.type === 'patch' ? 'patches' : 'covers';
  out.ascii(`{"parent_type":"${parent.type}","parent_id":${parent.id},"parent_msgid":`);
  out.json(parent.msgid);
  out.ascii(`,"message_index":${messageIndex},"comment":{"id":${id}`);
  if (ctx.version >= 13) {
    key(out, 'url');
    out.json(apiUrl(ctx, `${kind}/${parent.id}/comments/${id}/`));
  }
  key(out, 'web_url');
  out.json(`${ctx.base}/comment/${id}/`);
  msgidAndDate(out, ctx, m);
  key(out, 'subject');
  piece(out, arena, m.pieces, PIECE_SUBJECT);
  key(out, 'submitter');
  writeHole(out, 'P', submitter);
  key(out, 'content');
  piece(out, arena, m.pieces, PIECE_CONTENT);
  key(out, 'headers');
  piece(out, arena, m.pieces, PIECE_HEADERS);
  if (ctx.version >= 13) {
    key(out, 'addressed');
    out.ascii(parent.type === 'patch' && m.actionRequired ? 'false' : 'null');
  }
  out.ascii('}}');
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
