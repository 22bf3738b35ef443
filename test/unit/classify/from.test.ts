import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidEmail, resolveAuthor, splitFromHeader, type Author } from '../../../src/classify/from.js';

const LIST = 'ltp@lists.example.org';
const none = (): null => null;
const empty = (): string[] => [];

/** resolveAuthor with optional DMARC headers. */
function author(from: string | null, h: { xof?: string | null; replyTo?: Array<string | null>; cc?: Array<string | null> } = {}): Author {
  return resolveAuthor(
    from,
    LIST,
    () => h.xof ?? null,
    () => h.replyTo ?? [],
    () => h.cc ?? [],
  );
}

const errorOf = (a: Author): string | null => ('error' in a ? a.error : null);

describe('splitFromHeader: patterns', () => {
  const cases: Array<[string, string | null, string | null]> = [
    ['"Quoted, Name" <q@x.org>', 'Quoted, Name', 'q@x.org'],
    ['<only@x.org>', '', 'only@x.org'],
    ['Name <a@b.org> trailing junk', 'Name', 'a@b.org'],
    ['joe at example.com (Joe Bloggs)', 'Joe Bloggs', 'joe@example.com'],
    ['a@b.c (Name)', 'Name', 'a@b.c'],
    ['plain@example.org', null, 'plain@example.org'],
    ['Joe\tBloggs <j@b.c>', 'Joe\tBloggs', 'j@b.c'],
    ['"Name" "x" <a@b.c>', 'Name" "x', 'a@b.c'],
    ['a <> <b@c.d>', 'a <>', 'b@c.d'],
    ['"a <x@y.z>', 'a', 'x@y.z'],
    ['x at y (z) <a@b.c>', 'x at y (z)', 'a@b.c'],
    ['x at y.org (z)', 'z', 'x@y.org'],
    ['x at y.org ()  (n)', 'n', null],
    ['a (b) (c)', 'b', null],
    ['a@b.c (\n)', '\n', 'a@b.c'],
    ['a\nb <c@d.e>', null, null],
    ['x@y.z (', null, null],
    ['', null, null],
  ];
  for (const [from, name, email] of cases) {
    it(JSON.stringify(from), () => assert.deepEqual(splitFromHeader(from), { name, email }));
  }
});

describe('splitFromHeader: the e-mail check (spec 1.7 step 2)', () => {
  const rejected = [
    "O'Neil <o'neil@example.com>",
    'Spaced < sp@example.com >',
    'user@localhost',
    'dependabot[bot] <1+dependabot[bot]@users.noreply.github.com>',
    'Uni <\ufffd\ufffdukasz@example.com>',
    'a <a_b@ex_ample.com>',
    'a <a@exämple.com>',
    'a <a@[1.2.3.4]>',
    'a <a@b.c.>',
    'a <.a@b.c>',
    'a <a..b@b.c>',
    'a <"a b"@b.c>',
    'a <a@-b.org>',
    'a <a@b-.org>',
    'e\u0301 <e\u0301@x.org>',
    'testH\u00e1user\u00e1',
  ];
  for (const from of rejected) {
    it(`rejects ${JSON.stringify(from)}`, () => assert.equal(splitFromHeader(from).email, null));
  }

  const accepted = ['Ünï <ünï@example.com>', 'a <"ab"@b.c>', 'x+y@z-z.org', '\u00b2@x.org', 'a <#!$%&*+/=?^`{|}~-@x.y>', 'a <\u0661@x.org>'];
  for (const from of accepted) {
    it(`accepts ${JSON.stringify(from)}`, () => assert.notEqual(splitFromHeader(from).email, null));
  }

  it('Python `$` accepts one final newline', () => {
    assert.equal(isValidEmail('a@b.c\n'), true);
    assert.equal(isValidEmail('a@b.c\n\n'), false);
  });

  it('letters assigned after Unicode 14 are not \\w (CPython 3.11)', () => {
    assert.equal(isValidEmail('\u{1e4d0}@x.org'), false); // Nag Mundari, Unicode 15
    assert.equal(isValidEmail('\u{1e290}@x.org'), true); // Toto, Unicode 14
  });
});

describe('resolveAuthor', () => {
  it('strips and keeps the spelling of the address', () => {
    assert.deepEqual(author('  Joe  <Joe@Example.COM>'), { name: 'Joe', email: 'Joe@Example.COM' });
  });

  it('missing/empty From and a failing e-mail check are INVALID_FROM', () => {
    assert.equal(errorOf(author(null)), 'INVALID_FROM');
    assert.equal(errorOf(author('')), 'INVALID_FROM');
    assert.equal(errorOf(author('Joe <joe@localhost>')), 'INVALID_FROM');
  });

  it('name and e-mail are truncated to 255 code points after stripping', () => {
    const name = '\u{1f600}'.repeat(300);
    const local = 'é'.repeat(300);
    const a = author(`  ${name} <${local}@x.org>`);
    assert.ok(!('error' in a));
    assert.equal([...(a.name ?? '')].length, 255);
    assert.equal(a.name, '\u{1f600}'.repeat(255));
    assert.equal(a.email, 'é'.repeat(255));
  });

  it('a From that is not the list address is kept as is', () => {
    assert.deepEqual(author('Joe via Test <joe@x.org>', { replyTo: ['Joe <other@x.org>'] }), { name: 'Joe via Test', email: 'joe@x.org' });
  });

  it('listEmail null skips DMARC handling', () => {
    assert.deepEqual(resolveAuthor(`X via L <${LIST}>`, null, none, () => ['X <x@y.org>'], empty), { name: 'X via L', email: LIST });
  });
});

describe('resolveAuthor: DMARC un-munging', () => {
  it("'Name' via List + Reply-To (the ltp pattern)", () => {
    assert.deepEqual(author(`'Jane Doe' via ltp <${LIST}>`, { replyTo: ['Jane Doe <jane@example.com>'] }), { name: 'Jane Doe', email: 'jane@example.com' });
  });

  it('the list address is compared case-insensitively', () => {
    assert.deepEqual(author(`Jane via ltp <LTP@Lists.Example.org>`, { replyTo: ['Jane <jane@example.com>'] }), { name: 'Jane', email: 'jane@example.com' });
  });

  it('the part before the last ` via ` counts', () => {
    assert.deepEqual(author(`A via B via ltp <${LIST}>`, { cc: ['x <x@x.org>, A via B <ab@x.org>'] }), { name: 'A via B', email: 'ab@x.org' });
  });

  it('a name ending in ` via` (Mailman without list name)', () => {
    assert.deepEqual(author(`Joe via <${LIST}>`, { replyTo: ['Joe <joe@x.org>'] }), { name: 'Joe', email: 'joe@x.org' });
  });

  it('X-Original-From wins over Reply-To and gives the un-munged name', () => {
    assert.deepEqual(author(`'Jane' via ltp <${LIST}>`, { xof: 'Someone Else <jane@example.com>', replyTo: ['Jane <r@x.org>'] }), { name: 'Jane', email: 'jane@example.com' });
  });

  it('X-Original-From with a name that has no ` via `: the name becomes null', () => {
    assert.deepEqual(author(`Jane <${LIST}>`, { xof: 'Jane <jane@example.com>' }), { name: null, email: 'jane@example.com' });
  });

  it('an empty X-Original-From is ignored', () => {
    assert.deepEqual(author(`Jane via ltp <${LIST}>`, { xof: '', replyTo: ['Jane <r@x.org>'] }), { name: 'Jane', email: 'r@x.org' });
  });

  it('X-Original-From without a valid address crashes', () => {
    assert.equal(errorOf(author(`Joe via ltp <${LIST}>`, { xof: 'Joe <joe@localhost>' })), 'DMARC_CRASH');
  });

  it('Reply-To entries come before Cc entries; entries are split naively on commas', () => {
    assert.deepEqual(author(`Jane via ltp <${LIST}>`, { replyTo: ['Bob <b@x.org>, Jane <j1@x.org>'], cc: ['Jane <j2@x.org>'] }), { name: 'Jane', email: 'j1@x.org' });
    assert.deepEqual(author(`Jane via ltp <${LIST}>`, { replyTo: ['Bob <b@x.org>'], cc: ['Jane <j2@x.org>'] }), { name: 'Jane', email: 'j2@x.org' });
  });

  it('no matching name: the original (name, list address) is kept', () => {
    assert.deepEqual(author(`Joe via Test <${LIST}>`, { replyTo: ['Bob <b@x.org>'] }), { name: 'Joe via Test', email: LIST });
  });

  it('a nameless piece matches a null un-munged name; its failing address crashes', () => {
    assert.equal(errorOf(author(`Plain <${LIST}>`, { cc: ['Foo <f@x.com>, bar@y.com'] })), 'DMARC_CRASH');
    assert.deepEqual(author(`Plain <${LIST}>`, { cc: ['Foo <f@x.com>,bar@y.com'] }), { name: null, email: 'bar@y.com' });
  });

  it('a bare list address (name null) crashes', () => {
    assert.equal(errorOf(author(LIST)), 'DMARC_CRASH');
  });

  it('an undecodable Reply-To/Cc reached in the loop crashes', () => {
    assert.equal(errorOf(author(`Jane via ltp <${LIST}>`, { replyTo: [null] })), 'DMARC_CRASH');
    assert.deepEqual(author(`Jane via ltp <${LIST}>`, { replyTo: ['Jane <j@x.org>', null] }), { name: 'Jane', email: 'j@x.org' });
  });

  it('getters are not called when the From is not the list address', () => {
    const boom = (): never => {
      throw new Error('called');
    };
    assert.deepEqual(resolveAuthor('Joe <joe@x.org>', LIST, boom, boom, boom), { name: 'Joe', email: 'joe@x.org' });
  });
});

describe('splitFromHeader: hostile input stays linear', { timeout: 30_000 }, () => {
  it('100k `<` without `>`', () => {
    assert.deepEqual(splitFromHeader('<'.repeat(100_000)), { name: null, email: null });
  });

  it('100k ` <` then `(` without closers', () => {
    assert.deepEqual(splitFromHeader('"' + ' <'.repeat(60_000) + ' ('.repeat(60_000)), { name: null, email: null });
  });

  it('many ` at ` with a far `(`', () => {
    const r = splitFromHeader(' at '.repeat(30_000) + '(' + ' '.repeat(100_000) + '()');
    assert.equal(r.email, null);
    const nl = splitFromHeader(' at \n'.repeat(30_000) + ' (x)');
    assert.equal(nl.email, null);
  });

  it('long e-mail candidates', () => {
    assert.equal(isValidEmail('a.'.repeat(100_000) + '@' + 'a.'.repeat(100_000) + 'a!'), false);
    assert.equal(isValidEmail('a@' + 'a-'.repeat(100_000) + '!'), false);
    assert.equal(isValidEmail('a@' + 'a'.repeat(200_000) + '.' + 'b'.repeat(200_000) + '-'), false);
  });
});
