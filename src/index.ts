/**
 * mbox2pw: mailing-list mail in, Patchwork REST API records out.
 *
 * @example
 * ```ts
 * import { parseMboxSync } from 'mbox2pw';
 * import { readFileSync } from 'node:fs';
 * const { patches, series } = parseMboxSync(readFileSync('series.mbox'));
 * ```
 */
export { parseMbox, parseMboxSync, type Outcome, type ParseResult } from './api.js';
export { normalizeOptions, OptionError, DEFAULT_OPTIONS } from './options.js';
export type { Options, ResolvedOptions, ApiVersion, ProjectConfig } from './options.js';
export type { Diagnostic, DiagnosticCode, Severity, Stage } from './diagnostics.js';
export { formatDiagnostic } from './diagnostics.js';
export type { Summary, MessageOutcome } from './pipeline.js';
export { readMbox, splitMbox, type MboxSource, type ReadOptions } from './mbox/reader.js';
export { MboxSplitter, type SplitEvent, type SplitterOptions } from './mbox/splitter.js';
export type { RawMessage, MboxFormat, FromRule } from './mbox/types.js';
export type * from './types.js';

// Lower stages, for power users.
export { writeMbox, MBOXRD_FROM_LINE } from './mbox/writer.js';
export { parseMessage, ParsedMessage, MimePart, type MimeLimits } from './mime/message.js';
export { findTextParts, type TextPart, type TextPartsResult } from './mime/content.js';
export { cleanHeader } from './mime/header-decode.js';
export { storedHeaderBlob, storedHeaders, headersObject, type StoredHeader } from './mime/header-encode.js';
export { lookupCodec, type Codec } from './mime/charset.js';
export { parseDateTz, formatApiDate } from './mime/date.js';
export { splitContent, type SplitContent } from './content/split.js';
export { parsePatch } from './content/parse-patch.js';
export { findPatchContent, findCommentContent, cleanContent } from './content/find-content.js';
export { parsePullRequest } from './content/pull-request.js';
export { hashDiff, findFilenames } from './content/hash.js';
export { cleanSubject, parseSeriesMarker, parseVersion, isCommentSubject } from './classify/subject.js';
export { splitFromHeader } from './classify/from.js';
export { parseMail, type Mail, type MailResult } from './mail/parse-mail.js';
export { SeriesAssembler, type MailMeta, type Placement } from './series/assembler.js';
