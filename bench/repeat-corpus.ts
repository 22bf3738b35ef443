/**
 * Grows a real mbox into a large benchmark corpus of independent mail:
 *   node build/bench/repeat-corpus.js --copies K -o out.mbox input.mbox
 *
 * The input is written K times. In copy k (from 0) every message id in the
 * Message-Id, In-Reply-To and References headers gets a `c<k>.` tag, every
 * Date moves k weeks later, and every Subject ends in ` [copy <k>]`, so that
 * a copy's mails are neither duplicates of another copy's nor fall into its
 * series (same-window grouping, cover names). Bodies and all other bytes are
 * kept. Copy 0 keeps its Subjects, so the first copy is the input's mail.
 *
 * Meant for `../shared/conformance/lore-ltp-2025/input.mbox` (mboxrd, as
 * lore serves it), the real-mail corpus of `bench/README.md`.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEK_MS = 7 * 24 * 3600 * 1000;

/** Split at every line that begins with `From ` (the envelope line stays with its message). */
export function splitAtFromLines(data: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = data.indexOf('From ') === 0 ? 0 : data.indexOf('\nFrom ') + 1;
  if (start < 0) return [data];
  for (;;) {
    const next = data.indexOf('\nFrom ', start);
    if (next < 0) {
      out.push(data.subarray(start));
      return out;
    }
    out.push(data.subarray(start, next + 1));
    start = next + 1;
  }
}

/** `Tue, 7 Jan 2025 10:05:17 +0100` moved `weeks` weeks later (the weekday stays right). */
function laterDate(value: string, weeks: number): string {
  return value.replace(/\b(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})\b/, (m, d: string, mon: string, y: string) => {
    const month = MONTHS.indexOf(mon);
    if (month < 0) return m;
    const t = new Date(Date.UTC(Number(y), month, Number(d)) + weeks * WEEK_MS);
    return `${t.getUTCDate()} ${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()}`;
  });
}

/** One message of copy `k`: its header block rewritten, its body kept. */
export function rewrite(message: Buffer, k: number): Buffer {
  if (k === 0) return message;
  let end = message.indexOf('\n\n');
  if (end < 0) end = message.length;
  // Header text as latin-1, so every byte survives the round trip.
  const head = message.toString('latin1', 0, end);
  const lines = head.split('\n');
  const out: string[] = [];
  let field = '';
  for (const line of lines) {
    const folded = line.startsWith(' ') || line.startsWith('\t');
    if (!folded) field = line.slice(0, Math.max(0, line.indexOf(':'))).toLowerCase();
    let l = line;
    if (field === 'message-id' || field === 'in-reply-to' || field === 'references') {
      l = l.replace(/<([^<>\s]+)>/g, `<c${k}.$1>`);
    } else if (field === 'date' && !folded) {
      l = laterDate(l, k);
    }
    out.push(l);
  }
  // The Subject's last line gets the copy tag.
  let subjectEnd = -1;
  for (let i = 0; i < out.length; i++) {
    const l = out[i]!;
    if (/^subject:/i.test(l)) {
      subjectEnd = i;
      while (subjectEnd + 1 < out.length && /^[ \t]/.test(out[subjectEnd + 1]!)) subjectEnd++;
      break;
    }
  }
  if (subjectEnd >= 0) out[subjectEnd] = out[subjectEnd]!.replace(/\r?$/, (cr) => ` [copy ${k}]${cr}`);
  return Buffer.concat([Buffer.from(out.join('\n'), 'latin1'), message.subarray(end)]);
}

function main(): void {
  const args = process.argv.slice(2);
  let copies = 10;
  let output = '';
  let input = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--copies') copies = Number(args[++i]);
    else if (a === '-o') output = args[++i]!;
    else input = a;
  }
  if (!input || !output || !Number.isInteger(copies) || copies < 1) {
    process.stderr.write('usage: repeat-corpus.js --copies K -o OUT.mbox INPUT.mbox\n');
    process.exit(2);
  }
  const messages = splitAtFromLines(readFileSync(input));
  const fd = openSync(output, 'w');
  let bytes = 0;
  for (let k = 0; k < copies; k++) {
    for (const m of messages) {
      const b = rewrite(m, k);
      writeSync(fd, b);
      bytes += b.length;
    }
  }
  closeSync(fd);
  process.stderr.write(`wrote ${copies} copies of ${messages.length} messages, ${bytes} bytes\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main();
