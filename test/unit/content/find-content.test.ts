import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanContent, findCommentContent, findPatchContent, storedContent } from '../../../src/content/find-content.js';

const plain = (text: string) => ({ text, subtype: 'plain' });

const DIFF = 'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n';

describe('cleanContent', () => {
  it('cuts from a `-- ` line to the end of the buffer, then strips', () => {
    assert.equal(cleanContent('body\n\n-- \nSig\nmore\n'), 'body');
  });

  it('cuts from a line of underscores (list footer)', () => {
    assert.equal(cleanContent('body\n_______________________________________________\nlist footer\n'), 'body');
    assert.equal(cleanContent('body\n_\nx'), 'body');
  });

  it('the separator must be the whole line and end with \\n', () => {
    assert.equal(cleanContent('a\n--\nb\n'), 'a\n--\nb');
    assert.equal(cleanContent('a\n-- x\nb\n'), 'a\n-- x\nb');
    assert.equal(cleanContent('a\n__x\nb\n'), 'a\n__x\nb');
    assert.equal(cleanContent('a\n-- '), 'a\n--');
  });

  it('`-- \\r\\n` is not a signature (CRLF bodies keep theirs)', () => {
    assert.equal(cleanContent('a\r\n-- \r\nsig\r\n'), 'a\r\n-- \r\nsig');
  });

  it('only \\n starts a line: \\r, U+2028 and U+0085 do not', () => {
    assert.equal(cleanContent('a\r-- \nsig'), 'a\r-- \nsig');
    assert.equal(cleanContent('a\u2028-- \nsig'), 'a\u2028-- \nsig');
    assert.equal(cleanContent('a\u0085___\nsig'), 'a\u0085___\nsig');
  });

  it('a separator on the first line empties the content', () => {
    assert.equal(cleanContent('-- \nsig\n'), '');
  });

  it('strips Python whitespace (U+001C, U+0085) but not U+FEFF; NULs stay', () => {
    assert.equal(cleanContent('\u001c\u0085 x\u0000 \t'), 'x\u0000');
    assert.equal(cleanContent('\ufeffx'), '\ufeffx');
  });
});

describe('storedContent', () => {
  it('replaces \\r\\n by \\n in one pass', () => {
    assert.equal(storedContent('a\r\nb\r\r\nc\r'), 'a\nb\r\nc\r');
    assert.equal(storedContent('plain'), 'plain');
  });
});

describe('findPatchContent', () => {
  it('inline patch: diff from parsePatch, commentary stripped and cleaned', () => {
    const r = findPatchContent([plain(`  Commit message.\n\n---\n stat\n\n${DIFF}-- \n2.7.4\n`)]);
    assert.equal(r.diff, DIFF);
    assert.equal(r.message, 'Commit message.\n\n---\n stat');
  });

  it('x-patch attachment: the diff is the attachment verbatim, the body is the content', () => {
    const attachment = 'From 1234 Mon Sep 17 00:00:00 2001\nSubject: [PATCH] x\n\n' + DIFF;
    const r = findPatchContent([plain('Please apply.\n'), { text: attachment, subtype: 'x-patch' }]);
    assert.deepEqual(r, { diff: attachment, message: 'Please apply.' });
  });

  it('x-diff works the same; the last attachment wins', () => {
    const r = findPatchContent([{ text: 'first', subtype: 'x-diff' }, { text: 'second', subtype: 'x-patch' }]);
    assert.deepEqual(r, { diff: 'second', message: '' });
  });

  it('a plain part after a diff is taken whole as commentary', () => {
    const r = findPatchContent([plain(DIFF), plain(`more text\n${DIFF}`)]);
    assert.equal(r.diff, DIFF);
    assert.equal(r.message, `more text\n${DIFF.trimEnd()}`);
  });

  it('an empty x-patch part counts as no diff: the next plain part is parsed', () => {
    const r = findPatchContent([{ text: '', subtype: 'x-patch' }, plain(DIFF)]);
    assert.equal(r.diff, DIFF);
  });

  it('a plain part may replace an empty x-patch diff by null', () => {
    const r = findPatchContent([{ text: '', subtype: 'x-patch' }, plain('just text')]);
    assert.deepEqual(r, { diff: null, message: 'just text' });
  });

  it('html and other subtypes are ignored', () => {
    const r = findPatchContent([plain('body'), { text: '<div>x</div>', subtype: 'html' }, { text: DIFF, subtype: 'x-foo' }]);
    assert.deepEqual(r, { diff: null, message: 'body' });
  });

  it('each commentary piece is stripped and ends with \\n; a signature in part 1 removes part 2', () => {
    assert.equal(findPatchContent([plain('  one  \n'), plain('\ttwo\n')]).message, 'one\ntwo');
    assert.equal(findPatchContent([plain('one\n-- \nsig'), plain('two')]).message, 'one');
  });

  it('signature and `Update: v2` after `---` are kept in the content when no separator line', () => {
    const r = findPatchContent([plain(`msg\n---\nUpdate: v2\n${DIFF}`)]);
    assert.equal(r.message, 'msg\n---\nUpdate: v2');
  });

  it('no parts: no diff, empty message', () => {
    assert.deepEqual(findPatchContent([]), { diff: null, message: '' });
  });

  it('NULs stay in the diff', () => {
    const d = DIFF.replace('+b', '+b\u0000');
    assert.equal(findPatchContent([plain(d)]).diff, d);
  });
});

describe('findCommentContent', () => {
  it('collects non-empty plain parts, ignores html, extracts no diff', () => {
    const r = findCommentContent([plain(''), plain(` reply\n${DIFF}`), { text: '<p>x</p>', subtype: 'html' }, plain('two')]);
    assert.deepEqual(r, { message: `reply\n${DIFF}two` });
  });

  it('applies cleanContent', () => {
    assert.deepEqual(findCommentContent([plain('> quoted\nok\n-- \nme')]), { message: '> quoted\nok' });
  });
});
