/**
 * Subject handling (spec 2, 4.4, 7.4): Patchwork's `clean_subject`,
 * `split_prefixes`, `parse_series_marker`, `parse_version` and `subject_check`,
 * plus the two places where a stored name is parsed again (API `prefixes`,
 * cover-based series names).
 *
 * All inputs are already `clean_header`ed (so they hold no whitespace other
 * than single spaces), but the functions keep Python's regex semantics for
 * any string: `\s` is Python whitespace, `.` excludes only `\n`, `$` matches
 * at the end or before a final `\n`.
 */

import { PY_WS, isPySpace, normaliseSpace, pyStrip } from '../util/pystr.js';
import { PY_DIGIT, pyIntDigits } from '../util/pyunicode.js';

/** Result of {@link cleanSubject}. */
export interface CleanedSubject {
  /** `[tok1,tok2] rest` when tokens were kept, else `rest`. Not truncated. */
  readonly name: string;
  /** The kept prefix tokens, in order. */
  readonly prefixes: string[];
}

/** Series marker of a subject: `x` of `n`, both null when absent. */
export interface SeriesMarker {
  readonly x: number | null;
  readonly n: number | null;
}

// `^(re|fwd?)[:\s]\s*`, case-insensitive (no letter here has a non-ASCII
// case variant in Python's IGNORECASE).
const REPLY_FWD_RE = new RegExp(`^(?:[rR][eE]|[fF][wW][dD]?)[:${PY_WS}][${PY_WS}]*`);
const REPLY_RE = new RegExp(`^[rR][eE][:${PY_WS}]`);

/** A `[...]` block found by {@link matchPrefixBlockAt}: offsets into the subject. */
interface PrefixBlock {
  /** Start of the bracket content (after `[`). */
  innerStart: number;
  /** End of the bracket content (the `]`). */
  innerEnd: number;
  /** Start of the remainder (after the whitespace following `]`). */
  restStart: number;
  /** End of the remainder (the end, or a final `\n`). */
  restEnd: number;
}

/**
 * Python's `prefix_re.match` with `^\[([^\]]*)\]\s*(.*)$` (no flags) applied
 * to `s.slice(pos)`, without slicing. `lastInnerNl` is the index of the last
 * `\n` of `s` that is not its final character (-1 if none): `(.*)$` fails
 * exactly when such a `\n` lies in the remainder, because `.` stops at `\n`
 * and `$` matches only at the end or before a final `\n` (giving back
 * whitespace to `.*` cannot move where it stops).
 */
function matchPrefixBlockAt(s: string, pos: number, lastInnerNl: number): PrefixBlock | null {
  if (s.charCodeAt(pos) !== 0x5b /* [ */) return null;
  const close = s.indexOf(']', pos + 1);
  if (close < 0) return null;
  let i = close + 1;
  while (i < s.length && isPySpace(s.charCodeAt(i))) i++;
  if (lastInnerNl >= i) return null;
  const end = s.length > 0 && s.charCodeAt(s.length - 1) === 0x0a && s.length - 1 >= i ? s.length - 1 : s.length;
  return { innerStart: pos + 1, innerEnd: close, restStart: i, restEnd: end };
}

function lastInnerNewline(s: string): number {
  return s.length < 2 ? -1 : s.lastIndexOf('\n', s.length - 2);
}

/**
 * Python's `prefix_re.match` with `^\[([^\]]*)\]\s*(.*)$` (no flags): the
 * bracket content and the remainder, or null.
 * @internal
 */
export function matchPrefixBlock(s: string): { inner: string; rest: string } | null {
  const m = matchPrefixBlockAt(s, 0, lastInnerNewline(s));
  return m ? { inner: s.slice(m.innerStart, m.innerEnd), rest: s.slice(m.restStart, m.restEnd) } : null;
}

// `^PATCH (\d+ of \d+)(.*)$`, case-sensitive, Unicode `\d`.
const MERCURIAL_RE = new RegExp(`^PATCH (${PY_DIGIT}+ of ${PY_DIGIT}+)([^\\n]*)\\n?$`, 'u');
const SPLIT_RE = new RegExp(`[,${PY_WS}]+`);

/**
 * Mirrors Patchwork's `split_prefixes`: a Mercurial `PATCH M of N` head gives
 * the tokens `PATCH` and `M of N`; the (rest of the) text is split on runs of
 * commas and whitespace, empty tokens dropped.
 */
export function splitPrefixes(text: string): string[] {
  const tokens: string[] = [];
  let rest = text;
  const m = MERCURIAL_RE.exec(text);
  if (m) {
    tokens.push('PATCH', m[1] as string);
    rest = m[2] as string;
  }
  for (const t of rest.split(SPLIT_RE)) if (t !== '') tokens.push(t);
  return tokens;
}

/**
 * Mirrors Patchwork's `clean_subject` after its `clean_header` step.
 *
 * @param cleaned the `clean_header`ed Subject (the caller handles `None`,
 *   which is Patchwork's "Invalid 'Subject' header" error).
 * @param dropPrefixes extra tokens to drop case-insensitively (Patchwork
 *   passes the project linkname); `patch` is always dropped.
 * @example cleanSubject('[PATCH RFC 1/2] meep', []) // { name: '[RFC,1/2] meep', prefixes: ['RFC', '1/2'] }
 */
export function cleanSubject(cleaned: string, dropPrefixes: ReadonlyArray<string>): CleanedSubject {
  const drop = new Set(dropPrefixes.map((p) => p.toLowerCase()));
  drop.add('patch');
  // One leading `Re:`/`Fwd:` marker becomes a space.
  const subject = normaliseSpace(cleaned.replace(REPLY_FWD_RE, ' '));
  const prefixes: string[] = [];
  // Walk the blocks by offset: slicing the remainder each time and rescanning
  // it for newlines would be quadratic in the number of blocks.
  let str = subject;
  let pos = 0;
  let lastNl = lastInnerNewline(str);
  for (let m = matchPrefixBlockAt(str, 0, lastNl); m; m = matchPrefixBlockAt(str, pos, lastNl)) {
    for (const p of splitPrefixes(str.slice(m.innerStart, m.innerEnd))) {
      if (!drop.has(p.toLowerCase())) prefixes.push(p);
    }
    if (m.restEnd === str.length) {
      pos = m.restStart;
    } else {
      // A final `\n` was cut off: the remainder holds no newline any more.
      str = str.slice(m.restStart, m.restEnd);
      pos = 0;
      lastNl = -1;
    }
  }
  const rest = normaliseSpace(str.slice(pos));
  return { name: prefixes.length > 0 ? `[${prefixes.join(',')}] ${rest}` : rest, prefixes };
}

/** Patchwork's `subject_check` on a cleaned subject: `^(re)[:\s]\s*`, case-insensitive. */
export function isCommentSubject(cleaned: string): boolean {
  return REPLY_RE.test(cleaned);
}

/** `.*?([0-9]+)(?:/| of )([0-9]+)$` anchored at the token start (ASCII digits). */
function seriesMarkerOf(token: string): [number, number] | null {
  // `$` may match before a final `\n`; `.` never crosses a `\n`.
  const t = token.endsWith('\n') ? token.slice(0, -1) : token;
  if (t.includes('\n')) return null;
  let e = t.length;
  while (e > 0 && isAsciiDigit(t.charCodeAt(e - 1))) e--;
  if (e === t.length) return null;
  const nDigits = t.slice(e);
  let sepStart: number;
  if (e >= 1 && t.charCodeAt(e - 1) === 0x2f /* / */) sepStart = e - 1;
  else if (e >= 4 && t.startsWith(' of ', e - 4)) sepStart = e - 4;
  else return null;
  let b = sepStart;
  while (b > 0 && isAsciiDigit(t.charCodeAt(b - 1))) b--;
  if (b === sepStart) return null;
  return [Number(pyIntDigits(t.slice(b, sepStart))), Number(pyIntDigits(nDigits))];
}

function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Mirrors Patchwork's `parse_series_marker`: the first token ending in
 * `x/n` or `x of n` (ASCII digits, anything before `x`) gives `(x, n)`.
 * Values beyond 2^53 lose precision.
 * @throws {PyIntLimitError} when the marker has more than 4300 digits (Python's `int()` raises).
 * @example parseSeriesMarker(['RFC', 'v2PATCH1/4']) // { x: 1, n: 4 }
 */
export function parseSeriesMarker(prefixes: ReadonlyArray<string>): SeriesMarker {
  for (const p of prefixes) {
    const m = seriesMarkerOf(p);
    if (m) return { x: m[0], n: m[1] };
  }
  return { x: null, n: null };
}

const VERSION_TOKEN_RE = new RegExp(`^[vV](${PY_DIGIT}+)\\n?$`, 'u');
const VERSION_IN_NAME_RE = new RegExp(`\\([vV](${PY_DIGIT}+)\\)`, 'u');

/**
 * Mirrors Patchwork's `parse_version`: the first token `vN`/`VN`, else the
 * first `(vN)` anywhere in `name`, else 1. Unicode digits count (Python
 * `\d` and `int()`).
 * @throws {PyIntLimitError} when the version has more than 4300 digits.
 */
export function parseVersion(prefixes: ReadonlyArray<string>, name: string): number {
  for (const p of prefixes) {
    const m = VERSION_TOKEN_RE.exec(p);
    if (m) return Number(pyIntDigits(m[1] as string));
  }
  const m = VERSION_IN_NAME_RE.exec(name);
  if (m) return Number(pyIntDigits(m[1] as string));
  return 1;
}

/**
 * The API `prefixes` of a patch (spec 7.4): the tokens of `clean_subject`
 * run on the stored name, which starts with `clean_header` again, with only
 * `patch` dropped.
 *
 * @param decode Patchwork's `clean_header` (null when undecodable).
 * @returns the tokens, or null when the stored name does not decode (Patchwork
 *   fails to render the patch then).
 */
export function apiPrefixes(storedName: string, decode: (s: string) => string | null): string[] | null {
  const cleaned = decode(storedName);
  if (cleaned === null) return null;
  return cleanSubject(cleaned, []).prefixes;
}

/**
 * The cover-based series name (spec 4.4): the cover's stored name without
 * its leading `[...]` block (and the whitespace after it); a name without
 * such a block is only stripped.
 */
export function coverSeriesName(coverName: string): string {
  const m = matchPrefixBlock(coverName);
  return m ? m.rest : pyStrip(coverName);
}
