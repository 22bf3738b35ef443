/**
 * The content splitter as one call: commit message vs diff, and the pull
 * request URL, of a mail's decoded text parts — Patchwork's
 * `find_patch_content` (or `find_comment_content` for `Re:` mails) followed by
 * `parse_pull_request`.
 */
import { findCommentContent, findPatchContent, storedContent, type TextPart } from './find-content.js';
import { parsePullRequest } from './pull-request.js';

export interface SplitContent {
  /** The commentary as Patchwork stores it (`content`): signature cut, stripped, CRLF → LF. */
  content: string;
  /** The diff, verbatim, or null. */
  diff: string | null;
  /** The pull request URL, or null. */
  pullUrl: string | null;
}

/**
 * Split text parts into content, diff and pull URL.
 *
 * @param parts the text parts in MIME walk order, as {@link findTextParts} returns them
 * @param isComment true for `Re:` mails, whose diffs are never extracted
 * @example
 * ```ts
 * splitContent([{ subtype: 'plain', text: 'Fix it.\n---\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n' }]);
 * // { content: 'Fix it.\n---', diff: 'diff --git a/x b/x\n…', pullUrl: null }
 * ```
 */
export function splitContent(parts: readonly TextPart[], isComment = false): SplitContent {
  let diff: string | null = null;
  let message: string;
  if (isComment) message = findCommentContent(parts).message;
  else ({ diff, message } = findPatchContent(parts));
  return { content: storedContent(message), diff, pullUrl: parsePullRequest(message) };
}
