/**
 * Patchwork's `parse_patch` (spec 3.3): the line state machine that splits one
 * text part into commentary and diff.
 *
 * Every line of the input ends up, whole, in exactly one of the two outputs,
 * possibly after waiting in the held-lines buffer, so all three buffers are
 * kept as lists of `[start, end)` ranges into the input instead of growing
 * strings; adjacent ranges merge, so a diff that is one contiguous block
 * costs one slice. The work is one pass over the lines: linear in the input
 * size (a held line is moved at most once).
 */

import { PY_DIGIT, pyIntDigits } from '../util/pyunicode.js';

/** Result of {@link parsePatch}: either part is null when empty. */
export interface PatchSplit {
  /** The diff lines, in the order the state machine emitted them, or null. */
  readonly diff: string | null;
  /** Everything else (held lines included), or null. */
  readonly comment: string | null;
}

/**
 * Patchwork's hunk header pattern `^\@\@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? \@\@`
 * with Python's Unicode `\d`, sticky so it can be tried at a line start
 * (`lastIndex`) without slicing the line out. Groups 1 and 2 are the old and
 * new line counts when given.
 * @internal
 */
export const HUNK_RE = new RegExp(`@@ -${PY_DIGIT}+(?:,(${PY_DIGIT}+))? \\+${PY_DIGIT}+(?:,(${PY_DIGIT}+))? @@`, 'uy');

/**
 * A hunk count as Patchwork reads it: a missing count is 1, otherwise
 * Python `int()` of the digits (Unicode digits allowed). Counts too large for
 * a double only lose precision in ways no real input can observe (the hunk
 * would need more than 2^53 lines to end).
 * @throws {PyIntLimitError} for a count of more than 4300 digits.
 * @internal
 */
export function hunkCount(group: string | undefined): number {
  if (!group) return 1;
  return Number(pyIntDigits(group));
}

/** Extended header prefixes (`EXTENDED_HEADER_LINES` in Patchwork). */
const EXT_PREFIXES = [
  'old mode ',
  'new mode ',
  'deleted file mode ',
  'new file mode ',
  'copy from ',
  'copy to ',
  'rename from ',
  'rename to ',
  'similarity index ',
  'dissimilarity index ',
  'index ',
];

const NO_NEWLINE = '\\ No newline at end of file';

/** A growable list of `[start, end)` ranges, flattened; adjacent ranges merge. */
class Ranges {
  r: number[] = [];

  add(a: number, b: number): void {
    const r = this.r;
    const n = r.length;
    if (n > 0 && r[n - 1] === a) r[n - 1] = b;
    else r.push(a, b);
  }

  /** Appends all ranges of `o` (in order), then empties `o`. */
  take(o: Ranges): void {
    const src = o.r;
    for (let i = 0; i < src.length; i += 2) this.add(src[i] as number, src[i + 1] as number);
    o.r = [];
  }

  get empty(): boolean {
    return this.r.length === 0;
  }

  text(s: string): string {
    const r = this.r;
    if (r.length === 2) return s.slice(r[0], r[1]);
    const parts: string[] = [];
    for (let i = 0; i < r.length; i += 2) parts.push(s.slice(r[i], r[i + 1]));
    return parts.join('');
  }
}

function startsWithExt(s: string, pos: number): boolean {
  // Cheap first-character filter before the prefix comparisons.
  const c = s.charCodeAt(pos);
  if (c !== 0x6f && c !== 0x6e && c !== 0x64 && c !== 0x63 && c !== 0x72 && c !== 0x73 && c !== 0x69) return false;
  for (const p of EXT_PREFIXES) if (s.startsWith(p, pos)) return true;
  return false;
}

/**
 * Mirrors Patchwork's `parse_patch`: splits one text part into diff and
 * commentary with the state machine of spec 3.3.
 *
 * The input is split on `\n` only and every piece gets a `\n`, so the text
 * after the last `\n` (usually empty) becomes one more line — hence both
 * outputs always end with `\n`. `\r` is ordinary line content.
 *
 * @returns `diff` null when no diff line was found; `comment` null when every
 *   line went to the diff.
 * @throws {PyIntLimitError} when a hunk header in a diff position carries a
 *   count of more than 4300 digits: Python's `int()` raises there and
 *   Patchwork fails the mail.
 * @example parsePatch('fix\n---\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n')
 *   // { diff: 'diff --git a/x b/x\n…+b\n', comment: 'fix\n---\n\n' }
 */
export function parsePatch(text: string): PatchSplit {
  // Splitting on '\n' and appending '\n' to every piece yields exactly the
  // lines of `text + '\n'`, each with its terminator: work on ranges of that.
  const s = text + '\n';
  const n = s.length;
  const diff = new Ranges();
  const comment = new Ranges();
  const buf = new Ranges();
  let state = 0;
  let lcOld = 0;
  let lcNew = 0;
  let hunks = 0;

  let a = 0;
  while (a < n) {
    const nl = s.indexOf('\n', a);
    const b = nl + 1; // nl >= a always: s ends with '\n'
    switch (state) {
      case 0:
        if (s.startsWith('diff ', a) || s.startsWith('Index: ', a)) {
          buf.add(a, b);
          state = 1;
        } else if (s.startsWith('--- ', a)) {
          buf.add(a, b);
          state = 2;
        } else {
          comment.add(a, b);
        }
        break;
      case 1:
        buf.add(a, b);
        if (s.startsWith('--- ', a)) state = 2;
        if (startsWithExt(s, a)) state = 6;
        break;
      case 2:
        if (s.startsWith('+++ ', a)) {
          buf.add(a, b);
          state = 3;
        } else if (hunks > 0) {
          buf.add(a, b);
          state = 1;
        } else {
          comment.take(buf);
          comment.add(a, b);
          state = 0;
        }
        break;
      case 3: {
        let m: RegExpExecArray | null = null;
        if (s.charCodeAt(a) === 0x40 /* @ */) {
          HUNK_RE.lastIndex = a;
          m = HUNK_RE.exec(s);
        }
        if (m) {
          lcOld = hunkCount(m[1]);
          lcNew = hunkCount(m[2]);
          diff.take(buf);
          diff.add(a, b);
          state = 4;
        } else if (s.startsWith('--- ', a)) {
          diff.take(buf);
          diff.add(a, b);
          state = 2;
        } else if (hunks > 0 && s.startsWith(NO_NEWLINE, a)) {
          // Part of the previous hunk; `buf` (possibly holding a `+++` line)
          // is left alone, so this line can precede held lines in the diff.
          diff.add(a, b);
        } else if (hunks > 0) {
          buf.add(a, b);
          state = 1;
        } else {
          comment.take(buf);
          comment.add(a, b);
          state = 0;
        }
        break;
      }
      case 4:
      case 5: {
        const c = s.charCodeAt(a);
        if (c === 0x2d /* - */) lcOld--;
        else if (c === 0x2b /* + */) lcNew--;
        else if (!s.startsWith(NO_NEWLINE, a)) {
          // Context, empty or any other line counts against both sides.
          lcOld--;
          lcNew--;
        }
        diff.add(a, b);
        if (lcOld <= 0 && lcNew <= 0) {
          state = 3;
          hunks++;
        } else {
          state = 5;
        }
        break;
      }
      case 6:
        if (startsWithExt(s, a)) {
          diff.take(buf);
          diff.add(a, b);
        } else if (s.startsWith('--- ', a)) {
          diff.take(buf);
          diff.add(a, b);
          state = 2;
        } else if (s.startsWith('GIT binary patch', a)) {
          diff.take(buf);
          diff.add(a, b);
          state = 7;
        } else {
          buf.add(a, b);
          state = 1;
        }
        break;
      default:
        // 7: binary data swallows every line up to one starting with `diff`.
        if (s.startsWith('diff', a)) {
          buf.add(a, b);
          state = 0;
        } else {
          diff.take(buf);
          diff.add(a, b);
        }
        break;
    }
    a = b;
  }
  comment.take(buf);
  return {
    diff: diff.empty ? null : diff.text(s),
    comment: comment.empty ? null : comment.text(s),
  };
}
