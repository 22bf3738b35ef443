import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePatch } from '../../../src/content/parse-patch.js';
import { PyIntLimitError } from '../../../src/util/pyunicode.js';

/** Joins lines with `\n` and ends with one. */
const L = (...lines: string[]): string => lines.join('\n') + '\n';

describe('parsePatch: line splitting', () => {
  it('empty input is one synthetic empty line of commentary', () => {
    assert.deepEqual(parsePatch(''), { diff: null, comment: '\n' });
  });

  it('text without a final newline gains one', () => {
    assert.deepEqual(parsePatch('a\nb'), { diff: null, comment: 'a\nb\n' });
  });

  it('text ending in a newline gains the synthetic empty line', () => {
    assert.deepEqual(parsePatch('a\n'), { diff: null, comment: 'a\n\n' });
  });

  it('only \\n splits lines: \\r, U+2028 and U+0085 are line content', () => {
    const text = 'x\r--- a\u2028+++ b\u0085@@ -1 +1 @@\n';
    assert.deepEqual(parsePatch(text), { diff: null, comment: text + '\n' });
  });
});

describe('parsePatch: ordinary patches', () => {
  const gitPatch = L(
    'Fix the frobnicator.',
    '',
    'Signed-off-by: A U Thor <a@example.com>',
    '---',
    ' x.c | 2 +-',
    ' 1 file changed',
    '',
    'diff --git a/x.c b/x.c',
    'index 1111111..2222222 100644',
    '--- a/x.c',
    '+++ b/x.c',
    '@@ -1,3 +1,3 @@ int main(void)',
    ' a',
    '-b',
    '+c',
    ' d',
    '-- ',
    '2.7.4',
  );

  it('git format-patch: commit message and diffstat are commentary, the diff ends after the last hunk line', () => {
    const r = parsePatch(gitPatch);
    assert.equal(
      r.diff,
      L('diff --git a/x.c b/x.c', 'index 1111111..2222222 100644', '--- a/x.c', '+++ b/x.c', '@@ -1,3 +1,3 @@ int main(void)', ' a', '-b', '+c', ' d'),
    );
    // The signature after the hunk is held (state 1) and returned to the comment.
    assert.equal(
      r.comment,
      L('Fix the frobnicator.', '', 'Signed-off-by: A U Thor <a@example.com>', '---', ' x.c | 2 +-', ' 1 file changed', '') + '-- \n2.7.4\n\n',
    );
  });

  it('plain unified diff without a diff line (0 -> 2 -> 3 -> 4)', () => {
    const text = L('--- a/f', '+++ b/f', '@@ -1 +1 @@', '-x', '+y');
    assert.deepEqual(parsePatch(text), { diff: text, comment: '\n' });
  });

  it('CVS Index: header lines are held and glued to the diff (0 -> 1 via Index:)', () => {
    const text = L('Index: bfd/f.h', '===================================================================', 'RCS file: /cvs/f.h,v', '--- f.h', '+++ f.h', '@@ -1 +1 @@', '-a', '+b');
    assert.deepEqual(parsePatch(text), { diff: text, comment: '\n' });
  });

  it('several files and hunks', () => {
    const text = L('diff --git a/f b/f', '--- a/f', '+++ b/f', '@@ -1 +1 @@', '-a', '+b', '@@ -10,2 +10,2 @@', ' c', '-d', '+e', 'diff --git a/g b/g', '--- a/g', '+++ b/g', '@@ -1 +1 @@', '-x', '+y');
    assert.deepEqual(parsePatch(text), { diff: text, comment: '\n' });
  });

  it('CRLF mail: lines keep their \\r, the diff is found, `-- \\r` is commentary', () => {
    const text = 'msg\r\n---\r\ndiff --git a/f b/f\r\n--- a/f\r\n+++ b/f\r\n@@ -1 +1 @@\r\n-a\r\n+b\r\n-- \r\n2.1\r\n';
    assert.deepEqual(parsePatch(text), {
      diff: 'diff --git a/f b/f\r\n--- a/f\r\n+++ b/f\r\n@@ -1 +1 @@\r\n-a\r\n+b\r\n',
      comment: 'msg\r\n---\r\n-- \r\n2.1\r\n\n',
    });
  });
});

describe('parsePatch: hunk counting (states 4/5)', () => {
  it('an empty line inside a hunk is a context line', () => {
    const text = L('--- a/f', '+++ b/f', '@@ -1,3 +1,3 @@', ' a', '', '-b', '+c');
    assert.deepEqual(parsePatch(text), { diff: text, comment: '\n' });
  });

  it('`\\ No newline at end of file` inside a hunk does not count', () => {
    const text = L('--- a/f', '+++ b/f', '@@ -1 +1 @@', '-a', '\\ No newline at end of file', '+b', '\\ No newline at end of file');
    assert.deepEqual(parsePatch(text), { diff: text, comment: '\n' });
  });

  it('a hunk shorter than its header keeps consuming lines, the synthetic last line included', () => {
    const text = L('--- a/f', '+++ b/f', '@@ -1,5 +1,5 @@', ' a', '-- ', 'sig');
    assert.deepEqual(parsePatch(text), { diff: text + '\n', comment: null });
  });

  it('missing counts are 1, explicit 0 stays 0 (one line is still consumed)', () => {
    assert.deepEqual(parsePatch(L('--- /dev/null', '+++ b/f', '@@ -0,0 +1 @@', '+x', 'after')), {
      diff: L('--- /dev/null', '+++ b/f', '@@ -0,0 +1 @@', '+x'),
      comment: 'after\n\n',
    });
    assert.deepEqual(parsePatch(L('--- a/f', '+++ b/f', '@@ -1,0 +1,0 @@', 'foo', 'bar')), {
      diff: L('--- a/f', '+++ b/f', '@@ -1,0 +1,0 @@', 'foo'),
      comment: 'bar\n\n',
    });
  });

  it('Unicode digits in the hunk header are counted (Python \\d and int())', () => {
    const text = L('--- a/f', '+++ b/f', '@@ -\u0661,\u0662 +\u0661,\u0662 @@', ' a', ' b', 'tail');
    assert.deepEqual(parsePatch(text), { diff: L('--- a/f', '+++ b/f', '@@ -\u0661,\u0662 +\u0661,\u0662 @@', ' a', ' b'), comment: 'tail\n\n' });
  });

  it('a hunk header needs the exact shape; anything may follow it', () => {
    assert.equal(parsePatch(L('--- a', '+++ b', '@@ -1 +1 @@@@ trailing', '-a', '+b')).diff?.includes('trailing'), true);
    assert.equal(parsePatch(L('--- a', '+++ b', '@@ -1 +1@@', '-a')).diff, null);
    assert.equal(parsePatch(L('--- a', '+++ b', '@@  -1 +1 @@', '-a')).diff, null);
  });

  it('a count longer than 4300 digits raises like Python int()', () => {
    const ok = L('--- a', '+++ b', `@@ -1,${'0'.repeat(4299)}1 +1 @@`, ' x');
    assert.equal(parsePatch(ok).diff, ok);
    assert.throws(() => parsePatch(L('--- a', '+++ b', `@@ -1,${'1'.repeat(4301)} +1 @@`, '+x')), PyIntLimitError);
  });
});

describe('parsePatch: every state transition', () => {
  it('1 -> 6 -> diff: extended header lines flush the held lines', () => {
    const text = L('diff --git a/a b/b', 'similarity index 100%', 'rename from a', 'rename to b');
    assert.deepEqual(parsePatch(text), { diff: text, comment: '\n' });
  });

  it('mode change only', () => {
    const text = L('diff --git a/s.sh b/s.sh', 'old mode 100644', 'new mode 100755');
    assert.deepEqual(parsePatch(text), { diff: text, comment: '\n' });
  });

  it('empty new file (new file mode + index, no hunk)', () => {
    const text = L('diff --git a/banana b/banana', 'new file mode 100644', 'index 000000000000..e69de29bb2d1');
    assert.deepEqual(parsePatch(text), { diff: text, comment: '\n' });
  });

  it('every extended header prefix switches 1 -> 6, and a second one flushes into the diff', () => {
    for (const ext of ['old mode 1', 'new mode 1', 'deleted file mode 1', 'new file mode 1', 'copy from a', 'copy to b', 'rename from a', 'rename to b', 'similarity index 9%', 'dissimilarity index 9%', 'index 1..2']) {
      const text = L('diff --git a/f b/f', ext, ext);
      assert.deepEqual(parsePatch(text), { diff: text, comment: '\n' }, ext);
    }
    // Prefixes need their trailing space.
    assert.deepEqual(parsePatch(L('diff --git a/f b/f', 'index')), { diff: null, comment: L('diff --git a/f b/f', 'index', '') });
  });

  it('a single extended header line is only held: without a second one it returns to the comment', () => {
    const text = L('diff --git a/f b/f', 'old mode 100644');
    assert.deepEqual(parsePatch(text), { diff: null, comment: text + '\n' });
  });

  it('6 -> 1 on other text, then 1 -> 2 -> 3 -> 4', () => {
    const text = L('diff --git a/f b/f', 'index 1..2', 'junk', '--- a/f', '+++ b/f', '@@ -1 +1 @@', '-a', '+b');
    assert.deepEqual(parsePatch(text), { diff: text, comment: '\n' });
  });

  it('6 -> 2 on a --- line', () => {
    const text = L('diff --git a/f b/f', 'new file mode 100644', '--- /dev/null', '+++ b/f', '@@ -0,0 +1 @@', '+x');
    assert.deepEqual(parsePatch(text), { diff: text, comment: '\n' });
  });

  it('2 -> 0 when +++ does not follow and no hunk was seen (a `--- ` separator with a trailing space)', () => {
    assert.deepEqual(parsePatch(L('msg', '--- ', 'stat')), { diff: null, comment: L('msg', '--- ', 'stat', '') });
  });

  it('2 -> 1 when +++ does not follow after a hunk', () => {
    const r = parsePatch(L('--- a/f', '+++ b/f', '@@ -1 +1 @@', '-a', '+b', '--- a/g', 'junk'));
    assert.deepEqual(r, { diff: L('--- a/f', '+++ b/f', '@@ -1 +1 @@', '-a', '+b', '--- a/g'), comment: 'junk\n\n' });
  });

  it('3 -> 0 when no hunk header follows +++ and no hunk was seen', () => {
    const text = L('--- a', '+++ b', 'not a hunk');
    assert.deepEqual(parsePatch(text), { diff: null, comment: text + '\n' });
  });

  it('3 -> 2 on a --- line after a hunk', () => {
    const text = L('--- a/f', '+++ b/f', '@@ -1 +1 @@', '-a', '+b', '--- a/g', '+++ b/g', '@@ -1 +1 @@', '-c', '+d');
    assert.deepEqual(parsePatch(text), { diff: text, comment: '\n' });
  });

  it('3: `\\ No newline` after a hunk goes to the diff at once, before still-held lines', () => {
    const r = parsePatch(L('--- a/f', '+++ b/f', '@@ -1 +1 @@', '-a', '+b', '--- a/g', '+++ b/g', '\\ No newline at end of file', '@@ -1 +1 @@', '-c', '+d'));
    assert.equal(
      r.diff,
      L('--- a/f', '+++ b/f', '@@ -1 +1 @@', '-a', '+b', '--- a/g', '\\ No newline at end of file', '+++ b/g', '@@ -1 +1 @@', '-c', '+d'),
    );
  });

  it('3: `\\ No newline` before any hunk is commentary', () => {
    const text = L('--- a', '+++ b', '\\ No newline at end of file');
    assert.deepEqual(parsePatch(text), { diff: null, comment: text + '\n' });
  });

  it('binary patch (6 -> 7): state 7 swallows everything not starting with `diff`, signature included', () => {
    const text = L('diff --git pixel.bmp pixel.bmp', 'new file mode 100644', 'index 0000000..1111111', 'GIT binary patch', 'literal 5', 'McmZ?wbhEHbAK', '', 'literal 0', 'HcmV?d00001', '', '-- ', '2.35.3');
    const r = parsePatch(text);
    assert.deepEqual(r, { diff: text + '\n', comment: null });
    assert.ok(r.diff?.endsWith('\n\n-- \n2.35.3\n\n'));
  });

  it('binary then text file (7 -> 0): the second header lines fall into the comment', () => {
    const text = L(
      'diff --git pixel.bmp pixel.bmp',
      'new file mode 100644',
      'index 0000000..1111111',
      'GIT binary patch',
      'literal 5',
      'McmZ?wbhEHbAK',
      '',
      'diff --git quit.sh quit.sh',
      'new file mode 100644',
      'index 0000000..f5f929a',
      '--- /dev/null',
      '+++ b/quit.sh',
      '@@ -0,0 +1 @@',
      '+exit 0',
    );
    assert.deepEqual(parsePatch(text), {
      diff: L(
        'diff --git pixel.bmp pixel.bmp',
        'new file mode 100644',
        'index 0000000..1111111',
        'GIT binary patch',
        'literal 5',
        'McmZ?wbhEHbAK',
        '',
        'diff --git quit.sh quit.sh',
        '--- /dev/null',
        '+++ b/quit.sh',
        '@@ -0,0 +1 @@',
        '+exit 0',
      ),
      comment: L('new file mode 100644', 'index 0000000..f5f929a', ''),
    });
  });

  it('7: a line starting with `diff` without a space still leaves binary state; held lines go to the comment last', () => {
    const r = parsePatch(L('diff --git a b', 'index 1..2', 'GIT binary patch', 'literal 1', 'difficult'));
    // `difficult` waits in the held buffer while the synthetic last line goes
    // straight to the comment, so the held line ends up after it.
    assert.deepEqual(r, { diff: L('diff --git a b', 'index 1..2', 'GIT binary patch', 'literal 1'), comment: '\ndifficult\n' });
  });
});

describe('parsePatch: commentary that looks like a diff', () => {
  it('`diff from v1:` is held and glued onto a following diff', () => {
    const text = L('diff from v1:', '- fixed a leak', '', '---', 'diff --git a/f b/f', '--- a/f', '+++ b/f', '@@ -1 +1 @@', '-a', '+b');
    assert.deepEqual(parsePatch(text), { diff: text, comment: '\n' });
  });

  it('held `diff ` commentary with no diff returns to the comment in order', () => {
    assert.deepEqual(parsePatch(L('a', 'diff is small', 'b')), { diff: null, comment: L('a', 'diff is small', 'b', '') });
  });

  it('words starting with "diff" without a space stay commentary; quoted diffs are commentary', () => {
    const text = L('difficult', 'Different', '> diff --git a/f b/f', '> --- a/f', '> +++ b/f');
    assert.deepEqual(parsePatch(text), { diff: null, comment: text + '\n' });
  });

  it('`---` without a space is commentary', () => {
    assert.deepEqual(parsePatch(L('---', '+++ b')), { diff: null, comment: L('---', '+++ b', '') });
  });
});

describe('parsePatch: hostile sizes stay linear', { timeout: 30_000 }, () => {
  it('a 5 MB single line', () => {
    const line = 'x'.repeat(5 * 1024 * 1024);
    const r = parsePatch(line);
    assert.equal(r.diff, null);
    assert.equal(r.comment?.length, line.length + 1);
  });

  it('100k lines of `diff ` commentary are held and returned', () => {
    const text = 'diff foo\n'.repeat(100_000);
    assert.deepEqual(parsePatch(text), { diff: null, comment: text + '\n' });
  });

  it('a 4 MB diff of 500k hunk lines', () => {
    const text = 'diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,500000 +1,500000 @@\n' + ' context\n'.repeat(500_000);
    const r = parsePatch(text);
    assert.equal(r.diff?.length, text.length);
    assert.equal(r.comment, '\n');
  });

  it('100k alternating held/flushed lines', () => {
    const text = '--- a\nno\n'.repeat(100_000);
    assert.deepEqual(parsePatch(text), { diff: null, comment: text + '\n' });
  });
});
