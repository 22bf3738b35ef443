import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, it } from 'node:test';
import { fillHoles, RecordStore, writeHole, type HoleTag } from '../../../src/output/store.js';
import { ByteBuilder } from '../../../src/util/bytes.js';

const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');

function spillDirs(): string[] {
  return readdirSync(tmpdir()).filter((d) => d.startsWith('mbox2pw-'));
}

describe('RecordStore', () => {
  it('holes are filled with the final values; a series hole without an id is []', () => {
    const out = new ByteBuilder(8);
    out.ascii('{"a":');
    writeHole(out, 'P', 2);
    out.ascii(',"s":');
    writeHole(out, 'S', 15);
    out.ascii(',"t":');
    writeHole(out, 'S', null);
    out.utf8(',"é":"x"}');
    const fill = (tag: HoleTag, id: number | null): Uint8Array =>
      Buffer.from(tag === 'P' ? `{"person":${id}}` : id === null ? '[]' : `[{"series":${id}}]`);
    const filled = fillHoles(out.view(), new ByteBuilder(4), fill);
    assert.deepEqual(JSON.parse(text(filled)), { a: { person: 2 }, s: [{ series: 15 }], t: [], é: 'x' });
    assert.ok(!JSON.stringify('\u0000').includes('\u0000'), 'JSON text never holds a raw NUL');
  });

  it('a record without holes comes back as it is', () => {
    const rec = Buffer.from('{"a":1}');
    assert.equal(fillHoles(rec, new ByteBuilder(), () => Buffer.alloc(0)), rec);
  });

  for (const [threshold, sync] of [
    [1 << 30, false],
    [1000, true],
    [1000, false],
  ] as const) {
    const how = threshold === 1000 ? `through the temporary file, ${sync ? 'written at once' : 'written in the background'}` : 'from memory';
    it(`records come back in order, whole, ${how}`, async () => {
      const before = new Set(spillDirs());
      const store = new RecordStore(threshold, sync);
      const want: string[] = [];
      for (let i = 0; i < 3000; i++) {
        // small records, a few larger than a chunk and than the read block
        const body = i % 1000 === 999 ? 'x'.repeat(5 * 1024 * 1024 + i) : `record ${i} ${'ü'.repeat(i % 50)}`;
        const rec = JSON.stringify({ i, body });
        store.out.utf8(rec);
        store.end();
        want.push(rec);
      }
      assert.equal(store.count, 3000);
      if (threshold === 1000) assert.ok(spillDirs().some((d) => !before.has(d)), 'spilled to a temporary folder');
      if (!sync && threshold === 1000) assert.throws(() => [...store.records()], /settled/, 'records() refuses to read under pending writes');
      await store.settled(0);
      const got = Array.from(store.records(), text); // each view is read before the next is requested
      assert.equal(got.length, want.length);
      for (let i = 0; i < want.length; i++) assert.equal(got[i], want[i], `record ${i}`);
      assert.deepEqual(spillDirs().filter((d) => !before.has(d)), [], 'the temporary folder is removed');
    });
  }

  it('dispose removes the temporary file of an abandoned store', () => {
    const before = new Set(spillDirs());
    const store = new RecordStore(10);
    for (let i = 0; i < 10; i++) {
      store.out.ascii('y'.repeat(300_000));
      store.end();
    }
    const made = spillDirs().filter((d) => !before.has(d));
    assert.equal(made.length, 1);
    store.dispose();
    assert.ok(!existsSync(`${tmpdir()}/${made[0]}`));
  });
});
