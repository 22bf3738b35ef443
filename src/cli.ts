/**
 * The command line: `mbox2pw [options] [INPUT...]`.
 *
 * {@link main} is a plain function of its arguments and streams, so it can be
 * tested in-process; it never calls `process.exit`. Exit codes: 0 ok, 1 I/O
 * error or `--strict` failure, 2 usage.
 */
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { run, type RunEvent } from './api.js';
import { formatDiagnostic, type Diagnostic } from './diagnostics.js';
import type { MboxSource } from './mbox/reader.js';
import { API_VERSIONS, FORMATS, FROM_RULES, normalizeOptions, OptionError, type Options } from './options.js';
import { BatchWriter, DirectorySink, NdjsonSink, ObjectSink, type RecordSink } from './output/writer.js';
import type { Summary } from './pipeline.js';

export const VERSION = '0.1.0';

export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean; columns?: number };
}

export const HELP = `Usage: mbox2pw [options] [INPUT...]

Convert mailing-list mail into JSON records shaped exactly like the Patchwork
(v3.2.1) REST API: patches, cover letters, comments, series and people, with
the ids and URLs a fresh Patchwork would assign.

INPUT is an mbox file, a single message (.eml), a Maildir directory, or - for
standard input (the default). Gzip-compressed input is recognised by its
magic bytes. Several INPUTs are read as one archive, in order.

Input:
  -f, --format FORMAT     auto, mboxo, mboxrd, mboxcl2, mboxcl or eml
                          (default: auto: eml unless the input begins with
                          "From "; mboxrd for lore/public-inbox exports; else
                          mboxo, which is what Patchwork's parsearchive reads)
      --from-rule RULE    bare: every line beginning "From " separates
                          messages (Patchwork's behaviour); strict: only lines
                          shaped like "From <sender> <date>" (default: bare)

Project and rendering:
      --project FILE      project object as JSON, exactly as Patchwork's
                          /api/<v>/projects/<id>/ renders it (default: id 1,
                          list id from the first List-Id header of the input)
      --list-id ID        override the project's list id
      --linkname NAME     override the project's link name (default: the list
                          id up to its first dot)
      --api-version V     1.0, 1.1, 1.2 or 1.3 (default: 1.2)
      --base-url URL      scheme and host of every URL
                          (default: http://localhost)

Output (default: one JSON object on stdout:
{"patches":[...],"covers":[...],"comments":[...],"series":[...],"people":[...]}):
  -o, --out-dir DIR       write patches.json, covers.json, comments.json,
                          series.json, people.json, project.json and
                          diagnostics.ndjson into DIR instead
      --ndjson            one {"type":...,"record":{...}} line per record
      --pretty            indent the JSON
      --diagnostics FILE  also write every diagnostic to FILE as NDJSON

Diagnostics (on stderr, as file:line: CODE severity: message):
  -q, --quiet             print no diagnostics, progress or summary
  -v, --verbose           also print info diagnostics (dropped mails, ...)
      --strict            exit with status 1 if any error diagnostic occurred

Limits (a message past a limit becomes a diagnostic; the run goes on):
      --max-message-bytes N   largest message parsed (default: 268435456)
      --max-mime-depth N      deepest MIME nesting walked (default: 1000)
      --max-parts N           most MIME parts walked per message (default: 10000)
      --max-header-bytes N    most header bytes per message (default: 8388608)
      --max-references N      most references kept per message (default: 10000)

Performance:
  -j, --jobs N            threads that parse messages; 1 parses on the main
                          thread, N > 1 adds N - 1 worker threads (at once
                          for files of 32 MiB or more, else once 32 MiB of
                          input has been read). The output does not depend
                          on N. (default: the available cores)

  -h, --help              show this help
  -V, --version           show the version

Exit status: 0 success, 1 I/O error or --strict failure, 2 usage error.

Examples:
  # a lore.kernel.org archive, as downloaded
  mbox2pw --base-url https://patchwork.example.org -o out/ linux-kbuild.mbox.gz

  # one series saved from a mail client, with a project definition
  mbox2pw --project ltp-project.json --api-version 1.3 --pretty series.mbox
`;

class UsageError extends Error {}

const FLAGS = {
  format: { type: 'string', short: 'f' },
  'from-rule': { type: 'string' },
  project: { type: 'string' },
  'list-id': { type: 'string' },
  linkname: { type: 'string' },
  'api-version': { type: 'string' },
  'base-url': { type: 'string' },
  'out-dir': { type: 'string', short: 'o' },
  ndjson: { type: 'boolean' },
  pretty: { type: 'boolean' },
  diagnostics: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
  strict: { type: 'boolean' },
  'max-message-bytes': { type: 'string' },
  'max-mime-depth': { type: 'string' },
  'max-parts': { type: 'string' },
  'max-header-bytes': { type: 'string' },
  'max-references': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

const INTEGER_FLAGS = {
  'max-message-bytes': 'maxMessageBytes',
  'max-mime-depth': 'maxMimeDepth',
  'max-parts': 'maxParts',
  'max-header-bytes': 'maxHeaderBytes',
  'max-references': 'maxReferences',
  jobs: 'jobs',
} as const;

function integer(flag: string, v: string): number {
  if (!/^\d+$/.test(v)) throw new UsageError(`--${flag} expects a positive integer, got ${JSON.stringify(v)}`);
  return Number(v);
}

interface Parsed {
  options: Options;
  inputs: string[];
  outDir?: string;
  ndjson: boolean;
  pretty: boolean;
  diagnosticsFile?: string;
  quiet: boolean;
  verbose: boolean;
  strict: boolean;
  help: boolean;
  version: boolean;
}

function parse(argv: string[]): Parsed {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const str = (k: string): string | undefined => values[k] as string | undefined;
  const options: Options = {};
  const fmt = str('format');
  if (fmt !== undefined) {
    if (!FORMATS.includes(fmt as never)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(fmt)}`);
    options.format = fmt as Options['format'] & string;
  }
  const rule = str('from-rule');
  if (rule !== undefined) {
    if (!FROM_RULES.includes(rule as never)) throw new UsageError(`--from-rule must be one of ${FROM_RULES.join(', ')}, got ${JSON.stringify(rule)}`);
    options.fromRule = rule as Options['fromRule'] & string;
  }
  const api = str('api-version');
  if (api !== undefined) {
    if (!API_VERSIONS.includes(api as never)) throw new UsageError(`--api-version must be one of ${API_VERSIONS.join(', ')}, got ${JSON.stringify(api)}`);
    options.apiVersion = api as Options['apiVersion'] & string;
  }
  if (str('base-url') !== undefined) options.baseUrl = str('base-url')!;
  if (str('list-id') !== undefined) options.listId = str('list-id')!;
  if (str('linkname') !== undefined) options.linkName = str('linkname')!;
  for (const [flag, key] of Object.entries(INTEGER_FLAGS)) {
    const v = str(flag);
    if (v !== undefined) options[key] = integer(flag, v);
  }
  const projectFile = str('project');
  if (projectFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(projectFile, 'utf8');
    } catch (e) {
      throw new UsageError(`--project: cannot read ${projectFile}: ${(e as Error).message}`);
    }
    try {
      options.project = JSON.parse(text) as Options['project'] & object;
    } catch (e) {
      throw new UsageError(`--project: ${projectFile} is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (values['ndjson'] && str('out-dir') !== undefined) throw new UsageError('--ndjson and --out-dir cannot be combined');
  const p: Parsed = {
    options,
    inputs: positionals.length > 0 ? positionals : ['-'],
    ndjson: !!values['ndjson'],
    pretty: !!values['pretty'],
    quiet: !!values['quiet'],
    verbose: !!values['verbose'],
    strict: !!values['strict'],
    help: !!values['help'],
    version: !!values['version'],
  };
  if (str('out-dir') !== undefined) p.outDir = str('out-dir')!;
  if (str('diagnostics') !== undefined) p.diagnosticsFile = str('diagnostics')!;
  return p;
}

/**
 * Line numbers for people, computed only for printed diagnostics: the input
 * is tapped chunk by chunk, newlines are counted per chunk, and the chunks of
 * the message being processed are kept so a line inside it can be found.
 */
class LineTap {
  #file = '';
  #chunks: Array<{ start: number; lines: number; buf: Uint8Array }> = [];
  #lines = 0;
  #end = 0;

  chunk(buf: Uint8Array, offset: number, file: string): void {
    if (file !== this.#file) {
      this.#file = file;
      this.#chunks = [];
      this.#lines = 0;
      this.#end = 0;
    }
    this.#chunks.push({ start: offset, lines: this.#lines, buf });
    this.#end = offset + buf.length;
    let n = 0;
    let i = buf.indexOf(10);
    while (i !== -1) {
      n++;
      i = buf.indexOf(10, i + 1);
    }
    this.#lines += n;
  }

  /** Forget chunks that end before `offset` (no later diagnostic points there). */
  release(offset: number): void {
    let k = 0;
    while (k < this.#chunks.length - 1 && this.#chunks[k]!.start + this.#chunks[k]!.buf.length <= offset) k++;
    if (k > 0) this.#chunks.splice(0, k);
  }

  line(file: string, offset: number): number | undefined {
    if (file !== this.#file || offset > this.#end) return undefined;
    for (const c of this.#chunks) {
      if (offset >= c.start && offset <= c.start + c.buf.length) {
        let n = c.lines;
        const stop = offset - c.start;
        let i = c.buf.indexOf(10);
        while (i !== -1 && i < stop) {
          n++;
          i = c.buf.indexOf(10, i + 1);
        }
        return n + 1;
      }
    }
    return undefined;
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function formatSummary(s: Summary, seconds: number, bytes: number): string {
  const mb = bytes / 1e6;
  return (
    `mbox2pw: ${plural(s.messages, 'message', 'messages')}: ${plural(s.patches, 'patch', 'patches')}, ` +
    `${plural(s.covers, 'cover letter', 'cover letters')}, ${plural(s.comments, 'comment', 'comments')}, ` +
    `${s.series} series, ${plural(s.people, 'person', 'people')}; ${s.dropped} dropped, ` +
    `${plural(s.duplicates, 'duplicate', 'duplicates')}, ${plural(s.errors, 'error', 'errors')}; ` +
    `${seconds.toFixed(2)} s, ${mb.toFixed(1)} MB, ${(seconds > 0 ? mb / seconds : 0).toFixed(1)} MB/s\n`
  );
}

/** Progress on a terminal: bytes, messages, MB/s and ETA, redrawn in place. */
class Progress {
  #start = Date.now();
  #last = 0;
  #shown = false;
  constructor(
    readonly stderr: CliIO['stderr'],
    readonly total: number | null,
  ) {}

  update(bytes: number, messages: number): void {
    const now = Date.now();
    if (now - this.#start < 1000 || now - this.#last < 200) return;
    this.#last = now;
    const secs = (now - this.#start) / 1000;
    const rate = bytes / 1e6 / secs;
    let line = `mbox2pw: ${(bytes / 1e6).toFixed(1)} MB`;
    if (this.total) {
      const pct = Math.min(100, (100 * bytes) / this.total);
      const eta = rate > 0 ? (this.total - bytes) / 1e6 / rate : 0;
      line += ` / ${(this.total / 1e6).toFixed(1)} MB (${pct.toFixed(0)}%)`;
      line += `, ${messages} messages, ${rate.toFixed(1)} MB/s, ETA ${Math.max(0, eta).toFixed(0)} s`;
    } else line += `, ${messages} messages, ${rate.toFixed(1)} MB/s`;
    this.stderr.write(`\r${line}\u001b[K`);
    this.#shown = true;
  }

  clear(): void {
    if (this.#shown) this.stderr.write('\r\u001b[K');
  }
}

/** One line for an I/O error: the code once, then the message. */
function errorText(err: NodeJS.ErrnoException): string {
  const msg = String(err.message ?? err).split('\n')[0]!;
  return err.code && !msg.startsWith(err.code) ? `${err.code}: ${msg}` : msg;
}

/**
 * Run the command line; resolves to the exit code. `defaults` are library
 * options the flags then override (for embedding, and for settings no flag
 * exposes, such as `workerThreshold`).
 */
export async function main(argv: string[], io: CliIO, defaults: Options = {}): Promise<number> {
  let args: Parsed;
  try {
    args = parse(argv);
    normalizeOptions({ ...defaults, ...args.options });
  } catch (e) {
    if (e instanceof UsageError || e instanceof OptionError) {
      io.stderr.write(`mbox2pw: ${e.message}\nTry 'mbox2pw --help' for more information.\n`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (args.version) {
    io.stdout.write(`mbox2pw ${VERSION}\n`);
    return 0;
  }
  const options = normalizeOptions({ ...defaults, ...args.options });
  const started = process.hrtime.bigint();

  let total: number | null = 0;
  for (const f of args.inputs) {
    if (f === '-') total = null;
    else if (total !== null) {
      try {
        total += statSync(f).size;
      } catch {
        total = null;
      }
    }
  }
  const tap = args.quiet ? null : new LineTap();
  const progress = !args.quiet && io.stderr.isTTY ? new Progress(io.stderr, total) : null;
  let bytesRead = 0;
  let bytesDone = 0;
  let sink: RecordSink;
  let dirSink: DirectorySink | null = null;
  const diagWriters: BatchWriter[] = [];
  try {
    if (args.outDir !== undefined) {
      dirSink = new DirectorySink(args.outDir, args.pretty);
      sink = dirSink;
      diagWriters.push(new BatchWriter(createWriteStream(join(args.outDir, 'diagnostics.ndjson'))));
    } else sink = args.ndjson ? new NdjsonSink(io.stdout) : new ObjectSink(io.stdout, args.pretty);
    if (args.diagnosticsFile !== undefined) diagWriters.push(new BatchWriter(createWriteStream(args.diagnosticsFile)));
  } catch (e) {
    io.stderr.write(`mbox2pw: ${errorText(e as NodeJS.ErrnoException)}\n`);
    return 1;
  }

  let errors = 0;
  let summary: Summary | null = null;
  let projectJson = '';
  const human = (d: Diagnostic): void => {
    if (args.quiet) return;
    if (d.severity === 'info' && !args.verbose) return;
    progress?.clear();
    io.stderr.write(formatDiagnostic(d, tap?.line(d.file, d.offset)) + '\n');
  };
  const sources: MboxSource[] = args.inputs;
  try {
    const events: AsyncGenerator<RunEvent> = run(
      sources,
      options,
      {
        onChunk: (c, offset, file) => {
          tap?.chunk(c, offset, file);
          bytesDone += c.length;
        },
        onProgress: (n) => {
          bytesRead = n;
        },
        onMessageDone: (offset) => {
          tap?.release(offset);
          progress?.update(total ? bytesRead : bytesDone, summaryCount());
        },
      },
      { stdin: io.stdin },
    );
    let messages = 0;
    const summaryCount = (): number => ++messages;
    for await (const ev of events) {
      if (ev.type === 'diagnostic') {
        if (ev.diagnostic.severity === 'error') errors++;
        human(ev.diagnostic);
        const line = JSON.stringify(ev.diagnostic) + '\n';
        for (const w of diagWriters) await w.write(line);
      } else if (ev.type === 'done') {
        summary = ev.summary;
        projectJson = ev.project;
      } else await sink.add(ev.type, ev.json);
    }
    await sink.end();
    if (dirSink) await dirSink.writeFile('project.json', projectJson + '\n');
    for (const w of diagWriters) await w.end(true);
  } catch (e) {
    progress?.clear();
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EPIPE') return 1;
    io.stderr.write(`mbox2pw: ${errorText(err)}\n`);
    return 1;
  }
  progress?.clear();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!args.quiet && summary) io.stderr.write(formatSummary(summary, seconds, bytesDone));
  if (args.strict && errors > 0) return 1;
  return 0;
}
