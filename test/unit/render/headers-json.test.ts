import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { groupHeaders } from '../../../src/mime/header-encode.js';
import { writeHeadersJson } from '../../../src/render/records.js';
import { ByteBuilder } from '../../../src/util/bytes.js';

/** The headers object as spec 1.9 groups it, written from {@link groupHeaders}' entries. */
function reference(list: Array<{ name: string; value: string }>): string {
  return '{' + groupHeaders(list).map(([k, v]) => JSON.stringify(k) + ':' + JSON.stringify(v)).join(',') + '}';
}

test('writeHeadersJson - same text as the grouped entries, in their order', () => {
  const name = fc.constantFrom('Received', 'received', 'RECEIVED', 'Cc', 'CC', 'To', '123', '7', '__proto__', 'constructor', 'X-"q"', 'a\\b');
  const value = fc.oneof(fc.constantFrom('', 'v', 'a\n b', 'tab\there', 'quote " and \\', '\u0000'), fc.string({ maxLength: 20 }));
  fc.assert(
    fc.property(fc.array(fc.record({ name, value }), { maxLength: 25 }), (list) => {
      const out = new ByteBuilder(16);
      writeHeadersJson(out, list);
      assert.equal(out.view().toString('utf8'), reference(list));
    }),
    { numRuns: 5000, seed: 1202 },
  );
});

test('writeHeadersJson - a case variant gets the combined list under its own key', () => {
  const out = new ByteBuilder();
  writeHeadersJson(out, [
    { name: 'Cc', value: 'a' },
    { name: 'To', value: 't' },
    { name: 'CC', value: 'b' },
    { name: 'Cc', value: 'c' },
  ]);
  assert.equal(out.view().toString(), '{"Cc":["a","b","c"],"To":"t","CC":["a","b","c"]}');
});

test('ByteBuilder.jsonAscii - JSON.stringify of the text the ASCII bytes spell', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }).map((a) => a.map((c) => c & 0x7f)), (bytes) => {
      const out = new ByteBuilder(4);
      out.jsonAscii(bytes, 0, bytes.length);
      assert.equal(out.view().toString('utf8'), JSON.stringify(Buffer.from(bytes).toString('latin1')));
    }),
    { numRuns: 3000, seed: 1203 },
  );
});

test('writeHeadersJson - many distinct names (past its remembered names), repeated and not, across calls', () => {
  for (let round = 0; round < 3; round++) {
    const list: Array<{ name: string; value: string }> = [];
    for (let i = 0; i < 5000; i++) list.push({ name: `X-N${round}-${i}`, value: String(i) });
    for (let i = 0; i < 5000; i += 7) list.push({ name: `x-n${round}-${i}`, value: 'again' });
    list.push({ name: 'Received', value: 'a' }, { name: 'received', value: 'b' });
    const out = new ByteBuilder(16);
    writeHeadersJson(out, list);
    assert.equal(out.view().toString('utf8'), reference(list), `round ${round}`);
  }
});
