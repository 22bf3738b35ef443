/**
 * Patchwork's `hash_diff` and `find_filenames` (spec 5): a SHA-1 over the
 * normalised diff lines, and the sorted set of files a diff touches.
 */

import * as crypto from 'node:crypto';
import { isPySpace, pyStrip } from '../util/pystr.js';
import { pyIntDigits } from '../util/pyunicode.js';
import { HUNK_RE } from './parse-patch.js';

/** SHA-1 of nothing: the hash of a diff with no kept line (rename-only, mode-only, binary-only). */
export const EMPTY_DIFF_HASH = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';

/** Python `int(x)` printed with `%d`, or 1 when the count is missing. */
function countText(group: string | undefined): string {
  return group ? pyIntDigits(group) : '1';
}

/**
 * The `(---|\+\+\+) (\S+)` filename match of Patchwork at `pos`: returns the
 * end of the path (a run of non-Python-whitespace), or -1 when the line at
 * `pos` does not match. The caller knows the marker from the first character.
 */
function filenameEnd(s: string, pos: number, end: number): number {
  const c = s.charCodeAt(pos);
  if (c !== 0x2d && c !== 0x2b) return -1;
  if (pos + 4 > end || s.charCodeAt(pos + 1) !== c || s.charCodeAt(pos + 2) !== c || s.charCodeAt(pos + 3) !== 0x20) {
    return -1;
  }
  let i = pos + 4;
  while (i < end && !isPySpace(s.charCodeAt(i))) i++;
  return i === pos + 4 ? -1 : i;
}

/** The normalisation both functions start with: drop every `\r`, strip, append `\n`. */
function normalise(diff: string): string {
  const noCr = diff.includes('\r') ? diff.replaceAll('\r', '') : diff;
  return pyStrip(noCr) + '\n';
}

/** Path with its first component dropped: the part after the first `/`, or `""`. */
function dropFirstComponent(path: string): string {
  const i = path.indexOf('/');
  return i < 0 ? '' : path.slice(i + 1);
}

/**
 * Mirrors Patchwork's `hash_diff`: SHA-1 (lower-case hex) over the diff's
 * significant lines. `\r` is removed, the text stripped of Python whitespace;
 * per non-empty line: `---`/`+++` filename lines become `--- a/<path minus
 * first component>` / `+++ b/…` (timestamps dropped), hunk headers become
 * `@@ -<old count> +<new count> @@`, lines starting with `-`, `+` or space
 * are kept, all others ignored. Each kept line is hashed with a `\n`, UTF-8.
 *
 * @throws {PyIntLimitError} for a hunk count of more than 4300 digits
 *   (Python's `int()` raises; Patchwork fails to save the patch).
 * @example hashDiff('') // 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
 */
export function hashDiff(diff: string): string {
  const s = normalise(diff);
  const n = s.length;
  const parts: string[] = [];
  // Runs of consecutive lines kept verbatim are emitted as one slice.
  let runStart = -1;
  let runEnd = -1;
  const flush = (): void => {
    if (runStart >= 0) parts.push(s.slice(runStart, runEnd));
    runStart = -1;
  };
  let a = 0;
  while (a < n) {
    const nl = s.indexOf('\n', a); // s ends with '\n'
    if (nl === a) {
      // Empty lines are skipped.
      flush();
      a = nl + 1;
      continue;
    }
    const fe = filenameEnd(s, a, nl);
    if (fe >= 0) {
      flush();
      const marker = s.charCodeAt(a) === 0x2d ? '--- a/' : '+++ b/';
      parts.push(marker + dropFirstComponent(s.slice(a + 4, fe)) + '\n');
    } else {
      let m: RegExpExecArray | null = null;
      const c = s.charCodeAt(a);
      if (c === 0x40 /* @ */) {
        HUNK_RE.lastIndex = a;
        m = HUNK_RE.exec(s);
      }
      if (m) {
        flush();
        parts.push(`@@ -${countText(m[1])} +${countText(m[2])} @@\n`);
      } else if (c === 0x2d || c === 0x2b || c === 0x20) {
        if (runStart < 0) runStart = a;
        runEnd = nl + 1;
      } else {
        flush();
      }
    }
    a = nl + 1;
  }
  flush();
  return sha1Hex(parts.length === 1 ? parts[0]! : parts.join(''));
}

type OneShot = (algorithm: string, data: string, encoding: 'hex') => string;
/** Node's one-shot `crypto.hash` (Node 20.12 and later), else a Hash object per call. */
const oneShot: OneShot | undefined = (crypto as unknown as { hash?: OneShot }).hash;

/** SHA-1 of the UTF-8 bytes of `text`, lower-case hex. */
function sha1Hex(text: string): string {
  return oneShot !== undefined ? oneShot('sha1', text, 'hex') : crypto.createHash('sha1').update(text, 'utf8').digest('hex');
}

/**
 * Mirrors Patchwork's `find_filenames` (used for delegation rules): the
 * paths of the diff's `---`/`+++` lines, skipping those starting with
 * `/dev/null`, with their first component dropped, de-duplicated and sorted
 * by code point (Python `sorted`).
 */
export function findFilenames(diff: string): string[] {
  const s = normalise(diff);
  const n = s.length;
  const seen = new Set<string>();
  let a = 0;
  while (a < n) {
    const nl = s.indexOf('\n', a);
    const fe = filenameEnd(s, a, nl);
    if (fe >= 0) {
      const path = s.slice(a + 4, fe);
      if (!path.startsWith('/dev/null')) seen.add(dropFirstComponent(path));
    }
    a = nl + 1;
  }
  return [...seen].sort(compareCodePoints);
}

/** Python's `str` ordering: by code point (JavaScript's default compares UTF-16 units). */
function compareCodePoints(x: string, y: string): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const cx = x.charCodeAt(i);
    const cy = y.charCodeAt(i);
    if (cx !== cy) {
      const px = x.codePointAt(i) as number;
      const py = y.codePointAt(i) as number;
      return px - py;
    }
  }
  return x.length - y.length;
}
