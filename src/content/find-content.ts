/**
 * Patchwork's `find_patch_content`, `find_comment_content` and
 * `clean_content` (spec 3.2): turning the decoded text parts of a mail into
 * the stored `content` and `diff`.
 */

import { pyStrip } from '../util/pystr.js';
import { parsePatch } from './parse-patch.js';

/** One decoded text part, as Patchwork's `_find_content` yields it (spec 3.1). */
export interface TextPart {
  /** The decoded payload. */
  readonly text: string;
  /** The content subtype, lower-case as Python's `get_content_subtype()` gives it (`plain`, `x-patch`, `html`, …). */
  readonly subtype: string;
}

/** Result of {@link findPatchContent}. */
export interface PatchContent {
  /** The diff: the last `x-patch`/`x-diff` part, or what {@link parsePatch} found; null if none. */
  readonly diff: string | null;
  /** The commentary after {@link cleanContent} (not yet in stored form, see {@link storedContent}). */
  readonly message: string;
}

/** Result of {@link findCommentContent}. */
export interface CommentContent {
  /** The commentary after {@link cleanContent}. */
  readonly message: string;
}

/**
 * Index of the first line, at `pos` 0 or right after a `\n`, that is exactly
 * `-- ` or one or more `_`, followed by `\n`; -1 if none. This is the first
 * match of Patchwork's `^(-- |_+)\n.*` (MULTILINE | DOTALL), where `^` reacts
 * to `\n` only (not to `\r` or U+2028 as JavaScript's `m` flag would).
 */
function signatureStart(s: string): number {
  const n = s.length;
  let a = 0;
  while (a < n) {
    const nl = s.indexOf('\n', a);
    if (nl < 0) return -1; // the last line has no `\n`: cannot match
    const len = nl - a;
    if (len === 3 && s.startsWith('-- ', a)) return a;
    if (len >= 1 && s.charCodeAt(a) === 0x5f) {
      let i = a + 1;
      while (i < nl && s.charCodeAt(i) === 0x5f) i++;
      if (i === nl) return a;
    }
    a = nl + 1;
  }
  return -1;
}

/**
 * Mirrors Patchwork's `clean_content`: cut everything from the first
 * signature separator line (`-- ` or a line of underscores, each directly
 * followed by `\n`) to the end of the whole buffer, then strip Python
 * whitespace. `-- \r\n` is not a separator; NUL characters stay.
 */
export function cleanContent(s: string): string {
  const cut = signatureStart(s);
  return pyStrip(cut < 0 ? s : s.slice(0, cut));
}

/**
 * The form in which Patchwork stores `content` (patches, covers, comments):
 * every `\r\n` replaced by `\n`, in one left-to-right pass (`\r\r\n` → `\r\n`).
 */
export function storedContent(content: string): string {
  return content.includes('\r\n') ? content.replaceAll('\r\n', '\n') : content;
}

/**
 * Mirrors Patchwork's `find_patch_content` (mails that are not `Re:`).
 *
 * `x-patch`/`x-diff` parts become the diff verbatim (the last one wins);
 * `plain` parts are split with {@link parsePatch} while no non-empty diff is
 * known, otherwise taken whole as commentary; other subtypes are ignored.
 * Each commentary piece is stripped and followed by `\n`, then the whole is
 * passed through {@link cleanContent}.
 */
export function findPatchContent(parts: ReadonlyArray<TextPart>): PatchContent {
  let diff: string | null = null;
  const comment: string[] = [];
  for (const part of parts) {
    if (part.subtype === 'x-patch' || part.subtype === 'x-diff') {
      diff = part.text;
    } else if (part.subtype === 'plain') {
      let c: string | null = part.text;
      // An empty diff from an empty attachment counts as "no diff yet".
      if (!diff) {
        const split = parsePatch(part.text);
        diff = split.diff;
        c = split.comment;
      }
      if (c !== null) comment.push(pyStrip(c), '\n');
    }
  }
  return { diff, message: cleanContent(comment.join('')) };
}

/**
 * Mirrors Patchwork's `find_comment_content` (`Re:` mails): every non-empty
 * `plain` part, stripped and followed by `\n`, through {@link cleanContent}.
 * No diff is extracted.
 */
export function findCommentContent(parts: ReadonlyArray<TextPart>): CommentContent {
  const comment: string[] = [];
  for (const part of parts) {
    if (!part.text || part.subtype !== 'plain') continue;
    comment.push(pyStrip(part.text), '\n');
  }
  return { message: cleanContent(comment.join('')) };
}
