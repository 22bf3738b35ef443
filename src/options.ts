/**
 * User options, their defaults, and their validation (done once, at the API edge).
 */
import { availableParallelism } from 'node:os';
import type { FromRule, MboxFormat } from './mbox/types.js';

/** API versions Patchwork v3.2.1 serves. */
export type ApiVersion = '1.0' | '1.1' | '1.2' | '1.3';

/** The project object exactly as `/api/<v>/projects/<id>/` renders it (API 1.3 has every field). */
export interface ProjectConfig {
  id: number;
  url?: string;
  name: string;
  link_name: string;
  list_id: string;
  list_email: string;
  web_url: string;
  scm_url: string;
  webscm_url: string;
  maintainers?: unknown[];
  subject_match: string;
  list_archive_url: string;
  list_archive_url_format: string;
  commit_url_format: string;
}

/** Options of {@link parseMbox} and the CLI. */
export interface Options {
  /** Input dialect. Default: `auto`. */
  format?: MboxFormat;
  /** Which From_ lines separate messages. Default: `bare` (Python `mailbox.mbox`). */
  fromRule?: FromRule;
  /** REST API version whose record shapes are produced. Default: `1.2`. */
  apiVersion?: ApiVersion;
  /** Scheme and host of every absolute URL. Default: `http://localhost`. */
  baseUrl?: string;
  /**
   * The project all mail belongs to. Default: id 1, `list_id`/`link_name`
   * from the first `List-Id` header of the input, other fields empty.
   */
  project?: Partial<ProjectConfig>;
  /** Override the project's list id. Default: from `project` or the input. */
  listId?: string;
  /** Override the project's link name. Default: from `project` or the list id. */
  linkName?: string;
  /** Largest message (bytes) that is parsed; larger ones become a diagnostic. Default: 256 MiB. */
  maxMessageBytes?: number;
  /** Deepest MIME nesting that is walked. Default: 1000. */
  maxMimeDepth?: number;
  /** Most MIME parts walked per message. Default: 10,000. */
  maxParts?: number;
  /** Most header bytes per message. Default: 8 MiB. */
  maxHeaderBytes?: number;
  /** Most references (In-Reply-To + References ids) kept per message. Default: 10,000. */
  maxReferences?: number;
  /**
   * Threads that parse messages: 1 parses on the calling thread; N > 1 adds
   * N - 1 worker threads once the input is large enough to pay for them (the
   * calling thread parses too while they are busy). The output is the same
   * whatever the number. Default: the available cores
   * (`os.availableParallelism()`).
   */
  jobs?: number;
  /**
   * Input bytes parsed on the calling thread before worker threads are
   * started (below this they cost more than they give); input files at
   * least this large start them with the first message. Either way the
   * calling thread goes on parsing until one has loaded. 0 starts them at
   * once and sends every message to them. Default: 32 MiB.
   */
  workerThreshold?: number;
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  format: MboxFormat;
  fromRule: FromRule;
  apiVersion: ApiVersion;
  baseUrl: string;
  project: Partial<ProjectConfig> | undefined;
  listId: string | undefined;
  linkName: string | undefined;
  maxMessageBytes: number;
  maxMimeDepth: number;
  maxParts: number;
  maxHeaderBytes: number;
  maxReferences: number;
  jobs: number;
  workerThreshold: number;
}

export const DEFAULT_OPTIONS: ResolvedOptions = {
  format: 'auto',
  fromRule: 'bare',
  apiVersion: '1.2',
  baseUrl: 'http://localhost',
  project: undefined,
  listId: undefined,
  linkName: undefined,
  // Large enough for any real patch mail (lore's biggest are tens of MB).
  maxMessageBytes: 256 * 1024 * 1024,
  // Python's parser recurses per nesting level and fails at about 980 levels.
  maxMimeDepth: 1000,
  maxParts: 10_000,
  maxHeaderBytes: 8 * 1024 * 1024,
  maxReferences: 10_000,
  jobs: availableParallelism(),
  workerThreshold: 32 * 1024 * 1024,
};

export const FORMATS: readonly MboxFormat[] = ['auto', 'mboxo', 'mboxrd', 'mboxcl2', 'mboxcl', 'eml'];
export const FROM_RULES: readonly FromRule[] = ['bare', 'strict'];
export const API_VERSIONS: readonly ApiVersion[] = ['1.0', '1.1', '1.2', '1.3'];

/** A bad option: thrown by {@link normalizeOptions}, never for bad input data. */
export class OptionError extends Error {
  readonly code = 'INVALID_OPTION';
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`Invalid option ${option}: expected ${expected}, got ${describe(value)}`);
    this.name = 'OptionError';
  }
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'undefined';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function oneOf<T>(name: string, v: unknown, allowed: readonly T[], dflt: T): T {
  if (v === undefined) return dflt;
  if (!allowed.includes(v as T)) throw new OptionError(name, v, `one of ${allowed.join(', ')}`);
  return v as T;
}

function positiveInt(name: string, v: unknown, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) throw new OptionError(name, v, 'a positive integer');
  return v;
}

function nonNegativeInt(name: string, v: unknown, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new OptionError(name, v, 'a non-negative integer');
  return v;
}

function optionalString(name: string, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new OptionError(name, v, 'a string');
  return v;
}

const PROJECT_STRINGS = [
  'name',
  'link_name',
  'list_id',
  'list_email',
  'web_url',
  'scm_url',
  'webscm_url',
  'subject_match',
  'list_archive_url',
  'list_archive_url_format',
  'commit_url_format',
  'url',
] as const;

/** Validate user options once and fill in defaults. Throws {@link OptionError}. */
export function normalizeOptions(options: Options = {}): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw new OptionError('options', options, 'an object');
  const baseUrl = options.baseUrl ?? DEFAULT_OPTIONS.baseUrl;
  if (typeof baseUrl !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+$/i.test(baseUrl.replace(/\/+$/, ''))) {
    throw new OptionError('baseUrl', baseUrl, 'a scheme and host such as "http://patchwork.example.org"');
  }
  let project: Partial<ProjectConfig> | undefined;
  if (options.project !== undefined) {
    const p = options.project;
    if (p === null || typeof p !== 'object' || Array.isArray(p)) throw new OptionError('project', p, 'a project object');
    if (p.id !== undefined && (typeof p.id !== 'number' || !Number.isSafeInteger(p.id) || p.id <= 0)) {
      throw new OptionError('project.id', p.id, 'a positive integer');
    }
    for (const k of PROJECT_STRINGS) {
      const v = (p as Record<string, unknown>)[k];
      if (v !== undefined && v !== null && typeof v !== 'string') throw new OptionError(`project.${k}`, v, 'a string');
    }
    if (p.subject_match) {
      try {
        new RegExp(p.subject_match);
      } catch {
        throw new OptionError('project.subject_match', p.subject_match, 'a regular expression');
      }
    }
    project = p;
  }
  return {
    format: oneOf('format', options.format, FORMATS, DEFAULT_OPTIONS.format),
    fromRule: oneOf('fromRule', options.fromRule, FROM_RULES, DEFAULT_OPTIONS.fromRule),
    apiVersion: oneOf('apiVersion', options.apiVersion, API_VERSIONS, DEFAULT_OPTIONS.apiVersion),
    baseUrl: baseUrl.replace(/\/+$/, ''),
    project,
    listId: optionalString('listId', options.listId),
    linkName: optionalString('linkName', options.linkName),
    maxMessageBytes: positiveInt('maxMessageBytes', options.maxMessageBytes, DEFAULT_OPTIONS.maxMessageBytes),
    maxMimeDepth: positiveInt('maxMimeDepth', options.maxMimeDepth, DEFAULT_OPTIONS.maxMimeDepth),
    maxParts: positiveInt('maxParts', options.maxParts, DEFAULT_OPTIONS.maxParts),
    maxHeaderBytes: positiveInt('maxHeaderBytes', options.maxHeaderBytes, DEFAULT_OPTIONS.maxHeaderBytes),
    maxReferences: positiveInt('maxReferences', options.maxReferences, DEFAULT_OPTIONS.maxReferences),
    jobs: positiveInt('jobs', options.jobs, DEFAULT_OPTIONS.jobs),
    workerThreshold: nonNegativeInt('workerThreshold', options.workerThreshold, DEFAULT_OPTIONS.workerThreshold),
  };
}
