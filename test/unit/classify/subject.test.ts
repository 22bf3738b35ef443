import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  apiPrefixes,
  cleanSubject,
  coverSeriesName,
  isCommentSubject,
  matchPrefixBlock,
  parseSeriesMarker,
  parseVersion,
  splitPrefixes,
} from '../../../src/classify/subject.js';
import { PyIntLimitError } from '../../../src/util/pyunicode.js';
import { normaliseSpace } from '../../../src/util/pystr.js';

describe('cleanSubject: spec 2 table', () => {
  const table: Array<[string, string[], string, string[]]> = [
    ['meep', [], 'meep', []],
    ['Re: meep', [], 'meep', []],
    ['[PATCH] meep \n meep', [], 'meep meep', []],
    ['[PATCH RFC] meep', [], '[RFC] meep', ['RFC']],
    ['[PATCH,RFC] meep', [], '[RFC] meep', ['RFC']],
    ['[PATCH RFC 1/2] meep', [], '[RFC,1/2] meep', ['RFC', '1/2']],
    ['[PATCH] [RFC] [1/2] meep', [], '[RFC,1/2] meep', ['RFC', '1/2']],
    ['[PATCH] rewrite [a-z] regexes', [], 'rewrite [a-z] regexes', []],
    ['[foo] [bar] meep', ['foo'], '[bar] meep', ['bar']],
    ['[foo] [bar] meep', ['FOO'], '[bar] meep', ['bar']],
    ['[Patch]: Fix ld pr11138', [], ': Fix ld pr11138', []],
    ['[PATCH 0 of 2] Sample', [], '[0 of 2] Sample', ['0 of 2']],
    ['[Buildroot] [PATCH 01/11] pkg: x', [], '[Buildroot,01/11] pkg: x', ['Buildroot', '01/11']],
    ['[git pull] Please pull', [], '[git,pull] Please pull', ['git', 'pull']],
    ['[PATCH net-next v3 0/4] net: dsa: work (v3)', [], '[net-next,v3,0/4] net: dsa: work (v3)', ['net-next', 'v3', '0/4']],
    ['Re: [PATCH 1/2] x', [], '[1/2] x', ['1/2']],
    ['[LTP] [PATCH] mmap: fix', ['ltp'], 'mmap: fix', []],
    ['', [], '', []],
  ];
  for (const [subject, drop, name, prefixes] of table) {
    it(`${JSON.stringify(subject)} drop ${JSON.stringify(drop)}`, () => {
      assert.deepEqual(cleanSubject(subject, drop), { name, prefixes });
    });
  }
});

describe('cleanSubject: reply/forward marker', () => {
  it('removes one marker of the accepted shapes', () => {
    for (const s of ['Re: x', 'RE x', 're:x', 'Fw: x', 'Fwd: x', 'FWD:x', 'Re x']) assert.equal(cleanSubject(s, []).name, 'x', s);
    assert.equal(cleanSubject('Re: Re: x', []).name, 'Re: x');
  });

  it('leaves other shapes alone', () => {
    for (const s of ['Re[2]: x', 'Aw: x', 'Resend x', 'Rex']) assert.equal(cleanSubject(s, []).name, s, s);
  });

  it('Python whitespace after the marker (U+3000) counts', () => {
    assert.equal(cleanSubject('Re\u3000x', []).name, 'x');
  });

  it('an unclosed bracket stops the prefix loop', () => {
    assert.deepEqual(cleanSubject('[PATCH] [oops x', []), { name: '[oops x', prefixes: [] });
  });

  it('empty brackets and separators only', () => {
    assert.deepEqual(cleanSubject('[] [,,] [ ] x', []), { name: 'x', prefixes: [] });
  });

  it('a prefix loop over 40k blocks finishes (linear)', { timeout: 30_000 }, () => {
    const r = cleanSubject('[a]'.repeat(40_000) + ' x', []);
    assert.equal(r.prefixes.length, 40_000);
    assert.ok(r.name.endsWith('] x'));
  });
});

describe('splitPrefixes', () => {
  it('Mercurial `PATCH M of N` (case-sensitive) keeps `M of N` together', () => {
    assert.deepEqual(splitPrefixes('PATCH 1 of 2'), ['PATCH', '1 of 2']);
    assert.deepEqual(splitPrefixes('PATCH 1 of 2 RFC'), ['PATCH', '1 of 2', 'RFC']);
    assert.deepEqual(splitPrefixes('patch 1 of 2'), ['patch', '1', 'of', '2']);
    assert.deepEqual(splitPrefixes('PATCH v2 1 of 2'), ['PATCH', 'v2', '1', 'of', '2']);
  });

  it('splits on runs of commas and Python whitespace', () => {
    assert.deepEqual(splitPrefixes(' a,,b \u001f c,'), ['a', 'b', 'c']);
    assert.deepEqual(splitPrefixes(''), []);
  });
});

describe('parseSeriesMarker', () => {
  const cases: Array<[string[], number | null, number | null]> = [
    [['1/2'], 1, 2],
    [['0 of 12'], 0, 12],
    [['PATCH1/8'], 1, 8],
    [['PATCH100/123'], 100, 123],
    [['v2PATCH1/4'], 1, 4],
    [['v2.3PATCH1/4'], 1, 4],
    [['01/11'], 1, 11],
    [['3/n'], null, null],
    [['1', 'of', '2'], null, null],
    [['RFC', '2/3', '1/4'], 2, 3],
    [['1/2/3'], 2, 3],
    [['a/2'], null, null],
    [['\u0661/\u0662'], null, null],
    [[], null, null],
  ];
  for (const [prefixes, x, n] of cases) {
    it(JSON.stringify(prefixes), () => assert.deepEqual(parseSeriesMarker(prefixes), { x, n }));
  }

  it('markers over 4300 digits raise like Python int()', () => {
    assert.throws(() => parseSeriesMarker([`1/${'2'.repeat(4301)}`]), PyIntLimitError);
  });
});

describe('parseVersion', () => {
  const cases: Array<[string[], string, number]> = [
    [['V2'], 'x', 2],
    [['v10'], 'x', 10],
    [['version'], 'x', 1],
    [['PATCHv2'], 'x', 1],
    [['RESEND'], 'x', 1],
    [['v0'], 'x', 0],
    [['v2', 'v3'], 'x', 2],
    [[], 'net: dsa: work (v3)', 3],
    [[], 'a (V4) b (v5)', 4],
    [['v2'], 'x (v3)', 2],
    [['v\u0662'], 'x', 2],
    [[], 'x (v\u0663)', 3],
    [[], 'x (v)', 1],
  ];
  for (const [prefixes, name, version] of cases) {
    it(`${JSON.stringify(prefixes)} ${JSON.stringify(name)}`, () => assert.equal(parseVersion(prefixes, name), version));
  }
});

describe('isCommentSubject', () => {
  it('Re: and Re<space> are comments; Fwd: is not', () => {
    assert.equal(isCommentSubject('Re: x'), true);
    assert.equal(isCommentSubject('RE x'), true);
    assert.equal(isCommentSubject('re:x'), true);
    assert.equal(isCommentSubject('Fwd: x'), false);
    assert.equal(isCommentSubject('Re[2]: x'), false);
    assert.equal(isCommentSubject('[PATCH] Re: x'), false);
  });
});

describe('apiPrefixes', () => {
  const decode = (s: string): string => normaliseSpace(s);
  it('tokens of the stored name with only `patch` dropped', () => {
    assert.deepEqual(apiPrefixes('[RFC,v2,1/3] x', decode), ['RFC', 'v2', '1/3']);
    assert.deepEqual(apiPrefixes('[1 of 2] x', decode), ['1', 'of', '2']);
    assert.deepEqual(apiPrefixes('Re: [foo] x', decode), ['foo']);
    assert.deepEqual(apiPrefixes('[ltp] x', decode), ['ltp']);
    assert.deepEqual(apiPrefixes('x', decode), []);
  });

  it('null when the stored name does not decode', () => {
    assert.equal(apiPrefixes('=?x?q?bad?=', () => null), null);
  });
});

describe('coverSeriesName', () => {
  it('drops the leading prefix block', () => {
    assert.equal(coverSeriesName('[net-next,v3,0/4] net: dsa: Multi-CPU ground work (v3)'), 'net: dsa: Multi-CPU ground work (v3)');
    assert.equal(coverSeriesName('[0/2] A sample series'), 'A sample series');
    assert.equal(coverSeriesName('[v2,00/13] '), '');
  });

  it('only the first block is removed; without one the name is stripped', () => {
    assert.equal(coverSeriesName('[a] [b] x'), '[b] x');
    assert.equal(coverSeriesName('  plain  '), 'plain');
    assert.equal(coverSeriesName('[unclosed x'), '[unclosed x');
  });
});

describe('matchPrefixBlock: Python `(.*)$` without DOTALL', () => {
  it('a newline in the remainder fails the match unless it is the final character', () => {
    assert.equal(matchPrefixBlock('[a] x\ny'), null);
    assert.deepEqual(matchPrefixBlock('[a] x\n'), { inner: 'a', rest: 'x' });
    assert.deepEqual(matchPrefixBlock('[a] \n x'), { inner: 'a', rest: 'x' });
    assert.deepEqual(matchPrefixBlock('[a\nb] x'), { inner: 'a\nb', rest: 'x' });
  });
});
