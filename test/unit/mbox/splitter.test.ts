import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { MboxSplitter, type SplitEvent, type SplitterOptions } from '../../../src/mbox/splitter.js';
import { readMbox, splitMbox } from '../../../src/mbox/reader.js';
import type { RawMessage } from '../../../src/mbox/types.js';
import { conformanceCases, sharedSkip } from '../../helpers/shared.js';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');
const text = (u: Uint8Array): string => Buffer.from(u).toString('latin1');

function messages(events: SplitEvent[]): RawMessage[] {
  return events.flatMap((e) => (e.kind === 'message' ? [e.message] : []));
}

function codes(events: SplitEvent[]): string[] {
  return events.flatMap((e) => (e.kind === 'diagnostic' ? [e.diagnostic.code] : []));
}

/** Feed `input` in pieces cut at `cuts` (or of size `size`). */
function chunked(input: Buffer, size: number, options: SplitterOptions): SplitEvent[] {
  const s = new MboxSplitter(options);
  const out: SplitEvent[] = [];
  for (let i = 0; i < input.length; i += size) out.push(...s.push(input.subarray(i, i + size)));
  out.push(...s.end());
  return out;
}

const MBOX = b(
  'From a@b Mon Jan  1 00:00:00 2024\nSubject: one\n\nbody 1\n>From quoted\n\n' +
    'From c@d Mon Jan  1 00:00:01 2024\nSubject: two\n\nbody 2\n>>From twice\n' +
    'From e@f Mon Jan  1 00:00:02 2024\nSubject: three\n\nlast, no newline',
);

describe('mbox splitter: mboxo (Python mailbox.mbox framing)', () => {
  it('splits at every From_ line and drops one trailing empty line', () => {
    const ms = messages(splitMbox(MBOX, { format: 'mboxo' }));
    assert.equal(ms.length, 3);
    assert.equal(text(ms[0]!.bytes), 'Subject: one\n\nbody 1\n>From quoted\n');
    assert.equal(text(ms[1]!.bytes), 'Subject: two\n\nbody 2\n>>From twice\n');
    assert.equal(text(ms[2]!.bytes), 'Subject: three\n\nlast, no newline');
    assert.equal(ms[0]!.fromLine, 'From a@b Mon Jan  1 00:00:00 2024');
    assert.deepEqual(
      ms.map((m) => m.index),
      [0, 1, 2],
    );
  });

  it('offsets are half-open ranges from one From_ line to the next', () => {
    const ms = messages(splitMbox(MBOX, { format: 'mboxo' }));
    assert.equal(ms[0]!.offset, 0);
    assert.equal(ms[0]!.end, MBOX.indexOf('From c@d'));
    assert.equal(ms[1]!.offset, ms[0]!.end);
    assert.equal(ms[2]!.end, MBOX.length);
  });

  it('a blank CRLF line is not dropped, and CRs are kept', () => {
    const ms = messages(splitMbox(b('From x\r\nA: 1\r\n\r\nbody\r\n\r\nFrom y\r\nA: 2\r\n\r\nb\r\n'), { format: 'mboxo' }));
    assert.equal(ms.length, 2);
    assert.equal(text(ms[0]!.bytes), 'A: 1\r\n\r\nbody\r\n\r\n');
    assert.equal(ms[0]!.fromLine, 'From x');
  });

  it('a file ending in two newlines loses exactly one', () => {
    const ms = messages(splitMbox(b('From x\nA: 1\n\nbody\n\n\n'), { format: 'mboxo' }));
    assert.equal(text(ms[0]!.bytes), 'A: 1\n\nbody\n\n');
  });

  it('a message consisting of one empty line becomes empty', () => {
    const ms = messages(splitMbox(b('From x\n\nFrom y\nA: 1\n'), { format: 'mboxo' }));
    assert.equal(ms.length, 2);
    assert.equal(ms[0]!.bytes.length, 0);
  });

  it('bytes before the first From_ line are a preamble warning, not a message', () => {
    const ev = splitMbox(b('junk\nmore\nFrom x\nA: 1\n\nb\n'), { format: 'mboxo' });
    assert.equal(messages(ev).length, 1);
    const pre = ev.find((e) => e.kind === 'diagnostic' && e.diagnostic.code === 'MBOX_PREAMBLE');
    assert.ok(pre && pre.kind === 'diagnostic');
    assert.equal(pre.diagnostic.offset, 0);
    assert.equal(pre.diagnostic.end, 10);
  });

  it('an empty input yields no message and says so', () => {
    const ev = splitMbox(new Uint8Array(0), { format: 'mboxo' });
    assert.equal(messages(ev).length, 0);
    assert.ok(codes(ev).includes('MBOX_EMPTY_INPUT'));
  });

  it('keeps NUL bytes', () => {
    const ms = messages(splitMbox(b('From x\nA: \u0000\n\n\u0000body\n'), { format: 'mboxo' }));
    assert.equal(text(ms[0]!.bytes), 'A: \u0000\n\n\u0000body\n');
  });

  it('a From_ line at the very end without newline is an empty message', () => {
    const ms = messages(splitMbox(b('From x\nA: 1\n\nb\nFrom y'), { format: 'mboxo' }));
    assert.equal(ms.length, 2);
    assert.equal(ms[1]!.fromLine, 'From y');
    assert.equal(ms[1]!.bytes.length, 0);
  });
});

describe('mbox splitter: mboxrd', () => {
  it('removes one > from lines matching ^>+From ', () => {
    const ms = messages(splitMbox(MBOX, { format: 'mboxrd' }));
    assert.equal(text(ms[0]!.bytes), 'Subject: one\n\nbody 1\nFrom quoted\n');
    assert.equal(text(ms[1]!.bytes), 'Subject: two\n\nbody 2\n>From twice\n');
  });

  it('leaves >From in the middle of a line alone', () => {
    const ms = messages(splitMbox(b('From x\nA: 1\n\nsee >From here\n>>>From x\n'), { format: 'mboxrd' }));
    assert.equal(text(ms[0]!.bytes), 'A: 1\n\nsee >From here\n>>From x\n');
  });
});

describe('mbox splitter: mboxcl2 / mboxcl', () => {
  const body = 'line\nFrom inside the body\nend\n';
  const cl = b(
    `From a Mon Jan  1 00:00:00 2024\nSubject: x\nContent-Length: ${body.length}\n\n${body}\n` +
      'From b Mon Jan  1 00:00:00 2024\nSubject: y\nContent-Length: 3\n\n>Fr\n',
  );
  it('uses Content-Length, so From_ lines inside the body do not split', () => {
    const ev = splitMbox(cl, { format: 'mboxcl2' });
    const ms = messages(ev);
    assert.equal(ms.length, 2);
    assert.equal(text(ms[0]!.bytes), `Subject: x\nContent-Length: ${body.length}\n\n${body}`);
    assert.equal(text(ms[1]!.bytes), 'Subject: y\nContent-Length: 3\n\n>Fr');
    assert.equal(ms[1]!.end, cl.length);
    assert.deepEqual(codes(ev).filter((c) => c === 'MBOX_BAD_CONTENT_LENGTH'), []);
  });

  it('a wrong Content-Length falls back to the From_ split with a warning', () => {
    const bad = b('From a\nSubject: x\nContent-Length: 2\n\nhello\nFrom b\nSubject: y\nContent-Length: 2\n\nok\n');
    const ev = splitMbox(bad, { format: 'mboxcl2' });
    const ms = messages(ev);
    assert.equal(ms.length, 2);
    assert.equal(text(ms[0]!.bytes), 'Subject: x\nContent-Length: 2\n\nhello\n');
    const warnings = ev.flatMap((e) => (e.kind === 'message' ? e.warnings : []));
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]!.code, 'MBOX_BAD_CONTENT_LENGTH');
    assert.equal(warnings[0]!.messageIndex, 0);
  });

  it('a missing Content-Length falls back with a warning', () => {
    const ev = splitMbox(b('From a\nSubject: x\n\nhello\n'), { format: 'mboxcl2' });
    assert.equal(messages(ev).length, 1);
    assert.equal(ev.flatMap((e) => (e.kind === 'message' ? e.warnings : []))[0]!.code, 'MBOX_BAD_CONTENT_LENGTH');
  });

  it('mboxcl unescapes exactly one level of >From ', () => {
    const bodyCl = '>From a\n>>From b\n';
    const ms = messages(splitMbox(b(`From a\nContent-Length: ${bodyCl.length}\n\n${bodyCl}`), { format: 'mboxcl' }));
    assert.equal(text(ms[0]!.bytes), `Content-Length: ${bodyCl.length}\n\nFrom a\n>>From b\n`);
  });
});

describe('mbox splitter: eml', () => {
  it('is one message; CRLF and lone CR become LF; a leading From_ line is the envelope', () => {
    const input = b('From x y\r\nA: 1\r\nB: 2\r\rbody\r\nFrom inside\n');
    const ms = messages(splitMbox(input, { format: 'eml' }));
    assert.equal(ms.length, 1);
    assert.equal(ms[0]!.fromLine, 'From x y');
    assert.equal(text(ms[0]!.bytes), 'A: 1\nB: 2\n\nbody\nFrom inside\n');
    assert.equal(ms[0]!.offset, 0);
    assert.equal(ms[0]!.end, input.length);
  });
});

describe('mbox splitter: auto', () => {
  it('picks eml when the input does not begin with From ', () => {
    const ev = splitMbox(b('Subject: x\n\nFrom here\n'), {});
    assert.equal(messages(ev).length, 1);
    assert.ok(ev.some((e) => e.kind === 'diagnostic' && /format eml/.test(e.diagnostic.message)));
  });

  it('picks mboxrd for the lore envelope', () => {
    const ev = splitMbox(b('From mboxrd@z Thu Jan  1 00:00:00 1970\nA: 1\n\n>From x\n'), {});
    assert.equal(text(messages(ev)[0]!.bytes), 'A: 1\n\nFrom x\n');
  });

  it('flags doubtful choices: >From lines and From lines that are not envelopes', () => {
    const ev = splitMbox(b('From a Mon Jan  1 00:00:00 2024\nA: 1\n\n>From x\nFrom here on it fails\n'), {});
    assert.equal(messages(ev).length, 2);
    const doubt = ev.find((e) => e.kind === 'diagnostic' && e.diagnostic.code === 'MBOX_FORMAT_DOUBTFUL');
    assert.ok(doubt && doubt.kind === 'diagnostic');
    assert.match(doubt.diagnostic.message, /1 ">From "/);
    assert.match(doubt.diagnostic.message, /1 line\(s\) beginning "From "/);
  });
});

describe('mbox splitter: strict From_ rule', () => {
  it('keeps unescaped From lines of git format-patch output in the body', () => {
    const input = b(
      'From 1234abcd Mon Sep 17 00:00:00 2001\nSubject: a\n\nFrom now on this works\n\n' +
        'From 5678 Mon Sep 17 00:00:00 2001\nSubject: b\n\nx\n' +
        'From mboxrd@z Thu Jan  1 00:00:00 +0000 1970\nSubject: c\n\ny\n',
    );
    assert.equal(messages(splitMbox(input, { format: 'mboxo' })).length, 4);
    const ms = messages(splitMbox(input, { format: 'mboxo', fromRule: 'strict' }));
    assert.equal(ms.length, 3);
    assert.equal(text(ms[0]!.bytes), 'Subject: a\n\nFrom now on this works\n');
  });
});

describe('mbox splitter: chunking and offsets', () => {
  const inputs: Array<[string, Buffer, SplitterOptions]> = [
    ['mboxo', MBOX, { format: 'mboxo' }],
    ['mboxrd', MBOX, { format: 'mboxrd' }],
    ['auto', MBOX, {}],
    ['strict', MBOX, { fromRule: 'strict' }],
    ['crlf', b('From a\r\nX: 1\r\n\r\nFrom b\r\n>From c\r\n\r\n'), { format: 'mboxrd' }],
    [
      'mboxcl2',
      b('preamble\nFrom a Mon Jan  1 00:00:00 2024\nContent-Length: 12\n\nFrom inside\n\nFrom b Mon Jan  1 00:00:01 2024\nContent-Length: 99\n\nshort\n'),
      { format: 'mboxcl2' },
    ],
    ['auto-gt', b('From a Mon Jan  1 00:00:00 2024\nX: 1\n\n>From q\nFrom b\n\nz\n'), {}],
  ];
  for (const [name, input, options] of inputs) {
    it(`${name}: any chunking gives identical messages and offsets`, () => {
      const whole = messages(splitMbox(input, options));
      for (let size = 1; size <= input.length; size += size < 16 ? 1 : 7) {
        const parts = messages(chunked(input, size, options));
        assert.deepEqual(
          parts.map((m) => [m.index, m.offset, m.end, m.fromLine, text(m.bytes)]),
          whole.map((m) => [m.index, m.offset, m.end, m.fromLine, text(m.bytes)]),
          `chunk size ${size}`,
        );
      }
    });
    it(`${name}: any chunking gives the same diagnostics too`, () => {
      const whole = JSON.stringify(splitMbox(input, options).filter((e) => e.kind === 'diagnostic'));
      for (let size = 1; size <= input.length; size += size < 16 ? 1 : 7) {
        assert.equal(JSON.stringify(chunked(input, size, options).filter((e) => e.kind === 'diagnostic')), whole, `chunk size ${size}`);
      }
    });
    it(`${name}: reading [offset, end) alone gives the same bytes`, () => {
      for (const m of messages(splitMbox(input, { ...options, format: options.format ?? 'mboxo' }))) {
        const alone = messages(splitMbox(input.subarray(m.offset, m.end), { ...options, format: options.format ?? 'mboxo' }));
        assert.equal(alone.length, 1);
        assert.equal(text(alone[0]!.bytes), text(m.bytes));
      }
    });
  }
});

describe('mbox reader: sources', () => {
  it('reads gzip, Readable streams and async iterables alike', async () => {
    const expected = messages(splitMbox(MBOX, {})).map((m) => text(m.bytes));
    const collect = async (src: Parameters<typeof readMbox>[0]): Promise<string[]> => {
      const out: string[] = [];
      for await (const ev of readMbox(src)) if (ev.kind === 'message') out.push(text(ev.message.bytes));
      return out;
    };
    assert.deepEqual(await collect(gzipSync(MBOX)), expected);
    assert.deepEqual(await collect(Readable.from([MBOX.subarray(0, 3), MBOX.subarray(3)])), expected);
    const gz = gzipSync(MBOX);
    assert.deepEqual(
      await collect(
        (async function* () {
          for (let i = 0; i < gz.length; i += 5) yield gz.subarray(i, i + 5);
        })(),
      ),
      expected,
    );
  });
});

describe('mbox reader: Maildir', () => {
  it('reads cur/ and new/ together, one message per file, sorted by file name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbox2pw-maildir-'));
    try {
      for (const d of ['cur', 'new', 'tmp']) mkdirSync(join(dir, d));
      writeFileSync(join(dir, 'new', '1700000002.M2.host'), 'Subject: second\r\n\r\nb\r\n');
      writeFileSync(join(dir, 'cur', '1700000001.M1.host:2,S'), 'From x\nSubject: first\n\na\n');
      writeFileSync(join(dir, 'tmp', '1700000000.M0.host'), 'Subject: in flight\n\nignored\n');
      const got: Array<[number, string, string]> = [];
      for await (const ev of readMbox(dir)) if (ev.kind === 'message') got.push([ev.message.index, ev.message.fromLine ?? '', text(ev.message.bytes)]);
      assert.deepEqual(got, [
        [0, 'From x', 'Subject: first\n\na\n'],
        [1, '', 'Subject: second\n\nb\n'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('mbox reader: conformance inputs', () => {
  const skip = sharedSkip();
  it('splits every conformance input into the number of messages its case states', { skip }, () => {
    const cases = conformanceCases();
    assert.ok(cases.length > 300, `expected the whole corpus, found ${cases.length} cases`);
    for (const c of cases) {
      const bytes = readFileSync(c.dir + 'input.mbox');
      assert.equal(messages(splitMbox(bytes, { format: c.format })).length, c.messages, c.name);
      assert.equal(messages(splitMbox(bytes, {})).length, c.messages, `${c.name} (auto)`);
    }
  });
});
