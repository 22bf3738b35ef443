/**
 * Using mbox2pw as a library: convert an archive and list each series with
 * its patches and reviewers. Runs as part of the test suite.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseMbox, parseMboxSync } from 'mbox2pw';

const file = new URL('../../samples/series-with-review.mbox', import.meta.url);

export async function summarise(): Promise<string[]> {
  const lines: string[] = [];
  // streaming: records arrive once the input has been read
  for await (const o of parseMbox(file.pathname, { baseUrl: 'https://patchwork.example.org' })) {
    if (o.type === 'series') lines.push(`${o.record.name}: ${o.record.received_total}/${o.record.total} patches`);
    if (o.type === 'comment') lines.push(`  ${o.record.comment.submitter.name} on ${o.record.parent_type} ${o.record.parent_id}`);
  }
  return lines;
}

export async function main(): Promise<void> {
  const lines = await summarise();
  assert.deepEqual(lines, [
    '  Bob Builder on patch 1',
    '  Ada Lovelace on patch 1',
    '  Carol Shaw on cover 1',
    'calc: more operations: 3/3 patches',
  ]);
  // in memory
  const { patches } = parseMboxSync(readFileSync(file));
  assert.equal(patches[0]!.web_url, 'http://localhost/project/demo/patch/4c69b6e8e32e8aa12e4e52a9e949f88886188e40.1709287200.git.ada@example.org/');
}
