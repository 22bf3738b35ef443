import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lowerName, nameOf } from '../../../src/util/names.js';

const slice = (b: Uint8Array) => (s: number, e: number) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1', s, e);

test('nameOf - the name its bytes spell, whatever came before (also names sharing a slot)', () => {
  // A small alphabet and short names, so that names meet again and collide in the table.
  const name = fc.stringMatching(/^[A-Za-z-]{0,6}$/);
  fc.assert(
    fc.property(fc.array(name, { minLength: 1, maxLength: 60 }), (names) => {
      for (const n of names) {
        const bytes = Buffer.from('>' + n + ':', 'latin1');
        assert.equal(nameOf(bytes, 1, 1 + n.length, slice(bytes)), n);
      }
    }),
    { numRuns: 2000, seed: 1203 },
  );
});

test('nameOf - a name seen before is the same string again; long names are sliced', () => {
  const a = Buffer.from('Received: x');
  const b = Buffer.from('xxReceived: y');
  assert.equal(nameOf(a, 0, 8, slice(a)), 'Received');
  let sliced = 0;
  const again = nameOf(b, 2, 10, (s, e) => {
    sliced++;
    return b.toString('latin1', s, e);
  });
  assert.equal(again, 'Received');
  assert.equal(sliced, 0);
  const long = Buffer.from('X-' + 'a'.repeat(100));
  assert.equal(nameOf(long, 0, long.length, slice(long)), long.toString('latin1'));
  assert.equal(lowerName('Received'), 'received');
});
