/**
 * Patchwork's `parse_pull_request` (spec 3.4): the repository URL of a
 * `git request-pull` message.
 *
 * Patchwork searches the message with one Python regex (DOTALL, MULTILINE,
 * IGNORECASE):
 * `^The following changes since commit.*^are available in the git repository at:\s*\n^\s*([\w+-]+(?:://|@)[\w/.@:~-]+[\s\\]*[\w/._-]*)\s*$`.
 * Run by a backtracking engine that is quadratic on hostile input (a long
 * URL-like token followed by junk), and JavaScript's `m` flag and `\w`/`\s`
 * differ from Python's, so the match is computed by a scan instead that
 * yields the same group as Python's backtracking order:
 *
 * 1. The first line starting (case-insensitively) with `The following
 *    changes since commit` is the only start that matters: any later start
 *    sees a subset of the same anchor lines.
 * 2. The greedy `.*` makes the *last* later line starting with `are available
 *    in the git repository at:` win, falling back to earlier ones.
 * 3. After that anchor, the whitespace run must contain a `\n`; the URL starts
 *    where the run ends. Its scheme/user run `[\w+-]+` must be followed by
 *    `://` or `@`, then a non-empty `[\w/.@:~-]` run. Only the full length of
 *    that run can succeed (a shorter one leaves a character that is neither
 *    whitespace nor the end of a line). Then the `[\s\\]` run and a
 *    `[\w/._-]` run: the group ends after that run if only whitespace
 *    containing a `\n` (or the end of the text) follows; otherwise at the
 *    last `\n` inside the `[\s\\]` run.
 *
 * Python's `\w` is Unicode (`str.isalnum()` or `_`), `\s` is Python
 * whitespace, `^`/`$` react to `\n` only, and case-insensitive matching lets
 * `ı`/`İ` match `i` and `ſ` match `s`.
 */

import { isPySpace, normaliseSpace } from '../util/pystr.js';
import { isPyWordCodePoint } from '../util/pyunicode.js';

const HEAD = 'the following changes since commit';
const ANCHOR = 'are available in the git repository at:';

/**
 * Python IGNORECASE comparison of `s` at `pos` with a lower-case ASCII
 * `pattern`. Beyond ASCII case, Python also matches U+0130/U+0131 for `i`
 * and U+017F for `s` (U+212A for `k`, absent from the phrases used here).
 */
function ciStartsWith(s: string, pos: number, pattern: string): boolean {
  if (pos + pattern.length > s.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    const c = s.charCodeAt(pos + i);
    const p = pattern.charCodeAt(i);
    if (c === p) continue;
    if (p >= 0x61 && p <= 0x7a) {
      if (c === p - 0x20) continue;
      if (p === 0x69 && (c === 0x130 || c === 0x131)) continue;
      if (p === 0x73 && c === 0x17f) continue;
      if (p === 0x6b && c === 0x212a) continue;
    }
    return false;
  }
  return true;
}

/** End of the run from `i` of code points accepted by `accept`. */
function runEnd(s: string, i: number, accept: (cp: number) => boolean): number {
  const n = s.length;
  while (i < n) {
    const cp = s.codePointAt(i) as number;
    if (!accept(cp)) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/** `[\w+-]` */
const schemeChar = (cp: number): boolean => cp === 0x2b || cp === 0x2d || isPyWordCodePoint(cp);
/** `[\w/.@:~-]` */
const hostChar = (cp: number): boolean =>
  cp === 0x2f || cp === 0x2e || cp === 0x40 || cp === 0x3a || cp === 0x7e || cp === 0x2d || isPyWordCodePoint(cp);
/** `[\w/._-]` */
const branchChar = (cp: number): boolean => cp === 0x2f || cp === 0x2e || cp === 0x5f || cp === 0x2d || isPyWordCodePoint(cp);

/** `\s*$` (MULTILINE) at `t`: the whitespace from `t` reaches the end or contains a `\n`. */
function endsLine(s: string, t: number): boolean {
  const n = s.length;
  for (let u = t; u < n; u++) {
    const c = s.charCodeAt(u);
    if (c === 0x0a) return true;
    if (!isPySpace(c)) return false;
  }
  return true;
}

/** The URL group for the anchor text ending at `p0`, or null. */
function matchTail(s: string, p0: number): string | null {
  const n = s.length;
  // `\s*\n^\s*`: a whitespace run that contains a newline.
  let i = p0;
  let newline = false;
  while (i < n && isPySpace(s.charCodeAt(i))) {
    if (s.charCodeAt(i) === 0x0a) newline = true;
    i++;
  }
  if (!newline) return null;
  const start = i;
  const r1 = runEnd(s, start, schemeChar);
  if (r1 === start) return null;
  let p: number;
  if (s.startsWith('://', r1)) p = r1 + 3;
  else if (s.charCodeAt(r1) === 0x40) p = r1 + 1;
  else return null;
  const r2 = runEnd(s, p, hostChar);
  if (r2 === p) return null;
  let w2 = r2;
  while (w2 < n) {
    const c = s.charCodeAt(w2);
    if (c !== 0x5c && !isPySpace(c)) break;
    w2++;
  }
  const r3 = runEnd(s, w2, branchChar);
  let end = -1;
  if (endsLine(s, r3)) {
    end = r3;
  } else {
    // Backtrack into the `[\s\\]*` run: the group can end right before its last `\n`.
    for (let k = w2 - 1; k >= r2; k--) {
      if (s.charCodeAt(k) === 0x0a) {
        end = k;
        break;
      }
    }
  }
  if (end < 0) return null;
  return s.slice(start, end);
}

/**
 * Mirrors Patchwork's `parse_pull_request` on a cleaned message.
 *
 * @returns the repository URL (plus branch/tag, on the same or the next line)
 *   with whitespace runs collapsed to one space and stripped, or null. No
 *   truncation. Linear in the message length.
 * @example parsePullRequest('The following changes since commit abc:\n\n  x\n\n' +
 *   'are available in the git repository at:\n\n  git://h.org/r.git next\n') // 'git://h.org/r.git next'
 */
export function parsePullRequest(message: string): string | null {
  const s = message;
  const n = s.length;
  // 1. The first head line.
  let a = 0;
  let head = -1;
  while (a < n) {
    if (ciStartsWith(s, a, HEAD)) {
      head = a;
      break;
    }
    const nl = s.indexOf('\n', a);
    if (nl < 0) break;
    a = nl + 1;
  }
  if (head < 0) return null;
  // 2. Every later anchor line; the last one that completes the match wins.
  const anchors: number[] = [];
  let nl = s.indexOf('\n', head);
  while (nl >= 0) {
    a = nl + 1;
    if (ciStartsWith(s, a, ANCHOR)) anchors.push(a + ANCHOR.length);
    nl = s.indexOf('\n', a);
  }
  for (let k = anchors.length - 1; k >= 0; k--) {
    const group = matchTail(s, anchors[k] as number);
    if (group !== null) return normaliseSpace(group);
  }
  return null;
}
