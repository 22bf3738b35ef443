/**
 * One diagnostic model for the whole pipeline.
 *
 * Every message the mbox reader delimits yields exactly one outcome: a record
 * (patch, cover letter or comment) or exactly one diagnostic with
 * `skipped: true` that says why it produced none. Warnings and infos with
 * `skipped: false` may ride along with a record. So, for any run,
 * `records + skipped diagnostics === messages`.
 */

/** Pipeline stage that raised a diagnostic. */
export type Stage = 'mbox' | 'mime' | 'mail' | 'classify' | 'series' | 'render' | 'pipeline';

/**
 * Closed set of diagnostic codes, prefixed by stage.
 *
 * Patchwork parity: `MAIL_*` errors are the `ValueError`s `parse_mail` raises,
 * `CLASSIFY_*` drops are the cases where it returns nothing.
 */
export type DiagnosticCode =
  // reader
  | 'MBOX_FORMAT_DETECTED'
  | 'MBOX_FORMAT_DOUBTFUL'
  | 'MBOX_PREAMBLE'
  | 'MBOX_EMPTY_INPUT'
  | 'MBOX_BAD_CONTENT_LENGTH'
  | 'MBOX_NON_ASCII_FROM_LINE'
  | 'MBOX_MESSAGE_TOO_LARGE'
  | 'MBOX_BAD_GZIP'
  // message level (Patchwork's parse_mail errors)
  | 'MAIL_MISSING_FROM'
  | 'MAIL_MISSING_SUBJECT'
  | 'MAIL_MISSING_MESSAGE_ID'
  | 'MAIL_INVALID_MESSAGE_ID'
  | 'MAIL_INVALID_FROM'
  | 'MAIL_INVALID_SUBJECT'
  | 'MAIL_DATE_FALLBACK'
  | 'MAIL_NON_TEXT_CODEC'
  | 'MAIL_UNRENDERABLE_MSGID'
  | 'MAIL_LIMIT_EXCEEDED'
  | 'MAIL_PY_INT_LIMIT'
  | 'MAIL_PYTHON_EXCEPTION'
  // classification (drops)
  | 'CLASSIFY_HINT_IGNORE'
  | 'CLASSIFY_NO_PROJECT'
  | 'CLASSIFY_NO_CONTENT'
  | 'CLASSIFY_NO_PARENT'
  | 'CLASSIFY_DUPLICATE'
  | 'CLASSIFY_DMARC_CRASH'
  | 'SERIES_COVER_COMMENT_CONFLICT'
  // anything unexpected
  | 'INTERNAL_ERROR';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** True when this diagnostic is the message's only outcome (no record was produced). */
  skipped: boolean;
  /** Input the message came from (path, `-` for stdin, or `<input>` for in-memory sources). */
  file: string;
  /** Zero-based byte offset of the first byte of the message (its From_ line) in the decompressed input. */
  offset: number;
  /** Byte offset directly after the last byte of the message (half-open range). */
  end: number;
  /** Zero-based index of the message across all inputs of the run; -1 for input-level diagnostics. */
  messageIndex: number;
  /** Message-Id of the message, when it is known. */
  msgid?: string;
  stage: Stage;
  /** One sentence: what was seen, what was expected or done. */
  message: string;
}

/** Where a message sits in the input; shared by every diagnostic about it. */
export interface MessageLocation {
  file: string;
  offset: number;
  end: number;
  messageIndex: number;
  msgid?: string;
}

export function makeDiagnostic(
  loc: MessageLocation,
  code: DiagnosticCode,
  severity: Severity,
  stage: Stage,
  message: string,
  skipped = false,
): Diagnostic {
  const d: Diagnostic = {
    code,
    severity,
    skipped,
    file: loc.file,
    offset: loc.offset,
    end: loc.end,
    messageIndex: loc.messageIndex,
    stage,
    message,
  };
  if (loc.msgid !== undefined) d.msgid = loc.msgid;
  return d;
}

/**
 * Lazily built line index of a byte buffer, so that line numbers are computed
 * only when a diagnostic is printed for a person.
 */
export class LineCounter {
  #starts: number[] = [0];
  #scanned = 0;
  #text: Uint8Array | undefined;

  constructor(text?: Uint8Array) {
    this.#text = text;
  }

  /** Record a chunk of the input as it streams past (for lazily printed diagnostics). */
  addChunk(chunk: Uint8Array, base: number): void {
    let i = chunk.indexOf(10);
    while (i !== -1) {
      this.#starts.push(base + i + 1);
      i = chunk.indexOf(10, i + 1);
    }
    this.#scanned = base + chunk.length;
  }

  /** One-based line number of a byte offset. */
  lineOf(offset: number): number {
    if (this.#text && this.#scanned < this.#text.length) this.addChunk(this.#text, 0);
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

/** `file:line: CODE message` for people; `line` is omitted when unknown. */
export function formatDiagnostic(d: Diagnostic, line?: number): string {
  const where = line === undefined ? `${d.file}@${d.offset}` : `${d.file}:${line}`;
  const id = d.msgid ? ` [${d.msgid}]` : '';
  return `${where}: ${d.code} ${d.severity}: ${d.message}${id}`;
}
