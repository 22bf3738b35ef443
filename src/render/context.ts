/**
 * What every renderer shares: base URL, API version, project; URL builders.
 *
 * Values that only become final at the end of the input (a person's latest
 * name, a series' name) are left as holes in the rendered records (see
 * `output/store.ts`).
 */
import type { ApiVersion, ProjectConfig } from '../options.js';

/** API version as a comparable number: 10, 11, 12, 13. */
export type VersionNumber = 10 | 11 | 12 | 13;

export interface RenderContext {
  base: string;
  version: VersionNumber;
  /** `1.2/` — the versioned part of API URLs. */
  v: string;
  project: ProjectConfig;
  /** The embedded project object, pre-rendered. */
  projectJson: string;
}

export function versionNumber(v: ApiVersion): VersionNumber {
  return (Number(v) * 10) as VersionNumber;
}

const PROJECT_FIELDS_10 = ['id', 'url', 'name', 'link_name', 'list_id', 'list_email', 'web_url', 'scm_url', 'webscm_url'] as const;
const PROJECT_FIELDS_12 = ['list_archive_url', 'list_archive_url_format', 'commit_url_format'] as const;

export function makeContext(base: string, apiVersion: ApiVersion, project: ProjectConfig): RenderContext {
  const version = versionNumber(apiVersion);
  const v = `${apiVersion}/`;
  const ctx: RenderContext = { base, version, v, project, projectJson: '' };
  ctx.projectJson = renderObject(embeddedProject(ctx));
  return ctx;
}

/** The project as embedded in patches, covers and series (spec 7.3). */
export function embeddedProject(ctx: RenderContext): Record<string, unknown> {
  const p = ctx.project;
  const out: Record<string, unknown> = {};
  const url = p.url ?? `${ctx.base}/api/${ctx.v}projects/${p.id}/`;
  for (const k of PROJECT_FIELDS_10) out[k] = k === 'url' ? url : (p[k] ?? '');
  if (ctx.version >= 12) for (const k of PROJECT_FIELDS_12) out[k] = p[k] ?? '';
  return out;
}

/** The project detail object (`project.json`, spec 7.8). */
export function projectDetail(ctx: RenderContext): Record<string, unknown> {
  const p = ctx.project;
  const out: Record<string, unknown> = {};
  for (const k of PROJECT_FIELDS_10) out[k] = k === 'url' ? (p.url ?? `${ctx.base}/api/${ctx.v}projects/${p.id}/`) : (p[k] ?? '');
  out['maintainers'] = p.maintainers ?? [];
  if (ctx.version >= 11) out['subject_match'] = p.subject_match ?? '';
  if (ctx.version >= 12) for (const k of PROJECT_FIELDS_12) out[k] = p[k] ?? '';
  return out;
}

/** JSON text of a plain object; keys in insertion order. */
export function renderObject(o: Record<string, unknown>): string {
  return JSON.stringify(o);
}

// Django's iri_to_uri/quote keeps these characters in a path.
const SAFE = new Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~!$&'()*+,;=/:@");
const ALL_SAFE = /^[A-Za-z0-9_.\-~!$&'()*+,;=/:@]*$/;

/** Percent-encode like Django's URL reversing: UTF-8, upper-case hex. */
function quotePath(s: string): string {
  if (ALL_SAFE.test(s)) return s;
  let out = '';
  for (const ch of s) {
    if (SAFE.has(ch)) {
      out += ch;
      continue;
    }
    for (const b of Buffer.from(ch, 'utf8')) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Patchwork's `url_msgid`: msgid without its surrounding `<`/`>`. */
export function urlMsgid(msgid: string): string {
  let a = 0;
  let b = msgid.length;
  while (a < b && (msgid[a] === '<' || msgid[a] === '>')) a++;
  while (b > a && (msgid[b - 1] === '<' || msgid[b - 1] === '>')) b--;
  return msgid.slice(a, b);
}

/** `B/project/<linkname>/<kind>/<encoded msgid>/` (spec 7.1: `/` → `%2F`, then the path is quoted). */
export function webUrl(ctx: RenderContext, kind: 'patch' | 'cover', msgid: string): string {
  const id = urlMsgid(msgid).replaceAll('/', '%2F');
  return `${ctx.base}/project/${quotePath(ctx.project.link_name)}/${kind}/${quotePath(id)}/`;
}

/** `list_archive_url`: the project's format with `{}` replaced, or null. */
export function listArchiveUrl(ctx: RenderContext, msgid: string): string | null {
  const fmt = ctx.project.list_archive_url_format;
  if (!fmt) return null;
  return pythonFormat(fmt, urlMsgid(msgid));
}

/** Python `str.format(arg)` for `{}`/`{0}` placeholders and `{{`/`}}` escapes. */
function pythonFormat(fmt: string, arg: string): string {
  return fmt.replace(/\{\{|\}\}|\{0?\}/g, (m) => (m === '{{' ? '{' : m === '}}' ? '}' : arg));
}

export function apiUrl(ctx: RenderContext, path: string): string {
  return `${ctx.base}/api/${ctx.v}${path}`;
}
