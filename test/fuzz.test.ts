/**
 * Robustness: hostile and mutated input never throws, every message yields
 * exactly one outcome, output is deterministic and valid JSON.
 *
 * Mutations are computed at test time from the conformance inputs (never
 * copied into the repository) and from synthetic mails made here. A longer
 * soak: `npm run fuzz -- --minutes N` (MBOX2PW_FUZZ_MINUTES).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseMbox, parseMboxSync, splitMbox, type ParseResult } from '../src/index.js';
import { writeMbox } from '../src/mbox/writer.js';
import { mulberry32 } from '../bench/generate.js';
import { conformanceCases, hasShared } from './helpers/shared.js';

const SOAK_MINUTES = Number(process.env['MBOX2PW_FUZZ_MINUTES'] ?? '0');

/** The promise: one outcome per message, valid JSON everywhere. */
function checkRun(input: Uint8Array, label: string, format: 'mboxo' | 'mboxrd' | 'eml' | 'auto' = 'auto'): ParseResult {
  let r: ParseResult;
  try {
    r = parseMboxSync(input, { format });
  } catch (e) {
    assert.fail(`${label}: threw ${(e as Error).stack}`);
  }
  const messages = splitMbox(input, { format }).filter((e) => e.kind === 'message').length;
  const skipped = r.diagnostics.filter((d) => d.skipped).length;
  assert.equal(r.summary.messages, messages, `${label}: message count`);
  assert.equal(r.summary.patches + r.summary.covers + r.summary.comments + skipped, messages, `${label}: outcomes`);
  assert.equal(r.diagnostics.filter((d) => d.code === 'INTERNAL_ERROR').length, 0, `${label}: internal errors: ${JSON.stringify(r.diagnostics.find((d) => d.code === 'INTERNAL_ERROR'))}`);
  const text = JSON.stringify(r);
  assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text), `${label}: lone surrogate in output`);
  JSON.parse(text);
  return r;
}

const DIFF = 'diff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -1,2 +1,2 @@\n-old\n+new\n context\n';
const MULTIPART =
  'From nobody Mon Jan  1 00:00:00 2024\nFrom: Ada <ada@example.org>\nSubject: [PATCH] m\nMessage-Id: <m@x>\n' +
  'Content-Type: multipart/mixed; boundary="b1"\n\npre\n--b1\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nHi =C3=A9\n' +
  '--b1\nContent-Type: text/x-patch\nContent-Transfer-Encoding: base64\n\n' +
  Buffer.from(DIFF).toString('base64') +
  '\n--b1--\nepilogue\n';

/** Mutations of one mbox: a deterministic list for a seed. */
function mutations(input: Buffer, rnd: () => number): Array<[string, Buffer]> {
  const out: Array<[string, Buffer]> = [];
  const s = input.toString('latin1');
  // truncation at every MIME boundary line (first 20)
  let k = 0;
  for (const m of s.matchAll(/^--[^\n]*$/gm)) {
    if (k++ >= 20) break;
    out.push([`truncate@${m.index}`, input.subarray(0, m.index)]);
    out.push([`double@${m.index}`, Buffer.from(s.slice(0, m.index) + m[0] + '\n' + s.slice(m.index), 'latin1')]);
  }
  out.push(['no-close', Buffer.from(s.replace(/^(--[^\n]*)--[ \t]*$/gm, '$1'), 'latin1')]);
  // flipped bytes in the header blocks
  for (let i = 0; i < 8; i++) {
    const b = Buffer.from(input);
    const end = Math.min(b.length, Math.max(1, s.indexOf('\n\n')));
    for (let j = 0; j < 4; j++) b[Math.floor(rnd() * end)] = Math.floor(rnd() * 256);
    out.push([`flip#${i}`, b]);
  }
  // flipped bytes anywhere
  for (let i = 0; i < 4; i++) {
    const b = Buffer.from(input);
    for (let j = 0; j < 16; j++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
    out.push([`flip-any#${i}`, b]);
  }
  out.push(['nul', Buffer.from(s.replace(/e/g, '\u0000'), 'latin1')]);
  out.push(['lone-cr', Buffer.from(s.replace(/\n/g, (m) => (rnd() < 0.3 ? '\r' : m)), 'latin1')]);
  out.push(['bad-b64', Buffer.from(s.replace(/^([A-Za-z0-9+/]{20})/gm, '$1!*'), 'latin1')]);
  out.push(['bad-qp', Buffer.from(s.replace(/=([0-9A-F]{2})/g, '=$1=Z=\n'), 'latin1')]);
  out.push(['long-line', Buffer.concat([input, Buffer.from('\n' + 'x'.repeat(200_000))])]);
  return out;
}

describe('fuzz: mutated conformance inputs', { skip: hasShared ? false : 'reference corpus not found' }, () => {
  const cases = conformanceCases().filter((c) => !c.name.includes('@') && c.name !== 'lore-ltp-2025');
  it(`${cases.length} cases x ~60 mutations never throw and conserve outcomes`, () => {
    const rnd = mulberry32(1);
    let tried = 0;
    for (const c of cases) {
      const input = readFileSync(c.dir + 'input.mbox');
      for (const [name, bytes] of mutations(input, rnd)) {
        checkRun(bytes, `${c.name}/${name}`);
        tried++;
      }
    }
    assert.ok(tried > 1000, `tried ${tried}`);
  });

  it('the first 200 lore messages, byte-flipped', () => {
    const lore = conformanceCases().find((c) => c.name === 'lore-ltp-2025');
    assert.ok(lore);
    const all = readFileSync(lore.dir + 'input.mbox');
    const cut = all.indexOf('\nFrom mboxrd@z', 2_000_000);
    const input = all.subarray(0, cut + 1);
    const rnd = mulberry32(2);
    for (let i = 0; i < 3; i++) {
      const b = Buffer.from(input);
      for (let j = 0; j < 2000; j++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
      checkRun(b, `lore flip #${i}`, 'mboxrd');
    }
  });
});

describe('fuzz: synthetic hostile mail', () => {
  const head = 'From nobody Mon Jan  1 00:00:00 2024\nFrom: Ada <ada@example.org>\nMessage-Id: <h@x>\n';
  it('mutations of a multipart patch', () => {
    const rnd = mulberry32(3);
    for (const [name, bytes] of mutations(Buffer.from(MULTIPART, 'latin1'), rnd)) checkRun(bytes, name);
  });

  it('10,000 nested multiparts become one error diagnostic', () => {
    let body = '';
    for (let i = 0; i < 10_000; i++) body += `--b${i}\nContent-Type: multipart/mixed; boundary="b${i + 1}"\n\n`;
    const m = `${head}Subject: [PATCH] deep\nContent-Type: multipart/mixed; boundary="b0"\n\n${body}\n`;
    const r = checkRun(Buffer.from(m), 'deep');
    assert.equal(r.diagnostics.find((d) => d.skipped)?.code, 'MAIL_LIMIT_EXCEEDED');
  });

  it('100,000 headers, a 2 MB header line, a 5 MB diff line', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `X-H${i}: v`).join('\n');
    checkRun(Buffer.from(`${head}Subject: [PATCH] many\n${many}\n\n${DIFF}`), 'many headers');
    checkRun(Buffer.from(`${head}Subject: [PATCH] ${'y'.repeat(2_000_000)}\n\n${DIFF}`), 'long subject');
    const r = checkRun(Buffer.from(`${head}Subject: [PATCH] long diff\n\n${DIFF}+${'z'.repeat(5_000_000)}\n`), 'long diff line');
    assert.equal(r.patches.length, 1);
  });

  it('__proto__, constructor and toString headers are ordinary keys', () => {
    const m = `${head}Subject: [PATCH] proto\n__proto__: polluted\nconstructor: c\ntoString: t\nhasOwnProperty: h\n\n${DIFF}`;
    const r = checkRun(Buffer.from(m), 'proto');
    const h = r.patches[0]!.headers;
    assert.equal(Object.getOwnPropertyDescriptor(h, '__proto__')?.value, 'polluted');
    assert.equal(Object.getOwnPropertyDescriptor(h, 'constructor')?.value, 'c');
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.equal(Object.prototype.toString.call({}), '[object Object]');
  });

  it('regression: bytes that start like gzip but are not (found by the soak)', () => {
    const r = checkRun(Uint8Array.from([31, 139]), 'gzip magic only', 'mboxo');
    assert.equal(r.diagnostics[0]!.code, 'MBOX_BAD_GZIP');
    checkRun(Buffer.concat([Buffer.from([31, 139, 8, 0]), Buffer.from('From x\nA: b\n\nc\n')]), 'gzip header then text');
  });

  it('deep reference chains and duplicated Message-Ids', () => {
    const refs = Array.from({ length: 20_000 }, (_, i) => `<r${i}@x>`).join(' ');
    const m = `${head}Subject: Re: x\nReferences: ${refs}\nIn-Reply-To: <h@x>\n\nreply\n`;
    checkRun(Buffer.from(`${head}Subject: [PATCH] p\n\n${DIFF}\n` + m.repeat(3)), 'refs');
  });
});

/**
 * Normally one fast-check run of `runs` cases; in a soak, fresh seeds until
 * the time is up (the seed of a failure is in fast-check's report).
 */
function soakAssert<T>(property: fc.IProperty<T>, runs: number): number {
  if (SOAK_MINUTES <= 0) {
    fc.assert(property, { numRuns: runs });
    return runs;
  }
  const deadline = Date.now() + (SOAK_MINUTES * 60_000) / 3;
  let total = 0;
  for (let seed = 1; Date.now() < deadline; seed++) {
    fc.assert(property, { numRuns: 5_000, seed });
    total += 5_000;
  }
  return total;
}

const SOAK_TIMEOUT = SOAK_MINUTES * 60_000 + 120_000;

describe('properties', () => {
  it('arbitrary bytes never throw and conserve outcomes', { timeout: SOAK_TIMEOUT }, () => {
    const n = soakAssert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('mboxo', 'mboxrd', 'eml', 'auto' as const), (bytes, format) => {
        checkRun(Buffer.concat([Buffer.from('From x\n'), bytes]), 'bytes', format);
        checkRun(bytes, 'raw bytes', format);
      }),
      200,
    );
    if (SOAK_MINUTES > 0) console.log(`soak: ${n} arbitrary inputs`);
  });

  it('mail-shaped text never throws', { timeout: SOAK_TIMEOUT }, () => {
    const line = fc.oneof(
      fc.constantFrom('From: A <a@example.org>', 'Subject: [PATCH 1/2] x', 'Subject: Re: y', 'Message-Id: <a@x>', 'In-Reply-To: <a@x>', 'Content-Type: multipart/mixed; boundary=b', '--b', '--b--', 'Content-Transfer-Encoding: base64', 'Content-Transfer-Encoding: quoted-printable', '', 'diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -1 +1 @@', '-a', '+b', 'From x', '>From y', '=?utf-8?q?=C3=A9?=', 'GIT binary patch'),
      fc.string({ maxLength: 40 }),
    );
    const n = soakAssert(
      fc.property(fc.array(line, { maxLength: 60 }), (lines) => {
        checkRun(Buffer.from('From x\n' + lines.join('\n') + '\n'), 'lines');
      }),
      200,
    );
    if (SOAK_MINUTES > 0) console.log(`soak: ${n} mail-shaped inputs`);
  });

  it('mutated conformance mails, fresh seeds', { skip: SOAK_MINUTES > 0 && hasShared ? false : 'soak only', timeout: SOAK_TIMEOUT }, () => {
    const cases = conformanceCases().filter((c) => !c.name.includes('@') && c.name !== 'lore-ltp-2025');
    const inputs = cases.map((c) => [c.name, readFileSync(c.dir + 'input.mbox')] as const);
    const deadline = Date.now() + (SOAK_MINUTES * 60_000) / 3;
    let tried = 0;
    for (let seed = 100; Date.now() < deadline; seed++) {
      const rnd = mulberry32(seed);
      for (const [name, input] of inputs) {
        for (const [m, bytes] of mutations(input, rnd)) {
          checkRun(bytes, `${name}/${m} seed ${seed}`);
          tried++;
        }
      }
    }
    console.log(`soak: ${tried} mutated mails`);
  });

  it('mboxrd written by writeMbox reads back as the same messages', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), (msgs) => {
        const normalised = msgs.map((m) => (m.length === 0 || m[m.length - 1] === 10 ? Buffer.from(m) : Buffer.concat([m, Buffer.from('\n')])));
        const back = splitMbox(writeMbox(normalised), { format: 'mboxrd' }).flatMap((e) => (e.kind === 'message' ? [Buffer.from(e.message.bytes)] : []));
        assert.deepEqual(back, normalised);
      }),
      { numRuns: 300 },
    );
  });

  it('output does not depend on chunking', async () => {
    const input = Buffer.from(MULTIPART.repeat(3) + `From x Mon Jan  1 00:00:00 2024\nFrom: B <b@example.org>\nSubject: Re: [PATCH] m\nMessage-Id: <r@x>\nIn-Reply-To: <m@x>\n\nok\n`);
    const whole = JSON.stringify(parseMboxSync(input));
    const rnd = mulberry32(4);
    for (let i = 0; i < 20; i++) {
      const chunks: Buffer[] = [];
      for (let p = 0; p < input.length; ) {
        const n = 1 + Math.floor(rnd() * 64);
        chunks.push(input.subarray(p, p + n));
        p += n;
      }
      const got: unknown[] = [];
      for await (const o of parseMbox((async function* () { yield* chunks; })())) got.push(o);
      const sync = parseMboxSync(input);
      assert.equal(got.filter((o) => (o as { type: string }).type === 'patch').length, sync.patches.length);
      assert.equal(JSON.stringify(parseMboxSync(Buffer.concat(chunks))), whole);
    }
  });
});
