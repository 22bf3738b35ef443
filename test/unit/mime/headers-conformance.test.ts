/**
 * Broad check of the stored-header pipeline against Patchwork's own output: for every
 * patch, cover and comment record of every conformance case, the API `headers` object
 * rebuilt from the raw header block of its message must equal the expected one.
 *
 * The mbox splitting and header reading here are deliberately crude (enough for this
 * corpus); the real reader and MIME parser live elsewhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { headersObject, storedHeaderBlob } from '../../../src/mime/header-encode.js';
import type { RawHeader } from '../../../src/mime/types.js';

import { CONFORMANCE } from '../../helpers/shared.js';

/** Splits the file's latin-1 view into lines that keep their `\n`. */
function lines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    out.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** Python `mailbox.mbox` framing (+ mboxrd un-escaping) or a whole `eml` file. */
function splitMessages(data: string, format: string): string[] {
  if (format === 'eml') {
    let text = data.replace(/\r\n?/g, '\n');
    if (text.startsWith('From ')) text = text.slice(text.indexOf('\n') + 1);
    return [text];
  }
  const messages: string[][] = [];
  let current: string[] | null = null;
  for (const line of lines(data)) {
    if (line.startsWith('From ')) {
      current = [];
      messages.push(current);
    } else if (current !== null) current.push(format === 'mboxrd' && /^>+From /.test(line) ? line.slice(1) : line);
  }
  return messages.map((m) => {
    if (m.length > 0 && m[m.length - 1] === '\n') m.pop();
    return m.join('');
  });
}

/** Crude compat32 header reader: name before `:`, value left-stripped + continuations, CR/LF trimmed. */
function readHeaders(message: string): RawHeader[] {
  const out: { name: string; raw: string[] }[] = [];
  for (const line of lines(message)) {
    if (line === '\n' || line === '\r\n') break;
    const c = line.charCodeAt(0);
    if (c === 0x20 || c === 0x09) {
      out[out.length - 1]?.raw.push(line);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || !/^[\x21-\x39\x3b-\x7e]+$/.test(line.slice(0, colon))) break;
    out.push({ name: line.slice(0, colon), raw: [line.slice(colon + 1).replace(/^[ \t]+/, '')] });
  }
  return out.map(({ name, raw }) => {
    const value = raw.join('').replace(/[\r\n]+$/, '');
    return { name, value, eightBit: /[\x80-\xff]/.test(name + value) };
  });
}

interface IndexEntry {
  index: number;
  msgid: string;
  outcome: string;
  id?: number;
}

interface ApiRecord {
  id: number;
  msgid: string;
  headers: Record<string, string | string[]>;
}

test('conformance corpus - API headers rebuilt from raw header blocks', (t) => {
  assert.ok(existsSync(CONFORMANCE), `conformance cases missing: ${CONFORMANCE}`);
  const cases = readdirSync(CONFORMANCE).filter((d) => existsSync(`${CONFORMANCE}${d}/case.json`));
  assert.ok(cases.length > 0, 'no conformance case found');
  let identical = 0;
  const different: string[] = [];
  for (const name of cases) {
    const dir = `${CONFORMANCE}${name}/`;
    const format = (JSON.parse(readFileSync(`${dir}case.json`, 'utf8')) as { format: string }).format;
    const messages = splitMessages(readFileSync(`${dir}input.mbox`).toString('latin1'), format);
    const index = (JSON.parse(readFileSync(`${dir}expected/index.json`, 'utf8')) as { messages: IndexEntry[] }).messages;
    assert.equal(messages.length, index.length, `${name}: message count`);
    const byOutcome = new Map<string, number>();
    for (const m of index) if (m.id !== undefined) byOutcome.set(`${m.outcome}:${m.id}`, m.index);
    const records: [string, number | undefined, ApiRecord][] = [];
    for (const [file, outcome] of [
      ['patches', 'patch'],
      ['covers', 'cover'],
    ] as const) {
      for (const r of JSON.parse(readFileSync(`${dir}expected/${file}.json`, 'utf8')) as ApiRecord[]) {
        records.push([`${file} ${r.msgid}`, byOutcome.get(`${outcome}:${r.id}`), r]);
      }
    }
    const comments = JSON.parse(readFileSync(`${dir}expected/comments.json`, 'utf8')) as { message_index: number; comment: ApiRecord }[];
    for (const c of comments) records.push([`comment ${c.comment.msgid}`, c.message_index, c.comment]);
    for (const [label, at, record] of records) {
      if (record.headers === undefined) continue;
      const message = at === undefined ? undefined : messages[at];
      assert.ok(message !== undefined, `${name}: no message for ${label}`);
      assert.equal(index[at!]!.msgid, record.msgid, `${name}: ${label} index entry`);
      const actual = headersObject(storedHeaderBlob(readHeaders(message)));
      try {
        assert.deepStrictEqual(actual, record.headers);
        identical++;
      } catch {
        different.push(`${name}: ${label}`);
      }
    }
  }
  const total = identical + different.length;
  t.diagnostic(`headers conformance: ${identical}/${total} identical, ${different.length} different`);
  assert.ok(total > 1000, `expected ~1,800 records with headers, found ${total}`);
  assert.deepEqual(different, [], `records with different headers:\n${different.slice(0, 20).join('\n')}`);
});
