/**
 * Cross-check of the MIME model and text-part collection against Patchwork's
 * own output: for every conformance case with patches, the lines of the diff
 * Patchwork stored for each patch must occur, in order, in one text part we
 * collect from the case's messages. The input is split crudely here (mailbox.mbox rules, no
 * reader module involved), which is enough for this check.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { conformanceCases, sharedSkip, type CaseInfo } from '../../helpers/shared.js';
import { findTextParts } from '../../../src/mime/content.js';
import { parseMessage } from '../../../src/mime/message.js';

/** Python `mailbox.mbox` framing (+ mboxrd un-escaping), or one universal-newline message for eml. */
function splitCase(c: CaseInfo, data: Buffer): Buffer[] {
  if (c.format === 'eml') {
    let s = data.toString('latin1').replace(/\r\n?/g, '\n');
    if (s.startsWith('From ')) s = s.slice(s.indexOf('\n') + 1 || s.length);
    return [Buffer.from(s, 'latin1')];
  }
  // Every line starting with "From " opens a message; that line is not part of it.
  const starts: number[] = [];
  if (data.subarray(0, 5).toString('latin1') === 'From ') starts.push(0);
  for (let i = data.indexOf('\nFrom '); i >= 0; i = data.indexOf('\nFrom ', i + 1)) starts.push(i + 1);
  const out: Buffer[] = [];
  for (let k = 0; k < starts.length; k++) {
    const nl = data.indexOf(10, starts[k]!);
    const from = nl < 0 ? data.length : nl + 1;
    let to = k + 1 < starts.length ? starts[k + 1]! : data.length;
    // A last line that is exactly "\n" belongs to the separator.
    if (to - from >= 1 && data[to - 1] === 10 && (to - from === 1 || data[to - 2] === 10)) to--;
    let msg = data.subarray(Math.min(from, to), to);
    if (c.format === 'mboxrd' && msg.includes('>From ')) {
      msg = Buffer.from(msg.toString('latin1').replace(/(?<![^\n])>(>*From )/g, '$1'), 'latin1');
    }
    out.push(msg);
  }
  return out;
}

/**
 * True when the diff's lines occur in the text in order. `parse_patch` rebuilds
 * the diff line by line: it may add a final line break and drop lines its state
 * machine does not keep (e.g. `new file mode` after a binary hunk), so this is
 * the exact-enough check, not a substring test.
 */
function holdsLines(text: string, want: readonly string[]): boolean {
  if (!text.includes(want[0]!)) return false;
  let i = 0;
  let at = 0;
  while (i < want.length && at <= text.length) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    if (text.slice(at, nl) === want[i]) i++;
    at = nl + 1;
  }
  return i === want.length;
}

interface PatchRecord {
  msgid: string;
  diff: string | null;
}

test('conformance - every stored diff comes from a collected text part', (t) => {
  const skip = sharedSkip();
  if (skip) {
    t.skip(skip);
    return;
  }
  const cases = conformanceCases().filter((c) => !c.name.includes('@'));
  assert.ok(cases.length > 0, 'no conformance case found');
  let checked = 0;
  const failures: string[] = [];
  for (const c of cases) {
    const file = c.dir + 'expected/patches.json';
    if (!existsSync(file)) continue;
    const patches = (JSON.parse(readFileSync(file, 'utf8')) as PatchRecord[]).filter((p) => p.diff);
    if (patches.length === 0) continue;
    const texts: string[] = [];
    for (const bytes of splitCase(c, readFileSync(c.dir + 'input.mbox'))) {
      const r = findTextParts(parseMessage(new Uint8Array(bytes)));
      if (!('error' in r)) for (const p of r.parts) texts.push(p.text);
    }
    for (const p of patches) {
      checked++;
      let end = p.diff!.length;
      while (end > 0 && p.diff!.charCodeAt(end - 1) === 10) end--;
      const want = p.diff!.slice(0, end).split('\n');
      if (!texts.some((x) => holdsLines(x, want))) failures.push(`${c.name} ${p.msgid}`);
    }
  }
  assert.ok(checked > 0, 'no patch with a diff found in the conformance cases');
  assert.deepEqual(failures, [], `diffs not found in any text part (${failures.length} of ${checked})`);
});
