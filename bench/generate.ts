/**
 * Deterministic generator of a realistic lore-style mboxrd archive of any size:
 *   node build/bench/generate.js --size 1G --seed 1 > corpus.mbox
 *
 * Threads of patch series (with and without cover letters, re-rolls), git
 * diffs of varied size, review replies with quotes and trailers, the
 * transfer-encoding and charset mix of real lists (utf-8 8bit, us-ascii,
 * quoted-printable, base64, latin-1), "X via List" DMARC From rewrites, and
 * the ~30 headers per mail real archives carry (Received chains, DKIM, ARC,
 * List-*). Every byte comes from a seeded PRNG, so a size and seed always
 * give the same file.
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

/** A small seeded PRNG (mulberry32): the same seed, the same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Ada', 'Linus', 'Grace', 'Ken', 'Barbara', 'Dennis', 'Frances', 'Edsger', 'Radia', 'Donald', 'Margaret', 'Niklaus', 'Jörg', 'Zoë', 'Łukasz', 'Søren', 'José', 'Chloé', 'Dmitrij', 'Ингрид', 'Hiro', 'Anaïs', 'Björn', 'Małgorzata'];
const LAST = ['Lovelace', 'Torvalds', 'Hopper', 'Thompson', 'Liskov', 'Ritchie', 'Allen', 'Dijkstra', 'Perlman', 'Knuth', 'Hamilton', 'Wirth', 'Rödel', 'Brontë', 'Nowak', 'Kierkegaard', 'García', 'Lefèvre', 'Petrov', 'Sørensen', 'Tanaka', 'Dubois', 'Töpel', 'Wiśniewska'];
const AREAS = ['mm', 'net', 'fs/ext4', 'drivers/gpu', 'kernel/sched', 'lib', 'syscalls', 'testcases/kernel', 'io_uring', 'bpf', 'tools/testing', 'doc'];
const WORDS = 'the of and to in is that for it as with was on be by this are from or an at which not have has but were can all its one when would into also more than may only other such these some time use used about two new first each then any most over should where there they data code value function return case error test check path buffer size list state file pointer memory lock device driver'.split(' ');
const LIST = 'demo.lists.example.org';
const LIST_ADDR = 'demo@lists.example.org';

interface Person {
  name: string;
  email: string;
  dmarc: boolean;
}

class Gen {
  rnd: () => number;
  people: Person[] = [];
  t = Date.UTC(2025, 0, 1) / 1000;
  n = 0;
  constructor(seed: number) {
    this.rnd = mulberry32(seed);
    for (let i = 0; i < 400; i++) {
      const f = this.pick(FIRST);
      const l = this.pick(LAST);
      const email = `${ascii(f)}.${ascii(l)}${i}@${this.pick(['example.com', 'mail.example.net', 'corp.example.org', 'kernel.example'])}`.toLowerCase();
      this.people.push({ name: `${f} ${l}`, email, dmarc: this.rnd() < 0.15 });
    }
  }
  int(a: number, b: number): number {
    return a + Math.floor(this.rnd() * (b - a + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)]!;
  }
  sentence(min = 5, max = 14): string {
    const n = this.int(min, max);
    const w: string[] = [];
    for (let i = 0; i < n; i++) w.push(this.pick(WORDS));
    const s = w.join(' ');
    return s[0]!.toUpperCase() + s.slice(1) + '.';
  }
  paragraph(lines: number): string {
    const out: string[] = [];
    let line = '';
    for (let i = 0; i < lines * 2; i++) {
      const s = this.sentence();
      if ((line + ' ' + s).length > 72) {
        out.push(line);
        line = s;
        if (out.length >= lines) break;
      } else line = line ? `${line} ${s}` : s;
    }
    if (line && out.length < lines) out.push(line);
    return out.join('\n');
  }
  msgid(): string {
    return `<${this.t}.${++this.n}-${this.int(1000, 9999)}-git-send-email@${this.pick(['example.com', 'mail.example.net'])}>`;
  }
  date(): string {
    this.t += this.int(1, 120);
    const d = new Date(this.t * 1000);
    const zones = ['+0000', '+0100', '-0700', '+0530', '+0800', '-0400'];
    return d.toUTCString().replace('GMT', this.pick(zones));
  }
  diff(): { diff: string; stat: string } {
    const files = this.int(1, 5);
    let diff = '';
    const stat: string[] = [];
    for (let f = 0; f < files; f++) {
      const path = `${this.pick(AREAS)}/${this.pick(WORDS)}_${this.pick(WORDS)}.c`;
      diff += `diff --git a/${path} b/${path}\nindex ${hex(this.rnd, 7)}..${hex(this.rnd, 7)} 100644\n--- a/${path}\n+++ b/${path}\n`;
      const hunks = this.int(1, 4);
      let add = 0;
      let del = 0;
      let start = this.int(1, 400);
      for (let h = 0; h < hunks; h++) {
        const ctx1 = this.int(1, 3);
        const minus = this.int(0, 8);
        const plus = this.int(1, 14);
        const ctx2 = this.int(1, 3);
        const body: string[] = [];
        for (let i = 0; i < ctx1; i++) body.push(` ${this.codeLine()}`);
        for (let i = 0; i < minus; i++) body.push(`-${this.codeLine()}`);
        for (let i = 0; i < plus; i++) body.push(`+${this.codeLine()}`);
        for (let i = 0; i < ctx2; i++) body.push(` ${this.codeLine()}`);
        diff += `@@ -${start},${ctx1 + minus + ctx2} +${start},${ctx1 + plus + ctx2} @@ static int ${this.pick(WORDS)}_${this.pick(WORDS)}(void)\n${body.join('\n')}\n`;
        start += this.int(20, 120);
        add += plus;
        del += minus;
      }
      stat.push(` ${path} | ${add + del} ${'+'.repeat(Math.min(add, 30))}${'-'.repeat(Math.min(del, 30))}`);
    }
    return { diff, stat: stat.join('\n') + `\n ${files} file${files > 1 ? 's' : ''} changed` };
  }
  codeLine(): string {
    const indent = '\t'.repeat(this.int(0, 3));
    switch (this.int(0, 5)) {
      case 0:
        return `${indent}if (${this.pick(WORDS)}_${this.pick(WORDS)} < ${this.int(0, 4096)})`;
      case 1:
        return `${indent}return -E${this.pick(['INVAL', 'NOMEM', 'BUSY', 'IO', 'AGAIN'])};`;
      case 2:
        return `${indent}${this.pick(WORDS)}->${this.pick(WORDS)} = ${this.pick(WORDS)}(${this.pick(WORDS)}, ${this.int(0, 64)});`;
      case 3:
        return `${indent}/* ${this.sentence(3, 8)} */`;
      case 4:
        return '';
      default:
        return `${indent}tst_res(TPASS, "${this.sentence(2, 6)}");`;
    }
  }
}

function ascii(s: string): string {
  return s.normalize('NFD').replace(/[^A-Za-z]/g, '') || 'x';
}
function hex(rnd: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(rnd() * 16)];
  return s;
}
function encodeWord(s: string): string {
  return /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`;
}
function qp(s: string): string {
  const out: string[] = [];
  for (const line of Buffer.from(s, 'utf8').toString('latin1').split('\n')) {
    let enc = '';
    for (const ch of line) {
      const c = ch.charCodeAt(0);
      enc += c === 61 || c > 126 || (c < 32 && c !== 9) ? `=${c.toString(16).toUpperCase().padStart(2, '0')}` : ch;
    }
    while (enc.length > 76) {
      let cut = 75;
      if (enc[cut - 1] === '=') cut -= 1;
      else if (enc[cut - 2] === '=') cut -= 2;
      out.push(enc.slice(0, cut) + '=');
      enc = enc.slice(cut);
    }
    out.push(enc);
  }
  return out.join('\n');
}

function headersFor(g: Gen, p: Person, subject: string, msgid: string, refs: string[], date: string): string[] {
  const h: string[] = [];
  const hops = g.int(2, 5);
  for (let i = 0; i < hops; i++) {
    h.push(
      `Received: from mx${g.int(1, 9)}.example.net (mx${g.int(1, 9)}.example.net [192.0.2.${g.int(1, 254)}])\n\tby lists.example.org (Postfix) with ESMTPS id ${hex(g.rnd, 10).toUpperCase()}\n\tfor <${LIST_ADDR}>; ${date}`,
    );
  }
  h.push(`Authentication-Results: lists.example.org; dkim=pass (2048-bit key) header.d=example.com header.i=@example.com header.b="${hex(g.rnd, 8)}"`);
  h.push(`DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=20230601; t=${g.t};\n\tx=${g.t + 604800}; darn=${LIST}; h=to:subject:message-id:date:from:from:to:cc:subject\n\t:date:message-id:reply-to; bh=${hex(g.rnd, 43)}=;\n\tb=${hex(g.rnd, 70)}\n\t${hex(g.rnd, 70)}\n\t${hex(g.rnd, 40)}==`);
  if (p.dmarc) {
    h.push(`From: ${encodeWord(`${p.name} via demo`)} <${LIST_ADDR}>`);
    h.push(`Reply-To: ${encodeWord(p.name)} <${p.email}>`);
  } else h.push(`From: ${encodeWord(p.name)} <${p.email}>`);
  h.push(`To: ${LIST_ADDR}`);
  if (g.rnd() < 0.7) h.push(`Cc: ${encodeWord(g.pick(g.people).name)} <${g.pick(g.people).email}>,\n ${g.pick(g.people).email}`);
  h.push(`Subject: ${subject.length > 60 && g.rnd() < 0.5 ? subject.replace(/^(.{40,60}?) /, '$1\n ') : subject}`);
  h.push(`Date: ${date}`);
  h.push(`Message-Id: ${msgid}`);
  if (refs.length > 0) {
    h.push(`In-Reply-To: ${refs[refs.length - 1]}`);
    h.push(`References: ${refs.join('\n ')}`);
  }
  h.push('X-Mailer: git-send-email 2.43.0');
  h.push('MIME-Version: 1.0');
  h.push(`List-Id: Demo development list <${LIST}>`);
  h.push(`List-Unsubscribe: <https://lists.example.org/options/demo>,\n <mailto:demo-request@lists.example.org?subject=unsubscribe>`);
  h.push(`List-Archive: <https://lists.example.org/pipermail/demo/>`);
  h.push(`List-Post: <mailto:${LIST_ADDR}>`);
  h.push(`List-Help: <mailto:demo-request@lists.example.org?subject=help>`);
  h.push(`Errors-To: demo-bounces+demo=archiver.example.org@lists.example.org`);
  h.push(`Sender: "demo" <demo-bounces+demo=archiver.example.org@lists.example.org>`);
  return h;
}

/** The body and its transfer-encoding headers, in the mix real lists carry. */
function encodeBody(g: Gen, text: string): { headers: string[]; body: string } {
  const r = g.rnd();
  const ascii7 = /^[\x00-\x7f]*$/.test(text);
  if (r < 0.07) return { headers: ['Content-Type: text/plain; charset="utf-8"', 'Content-Transfer-Encoding: quoted-printable'], body: qp(text) };
  if (r < 0.12) {
    const b64 = Buffer.from(text, 'utf8').toString('base64').replace(/.{76}/g, '$&\n');
    return { headers: ['Content-Type: text/plain; charset="utf-8"', 'Content-Transfer-Encoding: base64'], body: b64 };
  }
  if (r < 0.14 && /^[\x00-\xff]*$/.test(text)) {
    return { headers: ['Content-Type: text/plain; charset=iso-8859-1', 'Content-Transfer-Encoding: 8bit'], body: Buffer.from(text, 'latin1').toString('binary') };
  }
  if (ascii7) return { headers: ['Content-Type: text/plain; charset=us-ascii', 'Content-Transfer-Encoding: 7bit'], body: text };
  return { headers: ['Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: 8bit'], body: text };
}

/** One mail as mboxrd bytes (UTF-8 body unless latin-1 was chosen). */
function mail(g: Gen, p: Person, subject: string, refs: string[], text: string): { msgid: string; bytes: Buffer } {
  const msgid = g.msgid();
  const date = g.date();
  const enc = encodeBody(g, text);
  const head = [...headersFor(g, p, subject, msgid, refs, date), ...enc.headers].join('\n');
  const latin1 = enc.headers[0]!.includes('iso-8859-1');
  const body = enc.body.replace(/^(>*From )/gm, '>$1');
  const out = Buffer.concat([
    Buffer.from(`From mboxrd@z Thu Jan  1 00:00:00 1970\n${head}\n\n`, 'utf8'),
    latin1 ? Buffer.from(body, 'latin1') : Buffer.from(body, 'utf8'),
    Buffer.from('\n\n'),
  ]);
  return { msgid, bytes: out };
}

function quote(text: string, lines: number): string {
  return text
    .split('\n')
    .slice(0, lines)
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');
}

/** One thread: a series (maybe with cover), its reviews, sometimes a re-roll. */
function* thread(g: Gen): Generator<Buffer> {
  const author = g.pick(g.people);
  const area = g.pick(AREAS);
  const topic = `${area}: ${g.sentence(3, 8).replace(/\.$/, '').toLowerCase()}`;
  const total = g.rnd() < 0.45 ? 1 : g.int(2, 12);
  const rerolls = g.rnd() < 0.2 ? 2 : 1;
  for (let v = 1; v <= rerolls; v++) {
    const vtag = v > 1 ? ` v${v}` : '';
    const tag = g.rnd() < 0.3 ? '[LTP] ' : '';
    const refs: string[] = [];
    const patchTexts: Array<{ id: string; text: string; subject: string }> = [];
    if (total > 1 && g.rnd() < 0.8) {
      const coverText = `${g.paragraph(g.int(3, 12))}\n\n${author.name} (${total}):\n${Array.from({ length: total }, () => `  ${g.sentence(3, 7)}`).join('\n')}\n\n-- \n2.43.0`;
      const cover = mail(g, author, `${tag}[PATCH${vtag} 0/${total}] ${topic}`, [], coverText);
      refs.push(cover.msgid);
      yield cover.bytes;
    }
    for (let i = 1; i <= total; i++) {
      const { diff, stat } = g.diff();
      const marker = total > 1 ? ` ${i}/${total}` : '';
      const subject = `${tag}[PATCH${vtag}${marker}] ${topic}${total > 1 ? ` (part ${i})` : ''}`;
      const text = `${g.paragraph(g.int(2, 10))}\n\nSigned-off-by: ${author.name} <${author.email}>\n---\n${stat}\n\n${diff}-- \n2.43.0`;
      const m = mail(g, author, subject, refs.slice(0, 1), text);
      patchTexts.push({ id: m.msgid, text, subject });
      if (refs.length === 0) refs.push(m.msgid);
      yield m.bytes;
    }
    for (const pt of patchTexts) {
      const replies = g.rnd() < 0.5 ? 0 : g.int(1, 4);
      let parent = pt;
      for (let r = 0; r < replies; r++) {
        const who = g.pick(g.people);
        const trailer = g.rnd() < 0.5 ? `\n\n${g.pick(['Reviewed-by', 'Acked-by', 'Tested-by'])}: ${who.name} <${who.email}>` : '';
        const text = `Hi,\n\nOn ${new Date(g.t * 1000).toUTCString()}, ${author.name} wrote:\n${quote(parent.text, g.int(3, 25))}\n\n${g.paragraph(g.int(1, 6))}${trailer}\n\nThanks,\n${who.name.split(' ')[0]}`;
        const m = mail(g, who, `Re: ${pt.subject}`, [...refs, pt.id, ...(parent.id !== pt.id ? [parent.id] : [])], text);
        yield m.bytes;
        if (g.rnd() < 0.4) parent = { id: m.msgid, text, subject: pt.subject };
      }
    }
  }
}

export async function generate(out: Writable, size: number, seed: number): Promise<{ bytes: number; mails: number }> {
  const g = new Gen(seed);
  let bytes = 0;
  let mails = 0;
  let batch: Buffer[] = [];
  let batchBytes = 0;
  const flush = async (): Promise<void> => {
    if (!out.write(Buffer.concat(batch))) await new Promise((r) => out.once('drain', r));
    batch = [];
    batchBytes = 0;
  };
  while (bytes < size) {
    for (const m of thread(g)) {
      batch.push(m);
      batchBytes += m.length;
      bytes += m.length;
      mails++;
    }
    if (batchBytes > 1 << 20) await flush();
  }
  await flush();
  return { bytes, mails };
}

function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmMgG]?)$/.exec(s);
  if (!m) throw new Error(`bad size ${s}`);
  const mult = { '': 1, k: 1e3, m: 1e6, g: 1e9 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(m[1]) * mult);
}

if (process.argv[1] && /generate\.js$/.test(process.argv[1])) {
  const args = process.argv.slice(2);
  let size = 100e6;
  let seed = 1;
  let file: string | null = null;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--size') size = parseSize(args[++i]!);
    else if (args[i] === '--seed') seed = Number(args[++i]);
    else if (args[i] === '-o') file = args[++i]!;
  }
  const out = file ? createWriteStream(file) : process.stdout;
  const r = await generate(out, size, seed);
  if (file) await new Promise<void>((res) => out.end(() => res()));
  process.stderr.write(`generated ${r.mails} mails, ${r.bytes} bytes\n`);
}
