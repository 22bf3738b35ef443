import type { ApiVersion } from './options.js';

/**
 * The records exactly as rendered, field for field (snake_case, as the
 * Patchwork REST API names them). Fields marked "API >= 1.x" are absent from
 * records rendered for older API versions.
 */

/** Embedded project (spec 7.3). */
export interface Project {
  id: number;
  url: string;
  name: string;
  link_name: string;
  list_id: string;
  list_email: string;
  web_url: string;
  scm_url: string;
  webscm_url: string;
  /** API >= 1.2 */
  list_archive_url?: string;
  /** API >= 1.2 */
  list_archive_url_format?: string;
  /** API >= 1.2 */
  commit_url_format?: string;
}

/** Project detail (`project.json`). */
export interface ProjectDetail extends Project {
  maintainers: unknown[];
  /** API >= 1.1 */
  subject_match?: string;
}

/** Embedded person (submitter). */
export interface PersonRef {
  id: number;
  url: string;
  /** `null` when no mail of this person had a name. */
  name: string | null;
  email: string;
}

/** Person detail (`people.json`). */
export interface Person extends PersonRef {
  user: null;
}

/** Embedded series (inside a patch's or cover's `series` list). */
export interface SeriesRef {
  id: number;
  url: string;
  /** API >= 1.1 */
  web_url?: string;
  date: string;
  name: string | null;
  version: number;
  mbox: string;
}

/** Embedded patch (series `patches`). */
export interface PatchRef {
  id: number;
  url: string;
  /** API >= 1.1 */
  web_url?: string;
  msgid: string;
  /** API >= 1.2 */
  list_archive_url?: string | null;
  date: string;
  name: string;
  mbox: string;
}

/** Embedded cover letter (series `cover_letter`). */
export interface CoverRef {
  id: number;
  url: string;
  /** API >= 1.1 */
  web_url?: string;
  msgid: string;
  /** API >= 1.2 */
  list_archive_url?: string | null;
  date: string;
  name: string;
  /** API >= 1.1 */
  mbox?: string;
}

/** The `headers` object: one key per header name, repeated headers as lists. */
export type Headers = Record<string, string | string[]>;

/** Patch detail (`/api/<v>/patches/<id>/`). */
export interface Patch {
  id: number;
  url: string;
  /** API >= 1.1 */
  web_url?: string;
  project: Project;
  msgid: string;
  /** API >= 1.2 */
  list_archive_url?: string | null;
  date: string;
  name: string;
  commit_ref: string | null;
  pull_url: string | null;
  state: string;
  archived: boolean;
  hash: string | null;
  submitter: PersonRef;
  delegate: null;
  mbox: string;
  series: SeriesRef[];
  /** API >= 1.1 */
  comments?: string;
  check: 'pending' | 'success' | 'warning' | 'fail';
  checks: string;
  tags: Record<string, never>;
  /** API >= 1.2 */
  related?: PatchRef[];
  headers: Headers;
  content: string;
  diff: string | null;
  prefixes: string[];
}

/** Cover letter detail. */
export interface Cover {
  id: number;
  url: string;
  /** API >= 1.1 */
  web_url?: string;
  project: Project;
  msgid: string;
  /** API >= 1.2 */
  list_archive_url?: string | null;
  date: string;
  name: string;
  submitter: PersonRef;
  /** API >= 1.1 */
  mbox?: string;
  series: SeriesRef[];
  /** API >= 1.1 */
  comments?: string;
  headers: Headers;
  content: string;
}

/** A patch or cover comment (API >= 1.1). */
export interface Comment {
  id: number;
  /** API >= 1.3 */
  url?: string;
  web_url: string;
  msgid: string;
  /** API >= 1.2 */
  list_archive_url?: string | null;
  date: string;
  subject: string;
  submitter: PersonRef;
  content: string;
  headers: Headers;
  /** API >= 1.3; `false` with X-Patchwork-Action-Required on patch comments, else `null`. */
  addressed?: boolean | null;
}

/** A `comments.json` entry: the comment with its parent. */
export interface CommentEntry {
  parent_type: 'patch' | 'cover';
  parent_id: number;
  parent_msgid: string;
  /** Zero-based index of the message that created the comment. */
  message_index: number;
  comment: Comment;
}

/** Series detail. */
export interface Series {
  id: number;
  url: string;
  /** API >= 1.1 */
  web_url?: string;
  project: Project;
  name: string | null;
  date: string;
  submitter: PersonRef;
  version: number;
  total: number;
  received_total: number;
  received_all: boolean;
  mbox: string;
  cover_letter: CoverRef | null;
  patches: PatchRef[];
}

/** Field names added by each API version, per record type (spec 7.9). */
interface VersionFields {
  patch: { '1.1': 'web_url' | 'comments'; '1.2': 'list_archive_url' | 'related'; '1.3': never };
  cover: { '1.1': 'web_url' | 'mbox' | 'comments'; '1.2': 'list_archive_url'; '1.3': never };
  comment: { '1.1': never; '1.2': 'list_archive_url'; '1.3': 'url' | 'addressed' };
  series: { '1.1': 'web_url'; '1.2': never; '1.3': never };
}

type Added<T extends keyof VersionFields, V extends ApiVersionName> = V extends '1.0'
  ? never
  : V extends '1.1'
    ? VersionFields[T]['1.1']
    : V extends '1.2'
      ? VersionFields[T]['1.1'] | VersionFields[T]['1.2']
      : VersionFields[T]['1.1'] | VersionFields[T]['1.2'] | VersionFields[T]['1.3'];
type AllAdded<T extends keyof VersionFields> = Added<T, '1.3'>;

/** API version names (the same as the `apiVersion` option). */
export type ApiVersionName = ApiVersion;

/** Make the fields of version `V` required and drop those of later versions. */
type Versioned<R, T extends keyof VersionFields, V extends ApiVersionName> = Omit<R, AllAdded<T>> &
  Required<Pick<R, Extract<keyof R, Added<T, V>>>>;

/**
 * Records exactly as rendered for one API version: `PatchOf<'1.0'>` has no
 * `web_url`, `PatchOf<'1.2'>` has `list_archive_url` and `related`, and so on.
 * (Embedded objects keep their optional version fields.)
 */
export type PatchOf<V extends ApiVersionName> = Versioned<Patch, 'patch', V>;
export type CoverOf<V extends ApiVersionName> = Versioned<Cover, 'cover', V>;
export type CommentOf<V extends Exclude<ApiVersionName, '1.0'>> = Versioned<Comment, 'comment', V>;
export type SeriesOf<V extends ApiVersionName> = Versioned<Series, 'series', V>;
