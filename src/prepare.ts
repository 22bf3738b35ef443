/**
 * The per-message half of a conversion: everything that depends on one
 * message alone — parsing it (`parseMail`) and rendering the JSON pieces of
 * its record that do not depend on how it is classified. It keeps no state,
 * so it runs the same on the main thread or in a worker; the classification
 * and the records themselves are the stateful half (`pipeline.ts`).
 */
import { apiPrefixes } from './classify/subject.js';
import type { DiagnosticCode } from './diagnostics.js';
import { parseMail, type MailLimits, type MailNote, type MailProject } from './mail/parse-mail.js';
import { cleanHeader } from './mime/header-decode.js';
import { firstSubject } from './mime/header-encode.js';
import { writeHeadersJson, type RecordFacts } from './render/records.js';
import type { MailMeta } from './series/assembler.js';
import type { ByteBuilder } from './util/bytes.js';
import { normaliseSpace } from './util/pystr.js';

/** What the per-message stage needs to know of the run. */
export interface PrepareEnv {
  project: MailProject;
  limits: MailLimits;
  maxMessageBytes: number;
}

/** A message that produced a mail: what classification needs and what its record needs. */
export interface PreparedMail extends MailMeta, RecordFacts {
  kind: 'mail';
  notes: MailNote[];
}

/** A message that produced no mail: Patchwork drops it or fails on it. */
export interface PreparedSkip {
  kind: 'skip';
  outcome: 'error' | 'dropped';
  code: DiagnosticCode;
  message: string;
  msgid?: string;
  notes: MailNote[];
}

export type Prepared = PreparedMail | PreparedSkip;

/** Decode a stored name again, as the API's `prefixes` does (spec 7.4). */
function decodeStoredName(s: string): string | null {
  if (!s.includes('=?')) return normaliseSpace(s);
  let latin1 = true;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) latin1 = false;
  if (!latin1) return normaliseSpace(s);
  return cleanHeader({ value: s, eightBit: false });
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The checks made before a message is parsed at all: a From_ line Patchwork
 * cannot read, a message past `maxMessageBytes`. `null` when it passes.
 */
export function precheck(bytes: Uint8Array, fromLine: string | null, maxMessageBytes: number): PreparedSkip | null {
  if (fromLine !== null && NON_ASCII.test(fromLine)) {
    return {
      kind: 'skip',
      outcome: 'error',
      code: 'MBOX_NON_ASCII_FROM_LINE',
      message: 'the From_ line holds non-ASCII bytes: Patchwork aborts the whole import here',
      notes: [],
    };
  }
  if (bytes.length > maxMessageBytes) {
    return {
      kind: 'skip',
      outcome: 'error',
      code: 'MBOX_MESSAGE_TOO_LARGE',
      message: `message of ${bytes.length} bytes exceeds maxMessageBytes (${maxMessageBytes})`,
      notes: [],
    };
  }
  return null;
}

/**
 * Parse one message and render its pieces into `arena`. Never throws for bad
 * input: what Patchwork drops or fails on comes back as a {@link PreparedSkip}.
 */
export function prepareMessage(bytes: Uint8Array, fromLine: string | null, env: PrepareEnv, arena: ByteBuilder): Prepared {
  const early = precheck(bytes, fromLine, env.maxMessageBytes);
  if (early !== null) return early;
  const res = parseMail(bytes, fromLine, env.project, env.limits);
  if (res.kind === 'skip') {
    const skip: PreparedSkip = { kind: 'skip', outcome: res.outcome, code: res.code, message: res.message, notes: res.notes };
    if (res.msgid !== undefined) skip.msgid = res.msgid;
    return skip;
  }
  const mail = res.mail;
  const pieces: number[] = [];
  const mark = (write: () => void): void => {
    const start = arena.pos;
    write();
    pieces.push(start, arena.pos);
  };
  mark(() => writeHeadersJson(arena, mail.headers, mail.headerSource));
  mark(() => arena.json(mail.content));
  mark(() => arena.json(mail.diff));
  mark(() => arena.utf8(JSON.stringify(apiPrefixes(mail.name, decodeStoredName) ?? [])));
  mark(() => arena.json(firstSubject(mail.headers)));
  return {
    kind: 'mail',
    notes: res.notes,
    msgid: mail.msgid,
    fullName: mail.fullName,
    name: mail.name,
    isComment: mail.isComment,
    x: mail.x,
    n: mail.n,
    version: mail.version,
    refs: mail.refs,
    date: mail.date,
    hasDiff: !!mail.diff,
    hasPullUrl: !!mail.pullUrl,
    hashFails: mail.hash === undefined,
    author: mail.author,
    pullUrl: mail.pullUrl,
    state: mail.state,
    hash: mail.hash ?? null,
    actionRequired: mail.actionRequired,
    pieces,
  };
}
