/**
 * Date handling (spec 1.8): Python's `email.utils.parsedate_tz` followed by
 * Patchwork's `find_date` conversion to a naive UTC instant, the API
 * rendering of such instants, and the asctime timestamp of an mbox From_ line.
 */

import { isPyDigitCodePoint, pyInt, pySplitWs } from '../util/pyunicode.js';

// ---------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian, any year)
// ---------------------------------------------------------------------------

/** Days from 1970-01-01 to the given civil date (proleptic Gregorian). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of {@link daysFromCivil}. */
function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

/** First second of year 1 (`datetime.min`) in Unix time. */
const MIN_SECONDS = -62135596800n;
/** Last second of year 9999 (`datetime.max`, whole seconds) in Unix time. */
const MAX_SECONDS = 253402300799n;

// ---------------------------------------------------------------------------
// parsedate_tz
// ---------------------------------------------------------------------------

const MONTH_NAMES = [
  'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
  'october', 'november', 'december',
];
const DAY_NAMES = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
/** `email._parseaddr._timezones`: hours·100 west-negative. */
const ZONES: ReadonlyMap<string, bigint> = new Map([
  ['UT', 0n], ['UTC', 0n], ['GMT', 0n], ['Z', 0n],
  ['AST', -400n], ['ADT', -300n], ['EST', -500n], ['EDT', -400n], ['CST', -600n],
  ['CDT', -500n], ['MST', -700n], ['MDT', -600n], ['PST', -800n], ['PDT', -700n],
]);

/**
 * The fields `email.utils.parsedate_tz` returns (CPython 3.11), as exact
 * integers: day/hour/minute/second are not range-checked, `offset` is in
 * seconds east of UTC (0 when missing, unknown or `-0000`).
 * @internal
 */
export interface ParsedDateFields {
  year: bigint;
  month: number;
  day: bigint;
  hour: bigint;
  minute: bigint;
  second: bigint;
  offset: bigint;
}

/**
 * Mirrors `email.utils.parsedate_tz` (CPython 3.11, `_parsedate_tz` plus the
 * `None` → 0 offset rule). Returns null where Python returns `None`.
 * @internal
 */
export function parsedateTz(data: string): ParsedDateFields | null {
  if (!data) return null;
  let tok = pySplitWs(data);
  if (tok.length === 0) return null;
  const first = tok[0] as string;
  // A day name, with or without its comma, is skipped; otherwise anything up
  // to the last comma of the first token is dropped (the FWS after the
  // day-of-week comma is optional).
  if (first.endsWith(',') || DAY_NAMES.has(first.toLowerCase())) {
    tok.shift();
  } else {
    const i = first.lastIndexOf(',');
    if (i >= 0) tok[0] = first.slice(i + 1);
  }
  if (tok.length === 3) {
    // RFC 850 `dd-Mon-yy`.
    const stuff = (tok[0] as string).split('-');
    if (stuff.length === 3) tok = [...stuff, ...tok.slice(1)];
  }
  if (tok.length === 4) {
    const s = tok[3] as string;
    let i = s.indexOf('+');
    if (i === -1) i = s.indexOf('-');
    if (i > 0) tok.splice(3, 1, s.slice(0, i), s.slice(i));
    else tok.push(''); // dummy zone
  }
  if (tok.length < 5) return null;
  let [dd, mm, yy, tm, tz] = tok as [string, string, string, string, string];
  if (!(dd && mm && yy)) return null;
  mm = mm.toLowerCase();
  let mi = MONTH_NAMES.indexOf(mm);
  if (mi < 0) {
    [dd, mm] = [mm, dd.toLowerCase()];
    mi = MONTH_NAMES.indexOf(mm);
    if (mi < 0) return null;
  }
  let month = mi + 1;
  if (month > 12) month -= 12;
  if (dd.endsWith(',')) dd = dd.slice(0, -1);
  if (yy.indexOf(':') > 0) [yy, tm] = [tm, yy];
  if (yy.endsWith(',')) {
    yy = yy.slice(0, -1);
    if (!yy) return null;
  }
  if (!isPyDigitCodePoint(yy.codePointAt(0) as number)) [yy, tz] = [tz, yy];
  if (tm.endsWith(',')) tm = tm.slice(0, -1);
  let parts = tm.split(':');
  let thh: string;
  let tmm: string;
  let tss = '0';
  if (parts.length === 2) {
    [thh, tmm] = parts as [string, string];
  } else if (parts.length === 3) {
    [thh, tmm, tss] = parts as [string, string, string];
  } else if (parts.length === 1 && (parts[0] as string).includes('.')) {
    // Some non-compliant agents separate the time fields with dots.
    parts = (parts[0] as string).split('.');
    if (parts.length === 2) [thh, tmm] = parts as [string, string];
    else if (parts.length === 3) [thh, tmm, tss] = parts as [string, string, string];
    else return null;
  } else {
    return null;
  }
  let year = pyInt(yy);
  const day = pyInt(dd);
  const hour = pyInt(thh);
  const minute = pyInt(tmm);
  const second = pyInt(tss);
  if (year === null || day === null || hour === null || minute === null || second === null) return null;
  // Two-digit years (and anything below 100, negative included): POSIX rule.
  if (year < 100n) year += year > 68n ? 1900n : 2000n;
  const zone = tz.toUpperCase();
  let offset: bigint | null = ZONES.get(zone) ?? null;
  if (offset === null) {
    offset = pyInt(zone);
    if (offset === 0n && zone.startsWith('-')) offset = null;
  }
  let offsetSeconds = 0n;
  if (offset) {
    const sign = offset < 0n ? -1n : 1n;
    const abs = offset < 0n ? -offset : offset;
    offsetSeconds = sign * ((abs / 100n) * 3600n + (abs % 100n) * 60n);
  }
  return { year, month, day, hour, minute, second, offset: offsetSeconds };
}

/**
 * A cleaned `Date` header as Patchwork's `find_date` stores it: Python
 * `parsedate_tz`, then `calendar.timegm` minus the offset (out-of-range day,
 * hour, minute and second values roll over), then `utcfromtimestamp`.
 *
 * @returns Unix time in whole seconds (negative before 1970), or null where
 *   Patchwork would use "now": empty or unparseable value, year outside
 *   1…9999 before or after applying the offset.
 * @example parseDateTz('Sun, 11 Sep 2016 23:22:03 +0100') // 1473632523 (2016-09-11T22:22:03)
 */
export function parseDateTz(cleaned: string): number | null {
  const m = CANONICAL_DATE.exec(cleaned);
  // Years below 100 take the two-digit-year rule: the general path.
  if (m !== null && Number(m[3]) >= 100) {
    // The shape mail programs write: what the general parser does with it, in plain numbers.
    const year = Number(m[3]);
    const days = daysFromCivil(year, MONTH_NUMBERS.get(m[2]!)!, 1) + Number(m[1]) - 1;
    const zone = Number(m[8]);
    const offset = (m[7] === '-' ? -1 : 1) * (Math.floor(zone / 100) * 3600 + (zone % 100) * 60);
    const t = ((days * 24 + Number(m[4])) * 60 + Number(m[5])) * 60 + Number(m[6]) - offset;
    return t < MIN_SECONDS_N || t > MAX_SECONDS_N ? null : t;
  }
  return parseDateTzGeneral(cleaned);
}

/**
 * `[Www, ]D Mon YYYY HH:MM:SS ±ZZZZ[ (Zone)]`: a day name (or none), the fields in order with
 * ASCII digits, a numeric zone, perhaps a zone comment, which the general parser ignores.
 */
const CANONICAL_DATE =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?([0-9]{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([0-9]{4}) ([0-9]{2}):([0-9]{2}):([0-9]{2}) ([+-])([0-9]{4})(?: \([A-Za-z]{1,5}\))?$/;
const MONTH_NUMBERS: ReadonlyMap<string, number> = new Map(MONTH_NAMES.slice(0, 12).map((m, i) => [m[0]!.toUpperCase() + m.slice(1), i + 1]));
const MIN_SECONDS_N = Number(MIN_SECONDS);
const MAX_SECONDS_N = Number(MAX_SECONDS);

/** {@link parseDateTz} without the fast path for the common shape. @internal */
export function parseDateTzGeneral(cleaned: string): number | null {
  const f = parsedateTz(cleaned);
  if (f === null) return null;
  // calendar.timegm goes through datetime.date(year, month, 1).
  if (f.year < 1n || f.year > 9999n) return null;
  const days = BigInt(daysFromCivil(Number(f.year), f.month, 1)) + f.day - 1n;
  const t = ((days * 24n + f.hour) * 60n + f.minute) * 60n + f.second - f.offset;
  if (t < MIN_SECONDS || t > MAX_SECONDS) return null;
  return Number(t);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * Renders Unix time (whole seconds, year 1…9999) the way Patchwork's API
 * renders a naive datetime without microseconds: `YYYY-MM-DDTHH:MM:SS`,
 * the year zero-padded to four digits. Fractions of a second are dropped.
 */
export function formatApiDate(seconds: number): string {
  const s = Math.floor(seconds);
  const days = Math.floor(s / 86400);
  const rem = s - days * 86400;
  const [y, m, d] = civilFromDays(days);
  const hh = Math.floor(rem / 3600);
  const mi = Math.floor((rem % 3600) / 60);
  const ss = rem % 60;
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}T${pad2(hh)}:${pad2(mi)}:${pad2(ss)}`;
}

const ASCTIME_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// `[Www] Mmm dd hh:mm[:ss] [zone] yyyy` at the end of the line. Every token
// is bounded, so the match is linear; only the tail of the line is examined.
const ASCTIME_TAIL =
  /[ \t](?:[A-Za-z]{3},?[ \t]+)?([A-Za-z]{3})[ \t]+(\d{1,2})[ \t]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[ \t]+([+-]\d{4}|UTC|GMT|UT))?[ \t]+(\d{4})[ \t]*$/;

/**
 * The asctime timestamp of an mbox envelope line (`From sender Www Mmm dd
 * hh:mm:ss yyyy`, a `+hhmm`/`UTC` zone before the year tolerated and
 * applied; no zone means UTC). Used for mbox2pw's deterministic fallback when
 * a `Date` header is unusable (spec 1.8 recommendation). The line may carry
 * its `\n`/`\r\n`.
 *
 * @returns Unix time in seconds, or null when no valid timestamp is found
 *   (invalid month, day beyond the month, hour > 23, minute or second > 59,
 *   year 0).
 * @example parseFromLineDate('From mboxrd@z Thu Jan  1 00:00:00 1970') // 0
 */
export function parseFromLineDate(fromLine: string): number | null {
  let line = fromLine;
  if (line.endsWith('\n')) line = line.slice(0, line.endsWith('\r\n') ? -2 : -1);
  if (line.length > 256) line = line.slice(-256);
  const m = ASCTIME_TAIL.exec(line);
  if (!m) return null;
  const month = ASCTIME_MONTHS.indexOf((m[1] as string).toLowerCase()) + 1;
  const day = Number(m[2]);
  const hour = Number(m[3]);
  const minute = Number(m[4]);
  const second = m[5] === undefined ? 0 : Number(m[5]);
  const year = Number(m[7]);
  if (month === 0 || year < 1 || hour > 23 || minute > 59 || second > 59 || day < 1) return null;
  const monthDays = daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
  if (day > monthDays) return null;
  let offset = 0;
  const zone = m[6];
  if (zone !== undefined && (zone[0] === '+' || zone[0] === '-')) {
    const n = Number(zone.slice(1));
    offset = (zone[0] === '-' ? -1 : 1) * (Math.floor(n / 100) * 3600 + (n % 100) * 60);
  }
  const t = ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60 + second - offset;
  if (t < Number(MIN_SECONDS) || t > Number(MAX_SECONDS)) return null;
  return t;
}
