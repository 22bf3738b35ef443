/**
 * The only cross-message state: what a fresh Patchwork database would hold
 * after receiving the mails in order — people, patches, cover letters,
 * comments, series and series references — reduced to the metadata that
 * classification and grouping need (no bodies).
 *
 * Ported rules: Patchwork's `parse_mail` classification (spec 3.5),
 * `find_series` / series assignment (4.1–4.4), `get_or_create_author` (1.7).
 * Known Patchwork grouping bugs are reproduced on purpose (spec 4.7).
 */
import type { Author } from '../classify/from.js';
import { coverSeriesName } from '../classify/subject.js';
import { detach } from '../util/pystr.js';

/** Everything the assembler needs to know about one mail. */
export interface MailMeta {
  msgid: string;
  fullName: string;
  name: string;
  isComment: boolean;
  x: number | null;
  n: number | null;
  version: number;
  refs: readonly string[];
  date: number;
  hasDiff: boolean;
  hasPullUrl: boolean;
  /** Saving the patch fails in Patchwork (its hash cannot be computed). */
  hashFails: boolean;
  author: Author;
}

export interface PersonRow {
  id: number;
  name: string | null;
  email: string;
}

export interface SeriesRow {
  id: number;
  name: string | null;
  date: number;
  submitter: number;
  version: number;
  total: number;
  cover: number | null;
  /** Patch ids with their numbers, in arrival order. */
  patches: Array<{ id: number; number: number }>;
  numbers: Set<number>;
}

export interface PatchRow {
  id: number;
  msgid: string;
  name: string;
  date: number;
  series: number | null;
  number: number | null;
}

export interface CoverRow {
  id: number;
  msgid: string;
  name: string;
  date: number;
  series: number | null;
}

/** What became of one mail. */
export type Placement =
  | { kind: 'patch'; id: number; submitter: number; series: number | null; number: number | null }
  | { kind: 'cover'; id: number; submitter: number; series: number | null }
  | { kind: 'patch-comment'; id: number; submitter: number; parent: number; parentMsgid: string }
  | { kind: 'cover-comment'; id: number; submitter: number; parent: number; parentMsgid: string }
  | { kind: 'dropped'; reason: string }
  | { kind: 'duplicate'; reason: string }
  | {
      kind: 'error';
      code: 'MAIL_INVALID_FROM' | 'CLASSIFY_DMARC_CRASH' | 'SERIES_COVER_COMMENT_CONFLICT' | 'MAIL_PY_INT_LIMIT';
      reason: string;
    };

/** Spec 4.1: the unthreaded window, ±20 minutes around the series date, inclusive. */
export const SERIES_WINDOW_SECONDS = 20 * 60;

/** SQLite's `iexact` folds ASCII letters only (spec 11). */
function emailKey(email: string): string {
  return email.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

export class SeriesAssembler {
  readonly people: PersonRow[] = [];
  readonly series: SeriesRow[] = [];
  readonly patches: PatchRow[] = [];
  readonly covers: CoverRow[] = [];
  #patchComments = 0;
  #coverComments = 0;

  #peopleByEmail = new Map<string, PersonRow>();
  #patchByMsgid = new Map<string, PatchRow>();
  #coverByMsgid = new Map<string, CoverRow>();
  #coverNames = new Map<string, number>();
  /** msgid → the comments with that msgid (parents, and the one with the latest date). */
  #patchCommentByMsgid = new CommentIndex();
  #coverCommentByMsgid = new CommentIndex();
  #seriesRefs = new Map<string, number>();
  /** (submitter, version, total) → series sorted by date, for the unthreaded marker search. */
  #seriesByMarkers = new Map<string, SeriesRow[]>();

  /** Classify and file one mail, as Patchwork's `parse_mail` would. */
  add(meta: MailMeta): Placement {
    // Everything kept for the rest of the run is copied out of the message text.
    const name = detach(meta.name);
    const m: MailMeta = { ...meta, msgid: detach(meta.msgid), name, fullName: meta.fullName === meta.name ? name : meta.fullName };
    // 1. patch
    if (!m.isComment && (m.hasDiff || m.hasPullUrl)) return this.#addPatch(m);
    // 2. cover letter
    if (m.x === 0 && !m.isComment) {
      const isCover = m.refs.length === 0 || !this.#coverNames.has(m.fullName);
      if (isCover) return this.#addCover(m);
    }
    // 3. comment on a patch, then on a cover
    return this.#addComment(m);
  }

  /** `get_or_create_author`: lookup by e-mail, latest non-empty name wins. */
  #author(m: MailMeta): PersonRow | Placement {
    const a = m.author;
    if ('error' in a) {
      return {
        kind: 'error',
        code: a.error === 'INVALID_FROM' ? 'MAIL_INVALID_FROM' : 'CLASSIFY_DMARC_CRASH',
        reason: a.message,
      };
    }
    const key = detach(emailKey(a.email));
    let p = this.#peopleByEmail.get(key);
    if (p) {
      if (a.name && a.name !== p.name) p.name = detach(a.name);
    } else {
      p = { id: this.people.length + 1, name: a.name === null ? null : detach(a.name), email: detach(a.email) };
      this.people.push(p);
      this.#peopleByEmail.set(key, p);
    }
    return p;
  }

  #addPatch(m: MailMeta): Placement {
    const author = this.#author(m);
    if ('kind' in author) return author;
    if (this.#patchByMsgid.has(m.msgid)) return { kind: 'duplicate', reason: `Duplicate mail for message ID ${m.msgid}` };
    if (m.hashFails) {
      return { kind: 'error', code: 'MAIL_PY_INT_LIMIT', reason: 'a hunk header number exceeds the 4300 digits Python converts' };
    }
    const patch: PatchRow = { id: this.patches.length + 1, msgid: m.msgid, name: m.name, date: m.date, series: null, number: null };
    this.patches.push(patch);
    this.#patchByMsgid.set(m.msgid, patch);

    let x = m.x;
    let n = m.n;
    let series: SeriesRow | null = null;
    if (n === null) {
      // unnumbered: always a new single-patch series
      x = 1;
      n = 1;
    } else series = this.#findSeries(m, author.id, x!);
    if (series === null || series.numbers.has(x!)) {
      series = this.#newSeries(m.date, author.id, m.version, n);
      for (const ref of m.refs) this.#addRef(ref, series.id);
      this.#addRef(m.msgid, series.id);
    }
    if (x !== 0) {
      if (!series.name && x === 1) series.name = patch.name;
      series.patches.push({ id: patch.id, number: x! });
      series.numbers.add(x!);
      patch.series = series.id;
      patch.number = x;
    }
    return { kind: 'patch', id: patch.id, submitter: author.id, series: patch.series, number: patch.number };
  }

  /** Spec 4.1/4.2: by reference first, then by markers within the window. */
  #findSeries(m: MailMeta, submitter: number, x: number): SeriesRow | null {
    const own = this.#seriesRefs.get(m.msgid.slice(0, 255));
    if (own !== undefined) return this.series[own - 1]!;
    for (const ref of m.refs) {
      const id = this.#seriesRefs.get(ref.slice(0, 255));
      if (id !== undefined) return this.series[id - 1]!;
    }
    const list = this.#seriesByMarkers.get(`${submitter}\0${m.version}\0${m.n}`);
    if (!list) return null;
    const candidates: SeriesRow[] = [];
    // binary search for the window start; the list is sorted by date
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.date < m.date - SERIES_WINDOW_SECONDS) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < list.length && list[i]!.date <= m.date + SERIES_WINDOW_SECONDS; i++) candidates.push(list[i]!);
    if (candidates.length === 0) return null;
    if (candidates.length === 1) return candidates[0]!;
    // Several: newest series date first (equal dates: lowest id, SQLite's
    // order), the first without a patch numbered x; if all have one, none.
    candidates.sort((a, b) => b.date - a.date || a.id - b.id);
    for (const s of candidates) if (!s.numbers.has(x)) return s;
    return null;
  }

  #newSeries(date: number, submitter: number, version: number, total: number): SeriesRow {
    const s: SeriesRow = {
      id: this.series.length + 1,
      name: null,
      date,
      submitter,
      version,
      total,
      cover: null,
      patches: [],
      numbers: new Set(),
    };
    this.series.push(s);
    const key = `${submitter}\0${version}\0${total}`;
    const list = this.#seriesByMarkers.get(key);
    if (!list) this.#seriesByMarkers.set(key, [s]);
    else {
      // keep the list sorted by date (mail mostly arrives in date order: append)
      let i = list.length;
      while (i > 0 && list[i - 1]!.date > date) i--;
      list.splice(i, 0, s);
    }
    return s;
  }

  /** A series reference is never moved once it exists. */
  #addRef(ref: string, series: number): void {
    const key = ref.slice(0, 255);
    if (!this.#seriesRefs.has(key)) this.#seriesRefs.set(detach(key), series);
  }

  #addCover(m: MailMeta): Placement {
    const author = this.#author(m);
    if ('kind' in author) return author;
    let series: SeriesRow | null = null;
    const ref = this.#seriesRefs.get(m.msgid.slice(0, 255));
    if (ref !== undefined) series = this.series[ref - 1]!;
    else {
      series = this.#newSeries(m.date, author.id, m.version, m.n!);
      this.#addRef(m.msgid, series.id);
    }
    // the series exists even when the cover turns out to be a duplicate
    if (this.#coverByMsgid.has(m.msgid)) return { kind: 'duplicate', reason: `Duplicate mail for message ID ${m.msgid}` };
    const cover: CoverRow = { id: this.covers.length + 1, msgid: m.msgid, name: m.name, date: m.date, series: null };
    this.covers.push(cover);
    this.#coverByMsgid.set(m.msgid, cover);
    this.#coverNames.set(m.name, (this.#coverNames.get(m.name) ?? 0) + 1);
    if (series.cover === null) {
      series.cover = cover.id;
      cover.series = series.id;
      const patch1 = series.patches.find((p) => p.number === 1);
      const patch1Name = patch1 ? this.patches[patch1.id - 1]!.name : undefined;
      if (!series.name || series.name === patch1Name) series.name = coverSeriesName(cover.name);
    }
    return { kind: 'cover', id: cover.id, submitter: author.id, series: cover.series };
  }

  #addComment(m: MailMeta): Placement {
    for (const ref of m.refs) {
      const key = ref.slice(0, 255);
      const patch = this.#patchByMsgid.get(key);
      let parent = patch?.id;
      if (parent === undefined) parent = this.#patchCommentByMsgid.latest(key);
      if (parent === undefined) continue;
      const author = this.#author(m);
      if ('kind' in author) return author;
      if (this.#patchCommentByMsgid.has(m.msgid, parent)) {
        return { kind: 'duplicate', reason: `Duplicate mail for message ID ${m.msgid}` };
      }
      this.#patchCommentByMsgid.add(m.msgid, parent, m.date);
      const p = this.patches[parent - 1]!;
      return { kind: 'patch-comment', id: ++this.#patchComments, submitter: author.id, parent, parentMsgid: p.msgid };
    }
    for (const ref of m.refs) {
      const key = ref.slice(0, 255);
      const cover = this.#coverByMsgid.get(key);
      let parent = cover?.id;
      if (parent === undefined) {
        if (this.#coverCommentByMsgid.count(key) > 1) {
          return {
            kind: 'error',
            code: 'SERIES_COVER_COMMENT_CONFLICT',
            reason: `two cover comments share the Message-Id ${key}: Patchwork fails on this mail`,
          };
        }
        parent = this.#coverCommentByMsgid.latest(key);
      }
      if (parent === undefined) continue;
      const author = this.#author(m);
      if ('kind' in author) return author;
      if (this.#coverCommentByMsgid.has(m.msgid, parent)) {
        return { kind: 'duplicate', reason: `Duplicate mail for message ID ${m.msgid}` };
      }
      this.#coverCommentByMsgid.add(m.msgid, parent, m.date);
      const c = this.covers[parent - 1]!;
      return { kind: 'cover-comment', id: ++this.#coverComments, submitter: author.id, parent, parentMsgid: c.msgid };
    }
    return {
      kind: 'dropped',
      reason: m.isComment
        ? 'comment without parent: a reply none of whose references is a known patch or cover letter'
        : m.x === 0
          ? 'comment without parent: 0/N marker with references, a cover letter of that name exists, and no reference is known'
          : 'comment without parent: no diff and no pull request (not a patch), and no reference is known',
    };
  }

}

/** Several comments stored under one Message-Id. */
interface SharedMsgid {
  /** Their parents: a few, or (when a Message-Id is reused on many patches) a set. */
  parents: number[] | Set<number>;
  count: number;
  /** Parent of the comment with the latest date (`.latest('date')`; the first of equals). */
  latest: number;
  latestDate: number;
}

/**
 * The comments of one kind by Message-Id. There is an entry per comment of the run, so the
 * usual case, one comment per Message-Id, is a number in the map (an index into the parent
 * and date arrays) rather than an object; a Message-Id on several parents gets an object.
 */
class CommentIndex {
  readonly #map = new Map<string, number | SharedMsgid>();
  readonly #parent: number[] = [];
  readonly #date: number[] = [];

  /** Parent of the latest-dated comment with this msgid. */
  latest(msgid: string): number | undefined {
    const e = this.#map.get(msgid);
    if (e === undefined) return undefined;
    return typeof e === 'number' ? this.#parent[e] : e.latest;
  }

  count(msgid: string): number {
    const e = this.#map.get(msgid);
    return e === undefined ? 0 : typeof e === 'number' ? 1 : e.count;
  }

  has(msgid: string, parent: number): boolean {
    const e = this.#map.get(msgid);
    if (e === undefined) return false;
    if (typeof e === 'number') return this.#parent[e] === parent;
    return Array.isArray(e.parents) ? e.parents.includes(parent) : e.parents.has(parent);
  }

  /** File a comment (its msgid is not yet stored on this parent). */
  add(msgid: string, parent: number, date: number): void {
    const e = this.#map.get(msgid);
    if (e === undefined) {
      this.#map.set(msgid, this.#parent.length);
      this.#parent.push(parent);
      this.#date.push(date);
      return;
    }
    let shared: SharedMsgid;
    if (typeof e === 'number') {
      shared = { parents: [this.#parent[e]!], count: 1, latest: this.#parent[e]!, latestDate: this.#date[e]! };
      this.#map.set(msgid, shared);
    } else shared = e;
    const p = shared.parents;
    if (!Array.isArray(p)) p.add(parent);
    else if (p.length < 8) p.push(parent);
    else shared.parents = new Set([...p, parent]);
    shared.count++;
    if (date > shared.latestDate) {
      shared.latest = parent;
      shared.latestDate = date;
    }
  }
}
