/**
 * The submitter of a mail (spec 1.7): Patchwork's `split_from_header` with
 * its e-mail check, and `get_or_create_author` up to the Person lookup,
 * DMARC un-munging (`get_original_sender`) included.
 *
 * Patchwork's From patterns are lazy `.*?` regexes which a backtracking
 * engine runs in quadratic time on hostile headers (many `<` without `>`),
 * so they are computed by scans that give the same groups as Python's
 * matching order. Inputs are `clean_header`ed values; `.` in Patchwork's
 * patterns excludes `\n` only and `\s` is Python whitespace.
 */

import { isPySpace, pyStrip, truncateCodePoints } from '../util/pystr.js';
import { NOT_LATE_WORD } from '../util/pyunicode.js';

/** Name and e-mail as {@link splitFromHeader} finds them. */
export interface FromParts {
  /** The display name (`""` for a bare `<addr>`), or null when no pattern gave one. */
  readonly name: string | null;
  /** The address as captured (not stripped), or null when it fails the e-mail check. */
  readonly email: string | null;
}

/** Why no submitter could be made: Patchwork raises for these. */
export type AuthorError =
  /** `From` missing, empty, undecodable or failing the e-mail check ("Invalid 'From' header"). */
  | 'INVALID_FROM'
  /** DMARC un-munging hit a state where Patchwork crashes or cannot save the Person. */
  | 'DMARC_CRASH';

/** The submitter as Patchwork would store it. */
export interface AuthorOk {
  /** Stripped, at most 255 code points; null when no From pattern gave a name (or DMARC un-munging found none). */
  readonly name: string | null;
  /** Stripped, at most 255 code points, as spelled in the mail. */
  readonly email: string;
}

/** The error Patchwork raises instead of creating a Person. */
export interface AuthorFailure {
  readonly error: AuthorError;
  /** One sentence for diagnostics. */
  readonly message: string;
}

/** Result of {@link resolveAuthor}; tell the cases apart with `'error' in author`. */
export type Author = AuthorOk | AuthorFailure;

/** Returns one cleaned header value (null: absent or undecodable); called only when needed. */
export type CleanedHeaderGetter = () => string | null;
/** Returns the cleaned values of every occurrence of a header, in order (null: undecodable). */
export type CleanedHeadersGetter = () => ReadonlyArray<string | null>;

// Patchwork's e-mail check: a dot-atom local part of Unicode `\w` and
// `!#$%&"*+/=?^`{|}~-`, `@`, an ASCII host name with at least one dot.
// Python's `$` also matches before a final `\n`. The local-part class
// excludes `.` and `@` and the label class excludes `.`, so every split is
// forced and the match stays linear.
const LOCAL_CHAR = `(?:${NOT_LATE_WORD}[\\p{L}\\p{N}_!#$%&"*+/=?^\`{|}~-])`;
const LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';
const EMAIL_RE = new RegExp(`^${LOCAL_CHAR}+(?:\\.${LOCAL_CHAR}+)*@(?:${LABEL}\\.)+${LABEL}\\n?$`, 'u');

/** Patchwork's e-mail check on an address exactly as captured. */
export function isValidEmail(email: string): boolean {
  return EMAIL_RE.test(email);
}

/**
 * `"?(.*?)"?\s*<([^>]+)>` (and the same with `(`/`)`), anchored at the start.
 *
 * Candidates for the end `p` of group 1 are tied to an opening bracket `c`:
 * `p` is the start of the whitespace run before `c`, or one earlier when a
 * `"` precedes that run. These increase with `c`, so the lazy group takes the
 * first bracket whose closing bracket is not immediately after it. A leading
 * `"` is always consumed by the first `"?` (matching without it never finds
 * an earlier end).
 */
function matchBracketForm(s: string, open: string, close: string): [string, string] | null {
  const start = s.charCodeAt(0) === 0x22 ? 1 : 0;
  const nl = s.indexOf('\n', start);
  const limit = nl < 0 ? s.length : nl; // group 1 cannot cross a newline
  let closeAt = -1;
  for (let c = s.indexOf(open, start); c >= 0; c = s.indexOf(open, c + 1)) {
    let b = c;
    while (b > start && isPySpace(s.charCodeAt(b - 1))) b--;
    const p = b - 1 >= start && s.charCodeAt(b - 1) === 0x22 ? b - 1 : b;
    if (p > limit) return null;
    if (closeAt < c + 1) closeAt = s.indexOf(close, c + 1);
    if (closeAt < 0) return null;
    if (closeAt > c + 1) return [s.slice(start, p), s.slice(c + 1, closeAt)];
  }
  return null;
}

/**
 * `(.*?)\sat\s(.*?)\s*\(([^\)]+)\)`, anchored at the start: groups
 * (user, host, name). For each ` at ` position in order, group 2 ends where
 * the whitespace before the first usable `(` begins; pointers only move
 * forward, so the scan is linear.
 */
function matchAtForm(s: string): [string, string, string] | null {
  const n = s.length;
  const nl = s.indexOf('\n');
  const limit1 = nl < 0 ? n : nl;
  let o = -1; // current usable '(' (its ')' is not right after it)
  let closeAt = -1;
  let wsStart = -1; // start of the whitespace run ending at o
  let nextNl = -1;
  for (let l1 = 0; l1 <= limit1 && l1 + 4 <= n; l1++) {
    if (
      !isPySpace(s.charCodeAt(l1)) ||
      s.charCodeAt(l1 + 1) !== 0x61 ||
      s.charCodeAt(l1 + 2) !== 0x74 ||
      !isPySpace(s.charCodeAt(l1 + 3))
    ) {
      continue;
    }
    const p2 = l1 + 4;
    if (o < p2) {
      o = s.indexOf('(', p2);
      for (;;) {
        if (o < 0) return null;
        if (closeAt < o + 1) closeAt = s.indexOf(')', o + 1);
        if (closeAt < 0) return null;
        if (closeAt > o + 1) break;
        o = s.indexOf('(', o + 1);
      }
      wsStart = o;
      while (wsStart > 0 && isPySpace(s.charCodeAt(wsStart - 1))) wsStart--;
    }
    const e2 = Math.max(wsStart, p2);
    if (nextNl !== -2 && nextNl < p2) {
      nextNl = s.indexOf('\n', p2);
      if (nextNl < 0) nextNl = -2; // none left
    }
    if (nextNl === -2 || nextNl >= e2) {
      return [s.slice(0, l1), s.slice(p2, e2), s.slice(o + 1, closeAt)];
    }
  }
  return null;
}

/**
 * Mirrors Patchwork's `split_from_header` (v3.2.1, with its e-mail check).
 *
 * Patterns, tried in order at the start of the value: `"Name" <addr>` /
 * `Name <addr>`; `user at host (Name)`; `addr (Name)`; otherwise the whole
 * value (up to a newline) is the address and the name is null. The address
 * is then checked as captured; a failing one is returned as null.
 * @example splitFromHeader('"Quoted, Name" <q@x.org>') // { name: 'Quoted, Name', email: 'q@x.org' }
 */
export function splitFromHeader(cleaned: string): FromParts {
  let name: string | null;
  let email: string;
  const angle = matchBracketForm(cleaned, '<', '>');
  if (angle) {
    [name, email] = angle;
  } else {
    const at = matchAtForm(cleaned);
    if (at) {
      name = at[2];
      email = `${at[0]}@${at[1]}`;
    } else {
      const paren = matchBracketForm(cleaned, '(', ')');
      if (paren) {
        [email, name] = paren;
      } else {
        name = null;
        const nl = cleaned.indexOf('\n');
        email = nl < 0 ? cleaned : cleaned.slice(0, nl);
      }
    }
  }
  return { name, email: isValidEmail(email) ? email : null };
}

const MAX_LEN = 255;

/** Python `s.strip("'")`. */
function stripQuotes(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) === 0x27) a++;
  while (b > a && s.charCodeAt(b - 1) === 0x27) b--;
  return s.slice(a, b);
}

const INVALID_FROM: AuthorFailure = { error: 'INVALID_FROM', message: "Invalid 'From' header" };

function dmarcCrash(message: string): AuthorFailure {
  return { error: 'DMARC_CRASH', message };
}

/**
 * Mirrors Patchwork's `get_original_sender`: the sender a list rewrote
 * (`Name via List <list address>`), from `X-Original-From`, or from the
 * first `Reply-To`/`Cc` entry whose name equals the un-munged name.
 */
function originalSender(
  name: string | null,
  email: string,
  originalFrom: CleanedHeaderGetter,
  replyTo: CleanedHeadersGetter,
  cc: CleanedHeadersGetter,
): Author {
  // `if name and ' via ' in name … elif name.endswith(' via')`: a null name
  // reaches `endswith` and crashes.
  if (name === null) return dmarcCrash('From is the list address without a display name (get_original_sender fails)');
  let stripped: string | null = null;
  if (name.includes(' via ')) stripped = stripQuotes(pyStrip(name.slice(0, name.lastIndexOf(' via '))));
  else if (name.endsWith(' via')) stripped = stripQuotes(pyStrip(name.slice(0, name.lastIndexOf(' via'))));

  const original = originalFrom();
  if (original) {
    const e = splitFromHeader(original).email;
    // `None.strip()` raises.
    if (e === null) return dmarcCrash('X-Original-From has no valid address (get_original_sender fails)');
    return { name: stripped, email: truncateCodePoints(pyStrip(e), MAX_LEN) };
  }
  for (const header of [...replyTo(), ...cc()]) {
    // `clean_header` gave None: `None.split(',')` raises.
    if (header === null) return dmarcCrash('undecodable Reply-To/Cc header (get_original_sender fails)');
    for (const addr of header.split(',')) {
      const parts = splitFromHeader(addr);
      const newName = parts.name ? truncateCodePoints(pyStrip(parts.name), MAX_LEN) : parts.name;
      const newEmail = parts.email ? truncateCodePoints(pyStrip(parts.email), MAX_LEN) : parts.email;
      if (newName === stripped) {
        // A Person without an e-mail cannot be saved.
        if (!newEmail) return dmarcCrash('the matching Reply-To/Cc entry has no valid address (the Person cannot be saved)');
        return { name: stripped, email: newEmail };
      }
    }
  }
  return { name, email };
}

/**
 * The submitter's (name, email) as Patchwork's `get_or_create_author` derives
 * them before the Person lookup (spec 1.7 steps 1–4).
 *
 * @param cleanedFrom the `clean_header`ed From (null when undecodable or absent).
 * @param listEmail the project's list address; when the From address equals
 *   it (case-insensitively) DMARC un-munging runs. Null skips that step.
 * @param originalFrom the cleaned first `X-Original-From` (null or `""` when
 *   absent or undecodable).
 * @param replyTo the cleaned values of every `Reply-To` header, in order.
 * @param cc the cleaned values of every `Cc` header, in order.
 * @returns `name` stripped and truncated to 255 code points (null when no
 *   pattern gave a name), `email` likewise; or the error Patchwork raises.
 * @example resolveAuthor("'Jane Doe' via ltp <ltp@lists.linux.it>", 'ltp@lists.linux.it',
 *   () => null, () => ['Jane Doe <jane@example.com>'], () => []) // { name: 'Jane Doe', email: 'jane@example.com' }
 */
export function resolveAuthor(
  cleanedFrom: string | null,
  listEmail: string | null,
  originalFrom: CleanedHeaderGetter,
  replyTo: CleanedHeadersGetter,
  cc: CleanedHeadersGetter,
): Author {
  if (!cleanedFrom) return INVALID_FROM;
  const parts = splitFromHeader(cleanedFrom);
  if (!parts.email) return INVALID_FROM;
  const email = truncateCodePoints(pyStrip(parts.email), MAX_LEN);
  const name = parts.name === null ? null : truncateCodePoints(pyStrip(parts.name), MAX_LEN);
  if (listEmail !== null && email.toLowerCase() === listEmail.toLowerCase()) {
    return originalSender(name, email, originalFrom, replyTo, cc);
  }
  return { name, email };
}
