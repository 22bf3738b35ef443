/**
 * The conversion engine's stateful half: it takes each message's prepared
 * form (`prepare.ts`: parsed, pieces rendered; on this thread or in a
 * worker) in input order, classifies it with the series assembler and
 * renders its record around the pieces. It is the one place that knows every
 * stage, and it wraps each message in one try/catch, so an unexpected
 * exception becomes an `INTERNAL_ERROR` diagnostic and the run goes on.
 *
 * Records show Patchwork's final state (a person's latest name, a series'
 * name once its cover arrives), so they are rendered as each message is
 * processed, with holes for those values, kept in spill-to-disk stores, and
 * completed when the input has been consumed.
 */
import { makeDiagnostic, type Diagnostic, type DiagnosticCode, type MessageLocation } from './diagnostics.js';
import { cleanHeader } from './mime/header-decode.js';
import { parseMessage } from './mime/message.js';
import type { MailProject } from './mail/parse-mail.js';
import type { RawMessage } from './mbox/types.js';
import type { ProjectConfig, ResolvedOptions } from './options.js';
import { fillHoles, RecordStore, type HoleTag } from './output/store.js';
import { precheck, prepareMessage, type PrepareEnv, type Prepared, type PreparedMail } from './prepare.js';
import { makeContext, projectDetail, type RenderContext } from './render/context.js';
import { embeddedPerson, embeddedSeries, personDetail, seriesDetail, writeComment, writeCover, writePatch } from './render/records.js';
import { SeriesAssembler, type Placement } from './series/assembler.js';
import { ByteBuilder } from './util/bytes.js';

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

/** A record as the output takes it: JSON text, or its UTF-8 bytes (a view valid until the next record). */
export interface RecordOut {
  type: RecordType;
  json: Uint8Array | string;
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
  #env: PrepareEnv | null = null;
  #ctx: RenderContext | null = null;
  #assembler = new SeriesAssembler();
  #patches: RecordStore;
  #covers: RecordStore;
  #comments: RecordStore;
  #index = 0;
  /** Pieces of messages prepared on this thread. */
  #arena = new ByteBuilder();

  /**
   * `syncWrites`: records spilled to disk are written before each call returns (for
   * synchronous runs); otherwise in the background, and the caller awaits {@link settled}
   * when {@link busy} says so, and `settled(0)` before {@link records}.
   */
  constructor(options: ResolvedOptions, syncWrites = false) {
    this.options = options;
    this.#patches = new RecordStore(undefined, syncWrites);
    this.#covers = new RecordStore(undefined, syncWrites);
    this.#comments = new RecordStore(undefined, syncWrites);
    if (options.project || options.listId) this.#setProject(null);
  }

  /** Whether background writes of spilled records are piling up. */
  get busy(): boolean {
    return this.#patches.busy || this.#covers.busy || this.#comments.busy;
  }

  /** Resolves when at most `max` background writes per store are pending (0: all done). */
  async settled(max?: number): Promise<void> {
    await Promise.all([this.#patches.settled(max), this.#covers.settled(max), this.#comments.settled(max)]);
  }

  /** The project in use (once known). */
  get project(): ProjectConfig {
    return this.#project ?? this.#setProject(null);
  }

  /** Whether the project still waits for the first message's List-Id ({@link detectProject}). */
  get needsProject(): boolean {
    return this.#project === null;
  }

  /** What the per-message stage needs; fixed once the project is known. */
  get env(): PrepareEnv {
    if (this.#env === null) this.#setProject(null);
    return this.#env!;
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
    const project: MailProject = { linkName: p.link_name, listEmail: p.list_email, subjectMatch: p.subject_match };
    this.#env = {
      project,
      limits: { maxMimeDepth: o.maxMimeDepth, maxParts: o.maxParts, maxHeaderBytes: o.maxHeaderBytes, maxReferences: o.maxReferences },
      maxMessageBytes: o.maxMessageBytes,
    };
    this.#ctx = makeContext(o.baseUrl, o.apiVersion, p);
    return p;
  }

  /**
   * Without a configured project, the first message that gets parsed names it
   * by its List-Id (or, without one, nothing does). Messages failing the
   * {@link precheck} are never parsed, so they leave it open.
   */
  detectProject(raw: RawMessage): void {
    if (this.#project) return;
    if (precheck(raw.bytes, raw.fromLine, this.options.maxMessageBytes) !== null) return;
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
    this.#setProject(null);
  }

  /**
   * Process one message on this thread; returns the diagnostics it produced
   * (its skip diagnostic when it yields no record, and any warnings).
   */
  message(raw: RawMessage, file: string): Diagnostic[] {
    const arena = this.#arena;
    arena.reset();
    let prepared: Prepared | Error | null = precheck(raw.bytes, raw.fromLine, this.options.maxMessageBytes);
    if (prepared === null) {
      if (this.#project === null) this.detectProject(raw);
      try {
        prepared = prepareMessage(raw.bytes, raw.fromLine, this.env, arena);
      } catch (e) {
        prepared = e instanceof Error ? e : new Error(String(e));
      }
    }
    return this.accept(prepared, arena.buf, raw, file);
  }

  /**
   * Take the next message, prepared (its pieces in `arena`), or the error its
   * preparation threw; returns its diagnostics.
   */
  accept(prepared: Prepared | Error, arena: Buffer, raw: Pick<RawMessage, 'offset' | 'end'>, file: string): Diagnostic[] {
    const index = this.#index++;
    this.summary.messages++;
    const loc: MessageLocation = { file, offset: raw.offset, end: raw.end, messageIndex: index };
    const out: Diagnostic[] = [];
    try {
      if (prepared instanceof Error) throw prepared;
      this.#accept(prepared, arena, loc, out);
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

  #accept(prep: Prepared, arena: Buffer, loc: MessageLocation, out: Diagnostic[]): void {
    if (prep.kind === 'skip' && prep.msgid !== undefined) loc.msgid = prep.msgid;
    if (prep.kind === 'mail') loc.msgid = prep.msgid;
    for (const n of prep.notes) out.push(makeDiagnostic(loc, n.code, n.severity, 'mail', n.message));
    if (prep.kind === 'skip') {
      this.#skip(loc, out, prep.outcome, prep.code, prep.message);
      return;
    }
    this.#place(this.#assembler.add(prep), prep, arena, loc, out);
  }

  #place(p: Placement, mail: PreparedMail, arena: Buffer, loc: MessageLocation, out: Diagnostic[]): void {
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
      case 'patch':
        writePatch(this.#patches.out, ctx, p, mail, arena);
        this.#patches.end();
        this.summary.patches++;
        break;
      case 'cover':
        writeCover(this.#covers.out, ctx, p, mail, arena);
        this.#covers.end();
        this.summary.covers++;
        break;
      case 'patch-comment':
      case 'cover-comment':
        if (ctx.version >= 11) {
          const parent = { type: p.kind === 'patch-comment' ? 'patch' : 'cover', id: p.parent, msgid: p.parentMsgid } as const;
          writeComment(this.#comments.out, ctx, p.id, p.submitter, parent, loc.messageIndex, mail, arena);
          this.#comments.end();
        }
        this.summary.comments++;
        break;
    }
    this.onMessage?.({ index: loc.messageIndex, outcome: p.kind, msgid: mail.msgid, id: p.id });
  }

  /**
   * The final records, in output order: patches, covers, comments, series,
   * people. Call once, after the last message. Patch, cover and comment
   * records come as bytes that are only valid until the next one is requested.
   */
  *records(): Generator<RecordOut> {
    if (!this.#project) this.#setProject(null);
    const ctx = this.#ctx!;
    const a = this.#assembler;
    this.summary.series = a.series.length;
    this.summary.people = a.people.length;
    const people = new Map<number, Buffer>();
    const series = new Map<number, Buffer>();
    const person = (id: number): string => embeddedPerson(ctx, a.people[id - 1]!);
    const fill = (tag: HoleTag, id: number | null): Buffer => {
      if (tag === 'P') {
        let b = people.get(id!);
        if (b === undefined) people.set(id!, (b = Buffer.from(person(id!))));
        return b;
      }
      if (id === null) return EMPTY_LIST;
      let b = series.get(id);
      if (b === undefined) series.set(id, (b = Buffer.from(`[${embeddedSeries(ctx, a.series[id - 1]!)}]`)));
      return b;
    };
    const scratch = new ByteBuilder();
    for (const r of this.#patches.records()) yield { type: 'patch', json: fillHoles(r, scratch, fill) };
    for (const r of this.#covers.records()) yield { type: 'cover', json: fillHoles(r, scratch, fill) };
    for (const r of this.#comments.records()) yield { type: 'comment', json: fillHoles(r, scratch, fill) };
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

const EMPTY_LIST = Buffer.from('[]');
