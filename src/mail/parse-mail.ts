/**
 * The per-message half of Patchwork's `parse_mail` (spec 1.3 steps 1–11):
 * everything that depends on one mail alone. Cross-message decisions
 * (classification against what is already stored, series, people) belong to
 * the series assembler.
 */
import { findCommentContent, findPatchContent, storedContent } from '../content/find-content.js';
import { hashDiff } from '../content/hash.js';
import { parsePullRequest } from '../content/pull-request.js';
import { cleanSubject, isCommentSubject, parseSeriesMarker, parseVersion } from '../classify/subject.js';
import { resolveAuthor, type Author } from '../classify/from.js';
import { findTextParts } from '../mime/content.js';
import { parseDateTz, parseFromLineDate } from '../mime/date.js';
import { cleanHeader } from '../mime/header-decode.js';
import { storedHeadersFrom, type StoredHeader, type ValueSource } from '../mime/header-encode.js';
import { parseMessage, type ParsedMessage } from '../mime/message.js';
import type { RawHeader } from '../mime/types.js';
import type { DiagnosticCode } from '../diagnostics.js';
import { truncateCodePoints } from '../util/pystr.js';
import { PyIntLimitError } from '../util/pyunicode.js';

/** The project facts the per-message stage needs. */
export interface MailProject {
  linkName: string;
  listEmail: string;
  subjectMatch: string;
}

/** Limits applied while parsing one message. */
export interface MailLimits {
  maxMimeDepth: number;
  maxParts: number;
  maxHeaderBytes: number;
  maxReferences: number;
}

/** What one mail says, ready for classification. Bodies stay here, not in the assembler. */
export interface Mail {
  msgid: string;
  /** Cleaned subject name, not truncated (Patchwork's cover-name lookup uses it so). */
  fullName: string;
  /** Stored name: `fullName` truncated to 255 code points. */
  name: string;
  isComment: boolean;
  /** Series marker `x/n`, `null` when the subject has none. */
  x: number | null;
  n: number | null;
  version: number;
  refs: string[];
  /** Naive UTC epoch seconds. */
  date: number;
  /** Set when `Date:` was unusable and a deterministic fallback was used. */
  dateFallback?: 'from-line' | 'epoch';
  /** The headers as the API shows them (stored, re-encoded and re-folded; spec 1.9). */
  headers: StoredHeader[];
  /** @internal Where the values of {@link headers} stored verbatim lie in the message bytes. */
  headerSource?: ValueSource;
  content: string;
  diff: string | null;
  /** Patchwork's hash of the diff; `undefined` where computing it fails as it does in Python. */
  hash: string | null | undefined;
  pullUrl: string | null;
  author: Author;
  /** `X-Patchwork-State` slug (`new` by default). */
  state: string;
  /** `X-Patchwork-Action-Required` present. */
  actionRequired: boolean;
}

export type MailResult =
  | { kind: 'mail'; mail: Mail; notes: MailNote[] }
  | { kind: 'skip'; outcome: 'error' | 'dropped'; code: DiagnosticCode; message: string; msgid?: string; notes: MailNote[] };

/** A warning or info about a mail that still produced a result. */
export interface MailNote {
  code: DiagnosticCode;
  severity: 'warning' | 'info';
  message: string;
}

/** Default state names of Patchwork's fixture → API slugs (spec 1.10). */
const STATES: ReadonlyMap<string, string> = new Map([
  ['new', 'new'],
  ['under review', 'under-review'],
  ['accepted', 'accepted'],
  ['rejected', 'rejected'],
  ['rfc', 'rfc'],
  ['not applicable', 'not-applicable'],
  ['changes requested', 'changes-requested'],
  ['awaiting upstream', 'awaiting-upstream'],
  ['superseded', 'superseded'],
  ['deferred', 'deferred'],
]);

const BRACKETED = /<[^>]+>/g;

function clean(h: RawHeader | undefined): string | null {
  return h === undefined ? null : cleanHeader(h);
}

/** Python `str.lower()` on the ASCII letters is enough for these comparisons. */
function asciiLower(s: string): string {
  return s.toLowerCase();
}

/** Spec 1.6: the msgid of a cleaned Message-Id value. */
export function msgidOf(h: string): string {
  const m = /<[^>]+>/.exec(h);
  return truncateCodePoints(m ? m[0] : h.trim(), 255);
}

/** Spec 1.6: In-Reply-To then References, nearest ancestor first. */
export function findReferences(msg: ParsedMessage, max: number): string[] {
  const refs: string[] = [];
  const seen = new Set<string>();
  for (const h of msg.getAll('In-Reply-To')) {
    const v = cleanHeader(h);
    if (!v) continue;
    const m = /<[^>]+>/.exec(v);
    const ref = m ? m[0] : v.trim();
    refs.push(ref);
    seen.add(ref);
    if (refs.length >= max) return refs;
  }
  for (const h of msg.getAll('References')) {
    const v = cleanHeader(h);
    if (!v) continue;
    const ids = v.match(BRACKETED);
    if (!ids) continue;
    for (let i = ids.length - 1; i >= 0; i--) {
      const ref = ids[i]!;
      if (seen.has(ref)) continue;
      seen.add(ref);
      refs.push(ref);
      if (refs.length >= max) return refs;
    }
  }
  return refs;
}

/** Project selection with `--list-id` given (spec 1.4): only `subject_match` can reject. */
function projectAccepts(project: MailProject, msg: ParsedMessage): boolean {
  if (!project.subjectMatch) return true;
  const subject = clean(msg.get('Subject')) ?? '';
  try {
    return pythonSearch(project.subjectMatch, subject);
  } catch {
    return false;
  }
}

const regexCache = new Map<string, RegExp>();
/** `re.search(pattern, s, re.IGNORECASE | re.MULTILINE)` for the common pattern subset. */
function pythonSearch(pattern: string, s: string): boolean {
  let re = regexCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'imu');
    regexCache.set(pattern, re);
  }
  return re.test(s);
}

/**
 * Parse one mail's bytes into the facts Patchwork derives from it alone.
 *
 * Never throws for bad input: Patchwork's `ValueError`s come back as
 * `{ kind: 'skip', outcome: 'error' }`, its silent drops as `outcome: 'dropped'`.
 */
export function parseMail(
  bytes: Uint8Array,
  fromLine: string | null,
  project: MailProject,
  limits: MailLimits,
): MailResult {
  try {
    return parseMailInner(bytes, fromLine, project, limits);
  } catch (e) {
    // Python's int() refuses numbers of more than 4300 digits; in a hunk
    // header or a series marker Patchwork does not catch that.
    if (e instanceof PyIntLimitError) {
      return { kind: 'skip', outcome: 'error', code: 'MAIL_PY_INT_LIMIT', message: e.message, notes: [] };
    }
    throw e;
  }
}

function parseMailInner(
  bytes: Uint8Array,
  fromLine: string | null,
  project: MailProject,
  limits: MailLimits,
): MailResult {
  const notes: MailNote[] = [];
  const msg = parseMessage(bytes, { maxDepth: limits.maxMimeDepth, maxParts: limits.maxParts, maxHeaderBytes: limits.maxHeaderBytes });
  const skip = (outcome: 'error' | 'dropped', code: DiagnosticCode, message: string, msgid?: string): MailResult =>
    msgid === undefined ? { kind: 'skip', outcome, code, message, notes } : { kind: 'skip', outcome, code, message, msgid, notes };

  if (msg.limitExceeded) {
    // Python's parser recurses per MIME level and fails on deep nesting;
    // past our limits the mail is reported rather than half-read.
    const { limit, value } = msg.limitExceeded;
    return skip('error', 'MAIL_LIMIT_EXCEEDED', `${limit} exceeded (${value}): the message was not parsed`);
  }
  if (msg.pythonError) {
    // Mixed RFC 2231 boundary parameters make Python's parser itself raise,
    // which aborts a whole Patchwork import; here only this mail fails.
    return skip('error', 'MAIL_PYTHON_EXCEPTION', `Python's email parser raises ${msg.pythonError.raises} on this message's MIME parameters`);
  }
  // 1. mandatory headers (presence only)
  if (!msg.has('From')) return skip('error', 'MAIL_MISSING_FROM', "Missing 'From' header");
  if (!msg.has('Subject')) return skip('error', 'MAIL_MISSING_SUBJECT', "Missing 'Subject' header");
  if (!msg.has('Message-Id')) return skip('error', 'MAIL_MISSING_MESSAGE_ID', "Missing 'Message-Id' header");

  // 2. X-Patchwork-Hint: ignore
  const hint = clean(msg.get('X-Patchwork-Hint'));
  if (hint !== null && asciiLower(hint) === 'ignore') {
    return skip('dropped', 'CLASSIFY_HINT_IGNORE', 'X-Patchwork-Hint: ignore');
  }
  // 3. project
  if (!projectAccepts(project, msg)) {
    return skip('dropped', 'CLASSIFY_NO_PROJECT', "no project matched: the Subject does not match the project's subject_match");
  }
  // 4. msgid
  const rawId = clean(msg.get('Message-Id'));
  if (!rawId) return skip('error', 'MAIL_INVALID_MESSAGE_ID', "Invalid 'Message-Id' header");
  const msgid = msgidOf(rawId);

  // 5.–7. subject
  const subject = clean(msg.get('Subject'));
  if (subject === null) return skip('error', 'MAIL_INVALID_SUBJECT', "Invalid 'Subject' header", msgid);
  const { name: fullName, prefixes } = cleanSubject(subject, [project.linkName]);
  const isComment = isCommentSubject(subject);
  const { x, n } = parseSeriesMarker(prefixes);
  const version = parseVersion(prefixes, fullName);

  // 8. refs, date, stored headers
  const refs = findReferences(msg, limits.maxReferences);
  let date: number | null = null;
  const dateHeader = clean(msg.get('Date'));
  if (dateHeader) date = parseDateTz(dateHeader);
  let dateFallback: Mail['dateFallback'];
  if (date === null) {
    const fromDate = fromLine === null ? null : parseFromLineDate(fromLine);
    dateFallback = fromDate === null ? 'epoch' : 'from-line';
    date = fromDate ?? 0;
    notes.push({
      code: 'MAIL_DATE_FALLBACK',
      severity: 'warning',
      message:
        (dateHeader ? `unusable Date ${JSON.stringify(dateHeader.slice(0, 80))}` : 'no usable Date header') +
        (dateFallback === 'from-line' ? ': using the From_ line timestamp' : ': using the Unix epoch'),
    });
  }
  const stored = storedHeadersFrom(msg.headers, { bytes: msg.bytes, spans: msg.valueSpans });
  const headers = stored.headers;

  // 9. content
  const parts = findTextParts(msg);
  if ('error' in parts) {
    return parts.error === 'NON_TEXT_CODEC'
      ? skip('error', 'MAIL_NON_TEXT_CODEC', `charset ${JSON.stringify(parts.charset)} names a codec that is not a text encoding`, msgid)
      : skip('error', 'MAIL_PYTHON_EXCEPTION', `Python raises ${parts.raises} reading the charset of part ${parts.partIndex}`, msgid);
  }
  let diff: string | null = null;
  let message: string;
  if (isComment) message = findCommentContent(parts.parts).message;
  else ({ diff, message } = findPatchContent(parts.parts));

  // 10. nothing at all
  if (!diff && !message) return skip('dropped', 'CLASSIFY_NO_CONTENT', 'no content: no diff and an empty message body', msgid);

  // 11. pull request
  const pullUrl = parsePullRequest(message);

  const author = resolveAuthor(
    clean(msg.get('From')),
    project.listEmail,
    () => clean(msg.get('X-Original-From')),
    () => msg.getAll('Reply-To').map((h) => cleanHeader(h)),
    () => msg.getAll('Cc').map((h) => cleanHeader(h)),
  );
  const stateName = clean(msg.get('X-Patchwork-State'));
  const state = (stateName && STATES.get(stateName.toLowerCase())) || 'new';

  const mail: Mail = {
    msgid,
    fullName,
    name: truncateCodePoints(fullName, 255),
    isComment,
    x,
    n,
    version,
    refs,
    date,
    headers,
    headerSource: stored.source,
    content: storedContent(message),
    diff,
    hash: diffHash(diff),
    pullUrl,
    author,
    state,
    actionRequired: msg.has('X-Patchwork-Action-Required'),
  };
  if (dateFallback) mail.dateFallback = dateFallback;
  return { kind: 'mail', mail, notes };
}

/** The hash Patchwork stores; `undefined` where Python's int() limit makes saving fail. */
function diffHash(diff: string | null): string | null | undefined {
  if (diff === null) return null;
  try {
    return hashDiff(diff);
  } catch (e) {
    if (e instanceof PyIntLimitError) return undefined;
    throw e;
  }
}
