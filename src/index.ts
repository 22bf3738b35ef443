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
