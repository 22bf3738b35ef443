/**
 * The conversion engine: composes reader → message parser → content splitter
 * → classifier → series assembler → renderer. It is the one place that knows
 * every stage, and it wraps each message in one try/catch, so an unexpected
 * exception becomes an `INTERNAL_ERROR` diagnostic and the run goes on.
 *
 * Records show Patchwork's final state (a person's latest name, a series'
 * name once its cover arrives), so they are rendered as each message is
 * processed, with placeholders for those values, kept in spill-to-disk
 * stores, and completed when the input has been consumed.
 */
import { apiPrefixes } from './classify/subject.js';
import { makeDiagnostic, type Diagnostic, type DiagnosticCode, type MessageLocation } from './diagnostics.js';
import { cleanHeader } from './mime/header-decode.js';
import { firstSubject } from './mime/header-encode.js';
import { parseMessage } from './mime/message.js';
import { parseMail, type Mail, type MailProject } from './mail/parse-mail.js';
import type { RawMessage } from './mbox/types.js';
import type { ProjectConfig, ResolvedOptions } from './options.js';
import { fillPlaceholders, makeContext, projectDetail, type RenderContext } from './render/context.js';
import {
  commentEntry,
  coverDetail,
  embeddedPerson,
  embeddedSeries,
  headersJson,
  patchDetail,
  personDetail,
  seriesDetail,
} from './render/records.js';
import { SeriesAssembler, type Placement } from './series/assembler.js';
import { RecordStore } from './output/store.js';
import { normaliseSpace } from './util/pystr.js';

/** Per-message verdict, as in the conformance cases' `index.json`. */
export type MessageOutcome = 'patch' | 'cover' | 'patch-comment' | 'cover-comment' | 'dropped' | 'duplicate' | 'error';

/** Counts of a run, like Patchwork's `parsearchive` summary. */
export interface Summary {
  messages: number;
  patches: number;
  covers: number;
  comments: number;
  series: number;
  people: number;
  dropped: number;
  duplicates: number;
  errors: number;
}

/** The five record files, as JSON texts in output order. */
export type RecordType = 'patch' | 'cover' | 'comment' | 'series' | 'person';

export interface MessageReport {
  index: number;
  outcome: MessageOutcome;
  msgid?: string;
  id?: number;
}

/** Spec 1.4: the list id in a List-Id style value. */
export function extractListId(value: string): string | null {
  const all = [...value.matchAll(/<([^>]+)>/g)];
  if (all.length > 0) return all[all.length - 1]![1]!;
  return /^\S+$/.test(value) ? value : null;
}

const PROJECT_DEFAULTS: ProjectConfig = {
  id: 1,
  name: '',
  link_name: '',
  list_id: '',
  list_email: '',
  web_url: '',
  scm_url: '',
  webscm_url: '',
  maintainers: [],
  subject_match: '',
  list_archive_url: '',
  list_archive_url_format: '',
  commit_url_format: '',
};

/** Decode a stored name again, as the API's `prefixes` does (spec 7.4). */
function decodeStoredName(s: string): string | null {
  if (!s.includes('=?')) return normaliseSpace(s);
  let latin1 = true;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) latin1 = false;
  if (!latin1) return normaliseSpace(s);
  return cleanHeader({ value: s, eightBit: false });
}

export class Conversion {
  readonly options: ResolvedOptions;
  readonly summary: Summary = {
    messages: 0,
    patches: 0,
    covers: 0,
    comments: 0,
    series: 0,
    people: 0,
    dropped: 0,
    duplicates: 0,
    errors: 0,
  };
  /** Called once per message with its verdict (tests and tools). */
  onMessage: ((report: MessageReport) => void) | undefined;

  #project: ProjectConfig | null = null;
  #mailProject: MailProject | null = null;
  #ctx: RenderContext | null = null;
  #assembler = new SeriesAssembler();
  #patches = new RecordStore();
  #covers = new RecordStore();
  #comments = new RecordStore();
  #index = 0;

  constructor(options: ResolvedOptions) {
    this.options = options;
    if (options.project || options.listId) this.#setProject(null);
  }

  /** The project in use (once known). */
  get project(): ProjectConfig {
    return this.#project ?? this.#setProject(null);
  }

  #setProject(listIdFromInput: string | null): ProjectConfig {
    const o = this.options;
    const p: ProjectConfig = { ...PROJECT_DEFAULTS, ...(o.project ?? {}) } as ProjectConfig;
    for (const k of Object.keys(p) as Array<keyof ProjectConfig>) {
      if (p[k] === null && k !== 'maintainers') (p as unknown as Record<string, unknown>)[k] = '';
    }
    if (o.listId !== undefined) p.list_id = o.listId;
    else if (!o.project?.list_id && listIdFromInput) p.list_id = listIdFromInput;
    if (o.linkName !== undefined) p.link_name = o.linkName;
    else if (!o.project?.link_name && p.list_id) p.link_name = p.list_id.split('.')[0] ?? '';
    if (!o.project?.name) p.name = p.name || p.link_name;
    this.#project = p;
    this.#mailProject = { linkName: p.link_name, listEmail: p.list_email, subjectMatch: p.subject_match };
    this.#ctx = makeContext(o.baseUrl, o.apiVersion, p);
    return p;
  }

  /** Without a configured project, the first List-Id of the input names it. */
  #projectFor(raw: RawMessage): void {
    if (this.#project) return;
    try {
      const msg = parseMessage(raw.bytes, { maxDepth: 1, maxParts: 1, maxHeaderBytes: this.options.maxHeaderBytes });
      for (const name of ['List-Id', 'X-Mailing-List', 'X-list']) {
        const h = msg.get(name);
        const v = h ? cleanHeader(h) : null;
        const id = v ? extractListId(v) : null;
        if (id) {
          this.#setProject(id);
          return;
        }
      }
    } catch {
      // the message itself will report its problem
    }
  }

  /**
   * Process one message; returns the diagnostics it produced (its skip
   * diagnostic when it yields no record, and any warnings).
   */
  message(raw: RawMessage, file: string): Diagnostic[] {
    const index = this.#index++;
    this.summary.messages++;
    const loc: MessageLocation = { file, offset: raw.offset, end: raw.end, messageIndex: index };
    const out: Diagnostic[] = [];
    try {
      this.#message(raw, loc, out);
    } catch (e) {
      const err = e as Error;
      this.summary.errors++;
      out.push(
        makeDiagnostic(loc, 'INTERNAL_ERROR', 'error', 'pipeline', `unexpected failure: ${err?.stack ?? String(e)}`, true),
      );
      this.onMessage?.({ index, outcome: 'error' });
    }
    return out;
  }

  #skip(loc: MessageLocation, out: Diagnostic[], outcome: 'dropped' | 'duplicate' | 'error', code: DiagnosticCode, message: string): void {
    const severity = outcome === 'error' ? 'error' : outcome === 'duplicate' ? 'warning' : 'info';
    const stage = code.startsWith('MAIL_') ? 'mail' : code.startsWith('MBOX_') ? 'mbox' : code.startsWith('SERIES_') ? 'series' : 'classify';
    out.push(makeDiagnostic(loc, code, severity, stage, message, true));
    if (outcome === 'error') this.summary.errors++;
    else if (outcome === 'duplicate') this.summary.duplicates++;
    else this.summary.dropped++;
    const report: MessageReport = { index: loc.messageIndex, outcome };
    if (loc.msgid !== undefined) report.msgid = loc.msgid;
    this.onMessage?.(report);
  }

  #message(raw: RawMessage, loc: MessageLocation, out: Diagnostic[]): void {
    if (raw.fromLine !== null && /[^\x00-\x7f]/.test(raw.fromLine)) {
      this.#skip(loc, out, 'error', 'MBOX_NON_ASCII_FROM_LINE', 'the From_ line holds non-ASCII bytes: Patchwork aborts the whole import here');
      return;
    }
    if (raw.bytes.length > this.options.maxMessageBytes) {
      this.#skip(
        loc,
        out,
        'error',
        'MBOX_MESSAGE_TOO_LARGE',
        `message of ${raw.bytes.length} bytes exceeds maxMessageBytes (${this.options.maxMessageBytes})`,
      );
      return;
    }
    this.#projectFor(raw);
    if (!this.#project) this.#setProject(null);
    const o = this.options;
    const res = parseMail(raw.bytes, raw.fromLine, this.#mailProject!, {
      maxMimeDepth: o.maxMimeDepth,
      maxParts: o.maxParts,
      maxHeaderBytes: o.maxHeaderBytes,
      maxReferences: o.maxReferences,
    });
    if (res.kind === 'skip' && res.msgid !== undefined) loc.msgid = res.msgid;
    if (res.kind === 'mail') loc.msgid = res.mail.msgid;
    for (const n of res.notes) out.push(makeDiagnostic(loc, n.code, n.severity, 'mail', n.message));
    if (res.kind === 'skip') {
      this.#skip(loc, out, res.outcome, res.code, res.message);
      return;
    }
    const mail = res.mail;
    const placement = this.#assembler.add({
      msgid: mail.msgid,
      fullName: mail.fullName,
      name: mail.name,
      isComment: mail.isComment,
      x: mail.x,
      n: mail.n,
      version: mail.version,
      refs: mail.refs,
      date: mail.date,
      hasDiff: !!mail.diff,
      hasPullUrl: !!mail.pullUrl,
      hashFails: mail.hash === undefined,
      author: mail.author,
    });
    this.#place(placement, mail, loc, out);
  }

  #place(p: Placement, mail: Mail, loc: MessageLocation, out: Diagnostic[]): void {
    const ctx = this.#ctx!;
    switch (p.kind) {
      case 'dropped':
        this.#skip(loc, out, 'dropped', 'CLASSIFY_NO_PARENT', p.reason);
        return;
      case 'duplicate':
        this.#skip(loc, out, 'duplicate', 'CLASSIFY_DUPLICATE', p.reason);
        return;
      case 'error':
        this.#skip(loc, out, 'error', p.code, p.reason);
        return;
      case 'patch': {
        const prefixes = apiPrefixes(mail.name, decodeStoredName);
        this.#patches.add(
          patchDetail(ctx, {
            id: p.id,
            msgid: mail.msgid,
            date: mail.date,
            name: mail.name,
            pullUrl: mail.pullUrl,
            state: mail.state,
            hash: mail.hash ?? null,
            submitter: p.submitter,
            series: p.series,
            headers: headersJson(mail.headers),
            content: mail.content,
            diff: mail.diff,
            prefixes: prefixes ?? [],
          }),
        );
        this.summary.patches++;
        break;
      }
      case 'cover':
        this.#covers.add(
          coverDetail(ctx, {
            id: p.id,
            msgid: mail.msgid,
            date: mail.date,
            name: mail.name,
            submitter: p.submitter,
            series: p.series,
            headers: headersJson(mail.headers),
            content: mail.content,
          }),
        );
        this.summary.covers++;
        break;
      case 'patch-comment':
      case 'cover-comment':
        if (ctx.version >= 11) {
          this.#comments.add(
            commentEntry(ctx, {
              id: p.id,
              parentType: p.kind === 'patch-comment' ? 'patch' : 'cover',
              parentId: p.parent,
              parentMsgid: p.parentMsgid,
              messageIndex: loc.messageIndex,
              msgid: mail.msgid,
              date: mail.date,
              subject: firstSubject(mail.headers),
              submitter: p.submitter,
              content: mail.content,
              headers: headersJson(mail.headers),
              addressed: p.kind === 'patch-comment' && mail.actionRequired ? false : null,
            }),
          );
        }
        this.summary.comments++;
        break;
    }
    this.onMessage?.({ index: loc.messageIndex, outcome: p.kind, msgid: mail.msgid, id: p.id });
  }

  /**
   * The final records, in output order: patches, covers, comments, series,
   * people. Call once, after the last message.
   */
  *records(): Generator<{ type: RecordType; json: string }> {
    if (!this.#project) this.#setProject(null);
    const ctx = this.#ctx!;
    const a = this.#assembler;
    this.summary.series = a.series.length;
    this.summary.people = a.people.length;
    const people = new Map<number, string>();
    const series = new Map<number, string>();
    const person = (id: number): string => {
      let s = people.get(id);
      if (s === undefined) {
        s = embeddedPerson(ctx, a.people[id - 1]!);
        people.set(id, s);
      }
      return s;
    };
    const seriesOf = (id: number): string => {
      let s = series.get(id);
      if (s === undefined) {
        s = embeddedSeries(ctx, a.series[id - 1]!);
        series.set(id, s);
      }
      return s;
    };
    for (const t of this.#patches.records()) yield { type: 'patch', json: fillPlaceholders(t, person, seriesOf) };
    for (const t of this.#covers.records()) yield { type: 'cover', json: fillPlaceholders(t, person, seriesOf) };
    for (const t of this.#comments.records()) yield { type: 'comment', json: fillPlaceholders(t, person, seriesOf) };
    for (const s of a.series) {
      const cover = s.cover === null ? null : a.covers[s.cover - 1]!;
      const patches = s.patches.map((p) => a.patches[p.id - 1]!);
      yield { type: 'series', json: seriesDetail(ctx, s, person(s.submitter), cover, patches) };
    }
    for (const p of a.people) yield { type: 'person', json: personDetail(ctx, p) };
  }

  /** The project detail object (`project.json`). */
  projectJson(): string {
    if (!this.#project) this.#setProject(null);
    return JSON.stringify(projectDetail(this.#ctx!));
  }

  /** Remove temporary files (when a run is abandoned before `records()` is drained). */
  dispose(): void {
    this.#patches.dispose();
    this.#covers.dispose();
    this.#comments.dispose();
  }
}
