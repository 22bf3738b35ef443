import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { EMPTY_DIFF_HASH, findFilenames, hashDiff } from '../../../src/content/hash.js';
import { PyIntLimitError } from '../../../src/util/pyunicode.js';

/** SHA-1 of the given normalised lines, each followed by `\n`. */
const sha1 = (...lines: string[]): string => createHash('sha1').update(lines.map((l) => l + '\n').join(''), 'utf8').digest('hex');

describe('hashDiff', () => {
  it('a diff without kept lines hashes to SHA-1 of nothing', () => {
    assert.equal(EMPTY_DIFF_HASH, createHash('sha1').digest('hex'));
    assert.equal(hashDiff(''), EMPTY_DIFF_HASH);
    assert.equal(hashDiff('diff --git a/a b/b\nsimilarity index 100%\nrename from a\nrename to b\n'), EMPTY_DIFF_HASH);
    assert.equal(hashDiff('diff --git a/s b/s\nold mode 100644\nnew mode 100755\n'), EMPTY_DIFF_HASH);
  });

  it('binary patches hash only their text lines (the swallowed signature separator)', () => {
    const d = 'diff --git p.bmp p.bmp\nnew file mode 100644\nindex 0000000..1111111\nGIT binary patch\nliteral 5\nMcmZ?wbhEHbAK\n\n-- \n2.35.3\n\n';
    assert.equal(hashDiff(d), sha1('-- '));
    assert.equal(hashDiff(d), '28bbf89195af1c065a2ebbfbdfaf0ee9dfe8296e');
  });

  it('filename lines keep the marker and the path minus its first component', () => {
    const d = 'diff --git a/x/y.c b/x/y.c\n--- a/x/y.c\t2001-01-01 00:00:00\n+++ b/x/y.c 2001-01-01\n@@ -1 +1 @@\n-a\n+b\n';
    assert.equal(hashDiff(d), sha1('--- a/x/y.c', '+++ b/x/y.c', '@@ -1 +1 @@', '-a', '+b'));
    assert.equal(hashDiff('--- /dev/null\n+++ quit.sh\n'), sha1('--- a/dev/null', '+++ b/'));
    assert.equal(hashDiff('--- old/dir/f\n+++ new/dir/f\n'), sha1('--- a/dir/f', '+++ b/dir/f'));
  });

  it('a removed SQL comment line `--- foo` is taken for a filename', () => {
    assert.equal(hashDiff('--- foo\n'), sha1('--- a/'));
  });

  it('`--- ` without a path is kept as a removed line', () => {
    assert.equal(hashDiff('x\n--- \ty\n'), sha1('--- \ty'));
  });

  it('hunk headers keep only the counts (missing = 1, int() drops leading zeros, Unicode digits read)', () => {
    assert.equal(hashDiff('@@ -0,0 +1 @@\n+x\n'), sha1('@@ -0 +1 @@', '+x'));
    assert.equal(hashDiff('@@ -10,07 +12,3 @@ int f()\n'), sha1('@@ -7 +3 @@'));
    assert.equal(hashDiff('@@ -1,\u0661\u0662 +1 @@\n'), sha1('@@ -12 +1 @@'));
  });

  it('-, + and space lines are kept verbatim; other lines and empty lines are skipped', () => {
    const d = 'diff --git a/f b/f\nindex 1..2\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n\\ No newline at end of file\nliteral 5\n';
    assert.equal(hashDiff(d), sha1('@@ -3 +3 @@', ' a', '-b', '+c'));
  });

  it('\\r is removed everywhere, so CRLF diffs hash like LF diffs', () => {
    const lf = '--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n';
    assert.equal(hashDiff(lf.replaceAll('\n', '\r\n')), hashDiff(lf));
    assert.equal(hashDiff('-a\rb\n'), sha1('-ab'));
  });

  it('the whole diff is stripped of Python whitespace first (a leading context space is lost)', () => {
    assert.equal(hashDiff(' ctx\n-a\n'), sha1('-a'));
    assert.equal(hashDiff('\u0085\u001c-a\n+b \u3000'), sha1('-a', '+b'));
  });

  it('non-ASCII lines are hashed as UTF-8', () => {
    assert.equal(hashDiff('+\u00e9\u{1f600}\n'), sha1('+\u00e9\u{1f600}'));
  });

  it('NUL characters are hashed', () => {
    assert.equal(hashDiff('+a\u0000\n'), sha1('+a\u0000'));
  });

  it('a hunk count over 4300 digits raises like Python int()', () => {
    assert.throws(() => hashDiff(`@@ -1,${'9'.repeat(4301)} +1 @@\n`), PyIntLimitError);
  });

  it('a 4 MB diff', { timeout: 30_000 }, () => {
    const body = '+c\n-d\n'.repeat(700_000);
    assert.equal(hashDiff('--- a/x\n+++ b/x\n@@ -1 +1 @@\n' + body), createHash('sha1').update('--- a/x\n+++ b/x\n@@ -1 +1 @@\n' + body).digest('hex'));
  });
});

describe('findFilenames', () => {
  it('drops the first component, skips /dev/null, de-duplicates and sorts', () => {
    const d = '--- a/z/y.c\n+++ b/z/y.c\n--- /dev/null\n+++ b/a.c\n--- a/a.c 2001\n+++ /dev/null\n';
    assert.deepEqual(findFilenames(d), ['a.c', 'z/y.c']);
  });

  it('a path without / becomes ""', () => {
    assert.deepEqual(findFilenames('+++ quit.sh\n'), ['']);
  });

  it('sorts by code point, not UTF-16 unit', () => {
    assert.deepEqual(findFilenames('--- a/\u{1f600}\n--- a/\uff21\n--- a/b\n'), ['b', '\uff21', '\u{1f600}']);
  });

  it('no filename lines: empty list', () => {
    assert.deepEqual(findFilenames('diff --git a/f b/f\nrename from f\n'), []);
  });
});
