import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePullRequest } from '../../../src/content/pull-request.js';

const HEAD = 'The following changes since commit 0123456789abcdef:\n\n  Linux 9.9 (2099-01-01)\n\n';
const AT = 'are available in the git repository at:';

describe('parsePullRequest: git request-pull shapes', () => {
  it('URL and branch on one line', () => {
    assert.equal(
      parsePullRequest(`${HEAD}${AT}\n\n  git://git.example.org/pub/scm/foo.git next\n\nfor you to fetch changes up to\n`),
      'git://git.example.org/pub/scm/foo.git next',
    );
  });

  it('branch wrapped onto the next line; "Git repository" (git >= 2.14.3) matches case-insensitively', () => {
    assert.equal(
      parsePullRequest(`${HEAD}are available in the Git repository at:\n\n  https://git.example.org/pub/foo.git/\ntags/v1.2-soc\n\nfor you\n`),
      'https://git.example.org/pub/foo.git/ tags/v1.2-soc',
    );
  });

  it('trailing spaces are dropped', () => {
    assert.equal(parsePullRequest(`${HEAD}${AT}  \n\n  git://x.org/pub/net   \n\nA U Thor (1):\n`), 'git://x.org/pub/net');
    assert.equal(parsePullRequest(`${HEAD}${AT}\n  git://x.org/r.git  `), 'git://x.org/r.git');
    assert.equal(parsePullRequest(`${HEAD}${AT}\n  git://x.org/r.git`), 'git://x.org/r.git');
  });

  it('a word on a later line joins when only blank lines separate it (Python backtracking)', () => {
    assert.equal(parsePullRequest(`${HEAD}${AT}\n\n  git://x.org/pub/net    \n\nAnd\n`), 'git://x.org/pub/net And');
    assert.equal(parsePullRequest(`${HEAD}${AT}\n\n  git://x.org/pub/net    \n\n----\n`), 'git://x.org/pub/net ----');
  });

  it('schemes: ssh, git+ssh, http(s) and user@host:', () => {
    for (const url of ['ssh://x.org/r.git', 'git+ssh://x.org/r.git', 'http://x.org/r.git', 'https://x.org/r.git']) {
      assert.equal(parsePullRequest(`${HEAD}${AT}\n  ${url} next\n`), `${url} next`);
    }
    assert.equal(parsePullRequest(`${HEAD}${AT}\n  git@example.org:team/repo.git topic\n`), 'git@example.org:team/repo.git topic');
  });

  it('backslash continuation', () => {
    assert.equal(parsePullRequest(`${HEAD}${AT}\n  git://x.org/r.git \\\n   branch\n`), 'git://x.org/r.git \\ branch');
    assert.equal(parsePullRequest(`${HEAD}${AT}\n  git://x.org/r.git \\ \n junk more\n`), 'git://x.org/r.git \\');
  });

  it('CRLF text', () => {
    const crlf = `${HEAD}${AT}\n\n  git://x.org/r.git next\n\n`.replaceAll('\n', '\r\n');
    assert.equal(parsePullRequest(crlf), 'git://x.org/r.git next');
  });
});

describe('parsePullRequest: anchors and order', () => {
  it('the last anchor line wins; an earlier one is the fallback', () => {
    assert.equal(parsePullRequest(`${HEAD}${AT}\n  git://one.org/a.git\n${AT}\n  git://two.org/b.git\n`), 'git://two.org/b.git');
    assert.equal(parsePullRequest(`${HEAD}${AT}\n  git://one.org/a.git\n${AT}\n  nothing here\n`), 'git://one.org/a.git');
  });

  it('the head line must start a line and come before the anchor', () => {
    assert.equal(parsePullRequest(` ${HEAD}${AT}\n git://x.org/r\n`), null);
    assert.equal(parsePullRequest(`${AT}\n git://x.org/r\n${HEAD}`), null);
  });

  it('a newline must follow the anchor (through whitespace)', () => {
    assert.equal(parsePullRequest(`${HEAD}${AT} git://x.org/r.git\n`), null);
  });

  it('junk after the URL and branch on the same line: no match', () => {
    assert.equal(parsePullRequest(`${HEAD}${AT}\n  git://x.org/r.git branch junk\n`), null);
  });

  it('no scheme separator: no match', () => {
    assert.equal(parsePullRequest(`${HEAD}${AT}\n  example.org/r.git\n`), null);
    assert.equal(parsePullRequest('hello\n'), null);
    assert.equal(parsePullRequest(''), null);
  });
});

describe('parsePullRequest: Python regex semantics', () => {
  it('U+2028 is neither a line start nor a newline (JavaScript `m` would say otherwise)', () => {
    assert.equal(parsePullRequest(`${HEAD}${AT}\u2028git://x.org/r.git\n`), null);
    assert.equal(parsePullRequest(`${HEAD.trimEnd()}\u2028${AT}\n git://x.org/r.git\n`), null);
  });

  it('Python IGNORECASE: dotless/dotted i and long s match', () => {
    assert.equal(parsePullRequest('The followıng changes ſince commit x\nare avaİlable in the git repository at:\n git://x.org/r\n'), 'git://x.org/r');
  });

  it('Unicode letters are \\w, combining marks are not', () => {
    assert.equal(parsePullRequest(`${HEAD}${AT}\n  git://exämple.org/r.git\n`), 'git://exämple.org/r.git');
    assert.equal(parsePullRequest(`${HEAD}${AT}\n  git://e\u0301x.org/r.git\n`), null);
  });

  it('Python whitespace (U+3000, U+001F) separates and is collapsed', () => {
    assert.equal(parsePullRequest(`${HEAD}${AT}\u3000\n\u001f git://x.org/r.git\u3000next\n`), 'git://x.org/r.git next');
  });
});

describe('parsePullRequest: hostile input stays linear', { timeout: 30_000 }, () => {
  it('a 5 MB URL-like token followed by junk', () => {
    assert.equal(parsePullRequest(`${HEAD}${AT}\n git://${'a'.repeat(5 * 1024 * 1024)}!`), null);
  });

  it('a 3 MB run of whitespace and backslashes', () => {
    assert.equal(parsePullRequest(`${HEAD}${AT}\n git://a${' \\'.repeat(1024 * 1024)} b!`), null);
  });

  it('100k anchor lines with failing tails', () => {
    assert.equal(parsePullRequest(HEAD + `${AT}\n  nope\n`.repeat(100_000)), null);
    assert.equal(parsePullRequest(HEAD + `${AT}\n git://a/b c!\n`.repeat(100_000) + `${AT}\n git://ok/r\n`), 'git://ok/r');
  });

  it('a 10 MB message without anchors', () => {
    assert.equal(parsePullRequest(HEAD + 'filler line\n'.repeat(850_000)), null);
  });
});
