import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatApiDate, parseDateTz, parseDateTzGeneral, parseFromLineDate } from '../../../src/mime/date.js';
import { PyIntLimitError, isPyDigitCodePoint, pyDecimalValue, pyInt, pyIntDigits } from '../../../src/util/pyunicode.js';

/** parseDateTz rendered for readability (null stays null). */
const iso = (s: string): string | null => {
  const t = parseDateTz(s);
  return t === null ? null : formatApiDate(t);
};

describe('parseDateTz: spec 1.8 examples', () => {
  it('zone offsets are applied', () => {
    assert.equal(iso('Sun, 11 Sep 2016 23:22:03 +0100'), '2016-09-11T22:22:03');
    assert.equal(parseDateTz('Sun, 11 Sep 2016 23:22:03 +0100'), 1473632523);
  });

  it('no zone means UTC', () => {
    assert.equal(iso('Mon, 1 Jan 2018 10:00:00'), '2018-01-01T10:00:00');
  });

  it('year and time swapped, commas removed', () => {
    assert.equal(iso('Mon, 1 Jan 10:00 2018, +0000'), '2018-01-01T10:00:00');
    assert.equal(iso('1 Jan 2018, 10:00, +0000'), '2018-01-01T10:00:00');
  });

  it('`1 Jan :2018 10:00 +0100` does not swap year and time (the zone becomes the year)', () => {
    assert.equal(iso('1 Jan :2018 10:00 +0100'), '0100-01-01T10:00:00');
  });
});

describe('parseDateTz: parsedate_tz rules', () => {
  const table: Array<[string, string | null]> = [
    ['Mon,1 Jan 2018 10:00:00 +0000', '2018-01-01T10:00:00'],
    ['mon 1 Jan 2018 10:00:00 -0500', '2018-01-01T15:00:00'],
    ['x,1 Jan 2018 10:00 +0000', '2018-01-01T10:00:00'],
    ['Thu, 1 Jan 1970 00:00:00 +0000', '1970-01-01T00:00:00'],
    ['Fri, 13 Feb 2009 23:31:30 Z', '2009-02-13T23:31:30'],
    ['11-Sep-16 10:00 +0000', '2016-09-11T10:00:00'],
    ['1 Jan 2018 10:00+0200', '2018-01-01T08:00:00'],
    ['Jan 1 2018 10:00:00 GMT', '2018-01-01T10:00:00'],
    ['1 January 2018 10.20.30 EST', '2018-01-01T15:20:30'],
    ['1 Jan 2018 10:00 pdt', '2018-01-01T17:00:00'],
    ['1 Jan 69 00:00 +0000', '1969-01-01T00:00:00'],
    ['1 Jan 68 00:00 +0000', '2068-01-01T00:00:00'],
    ['1 Jan 0 00:00 +0000', '2000-01-01T00:00:00'],
    ['1 Jan 1 00:00 +0000', '2001-01-01T00:00:00'],
    ['1 Jan -5 00:00 +0000', '2000-01-01T00:05:00'],
    ['1 Jan 0001 00:00:00 +0001', '2000-12-31T23:59:00'],
    ['45 Jan 2018 25:61:61 +0000', '2018-02-15T02:02:01'],
    ['1 Jan 2018 10:00 CEST', '2018-01-01T10:00:00'],
    ['1 Jan 2018 10:00 +01:00', '2018-01-01T10:00:00'],
    ['1 Jan 2018 10:00 -0000', '2018-01-01T10:00:00'],
    ['1 Jan 2018 10:00 +1', '2018-01-01T09:59:00'],
    ['1 Jan 2018 00:00 -2400', '2018-01-02T00:00:00'],
    ['1 Jan 2018 00:00 +99999999', '1903-12-04T07:21:00'],
    ['\u0661 Jan \u0662\u0660\u0661\u0668 \u0661\u0660:\u0660\u0660 +0000', '2018-01-01T10:00:00'],
    ['1 Jan 2018 1_0:00 +0000', '2018-01-01T10:00:00'],
    ['1 Jan 2018 10:00 \u00b2', '2018-01-01T10:00:00'],
    ['garbage', null],
    ['', null],
    ['   ', null],
    ['1 Foo 2018 10:00 +0000', null],
    ['1 Jan 2018', null],
    ['1 Jan 2018 10:00:00:00 +0000', null],
    ['1 Jan 2018 10 +0000', null],
    ['1 Jan 2018 10::00 +0000', null],
    ['1 Jan 10000 00:00 +0000', null],
    ['31 Dec 9999 23:59:59 -0001', null],
    ['1 Jan 2018 _10:00 +0000', null],
    ['1 Jan \u00b22018 10:00 +0000', null],
  ];
  for (const [input, expected] of table) {
    it(JSON.stringify(input), () => assert.equal(iso(input), expected));
  }

  it('huge fields are exact (BigInt), not rounded doubles', () => {
    assert.equal(iso(`1 Jan 2018 00:1:1${'0'.repeat(20)} -0000`), null);
    const day = 10n ** 18n;
    const back = -(day * 86400n);
    assert.equal(iso(`${day} Jan 2018 00:00:${back} +0000`), '2017-12-31T00:00:00');
  });

  it('fields over 4300 digits fail like Python int() (Date becomes unusable)', () => {
    assert.equal(parseDateTz(`1 Jan 2018 10:00:${'0'.repeat(4301)} +0000`), null);
    assert.equal(iso(`1 Jan 2018 10:00:${'0'.repeat(4300)} +0000`), '2018-01-01T10:00:00');
  });
});

describe('parseDateTz: the fast path for the usual shape', () => {
  it('agrees with the general parser on random dates in that shape and near it', () => {
    const days = ['', 'Mon, ', 'Sun, ', 'Thu,', 'thu, '];
    const months = ['Jan', 'Feb', 'Jun', 'Dec', 'jan', 'Foo'];
    const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
    const date = fc.record({
      day: fc.constantFrom(...days),
      d: fc.oneof(fc.integer({ min: 0, max: 99 }).map(String), two),
      mon: fc.constantFrom(...months),
      y: fc.oneof(fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')), fc.constantFrom('99', '10000')),
      hh: two,
      mm: two,
      ss: two,
      zone: fc.oneof(fc.integer({ min: 0, max: 9999 }).map((n) => (n % 2 ? '+' : '-') + String(n).padStart(4, '0')), fc.constantFrom('GMT', '+01:00', '')),
      comment: fc.constantFrom('', ' (CET)', ' (UTC)', ' (x y)'),
    });
    fc.assert(
      fc.property(date, (p) => {
        const text = `${p.day}${p.d} ${p.mon} ${p.y} ${p.hh}:${p.mm}:${p.ss} ${p.zone}${p.comment}`;
        assert.equal(parseDateTz(text), parseDateTzGeneral(text), text);
      }),
      { numRuns: 5000, seed: 1202 },
    );
  });
});

describe('formatApiDate', () => {
  it('renders the full year range with a 4-digit year', () => {
    assert.equal(formatApiDate(0), '1970-01-01T00:00:00');
    assert.equal(formatApiDate(-1), '1969-12-31T23:59:59');
    assert.equal(formatApiDate(-62135596800), '0001-01-01T00:00:00');
    assert.equal(formatApiDate(253402300799), '9999-12-31T23:59:59');
    assert.equal(formatApiDate(951782400), '2000-02-29T00:00:00');
    assert.equal(formatApiDate(-59011423200), '0100-01-01T10:00:00');
  });
});

describe('parseFromLineDate', () => {
  it('asctime after the sender, read as UTC', () => {
    assert.equal(parseFromLineDate('From patchwork Sun Sep 11 22:22:03 2016'), 1473632523);
    assert.equal(parseFromLineDate('From mboxrd@z Thu Jan  1 00:00:00 1970'), 0);
    assert.equal(parseFromLineDate('From 1234abcd Mon Sep 17 00:00:00 2001\n'), 1000684800);
    assert.equal(parseFromLineDate('From a@b Mon Sep 17 00:00:00 2001\r\n'), 1000684800);
  });

  it('a zone before the year is tolerated and applied', () => {
    assert.equal(parseFromLineDate('From x Sun Sep 11 22:22:03 +0000 2016'), 1473632523);
    assert.equal(parseFromLineDate('From x Sun Sep 11 23:22:03 +0100 2016'), 1473632523);
  });

  it('without seconds or weekday', () => {
    assert.equal(parseFromLineDate('From x Sep 11 22:22 2016'), 1473632520);
  });

  it('invalid or missing timestamps give null', () => {
    assert.equal(parseFromLineDate('From x'), null);
    assert.equal(parseFromLineDate('From x Sun Foo 11 22:22:03 2016'), null);
    assert.equal(parseFromLineDate('From x Sun Feb 30 22:22:03 2016'), null);
    assert.equal(parseFromLineDate('From x Sun Sep 11 24:00:00 2016'), null);
    assert.equal(parseFromLineDate('From x Sun Sep 11 22:22:03 0000'), null);
    assert.equal(parseFromLineDate('From x Sun Sep 11 22:22:03 2016 trailing'), null);
  });

  it('a very long line is handled by its tail', () => {
    assert.equal(parseFromLineDate(`From ${'x'.repeat(1_000_000)} Thu Jan  1 00:00:00 1970`), 0);
  });
});

describe('Python int() helpers', () => {
  it('pyInt: sign, whitespace, underscores, Unicode digits', () => {
    assert.equal(pyInt(' +1_000 '), 1000n);
    assert.equal(pyInt('-007'), -7n);
    assert.equal(pyInt('\u0663\u0664'), 34n);
    assert.equal(pyInt('\u{1d7d8}'), 0n); // MATHEMATICAL DOUBLE-STRUCK DIGIT ZERO
    for (const bad of ['', '+', '_1', '1_', '1__0', '1 0', '\u00b2', '0x10', '1.0']) assert.equal(pyInt(bad), null, bad);
    assert.equal(pyInt('1'.repeat(4300))?.toString().length, 4300);
    assert.equal(pyInt('1'.repeat(4301)), null);
    assert.equal(pyInt('1_'.repeat(2200) + '1')?.toString().length, 2201);
  });

  it('pyIntDigits raises past 4300 digits and drops leading zeros', () => {
    assert.equal(pyIntDigits('0007'), '7');
    assert.equal(pyIntDigits('000'), '0');
    assert.throws(() => pyIntDigits('1'.repeat(4301)), PyIntLimitError);
  });

  it('digit values and str.isdigit()', () => {
    assert.equal(pyDecimalValue(0x0669), 9);
    assert.equal(pyDecimalValue(0x1d7ce + 13), 3); // the 5 runs of mathematical digits
    assert.equal(pyDecimalValue(0x41), -1);
    assert.equal(isPyDigitCodePoint(0xb2), true);
    assert.equal(isPyDigitCodePoint(0x2155), false); // VULGAR FRACTION ONE FIFTH is numeric, not a digit
  });
});
