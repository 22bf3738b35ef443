/**
 * Python `str` semantics beyond whitespace (see pystr.ts): `int()` on text,
 * Unicode `\\d` (with digit values) and Unicode `\\w`, pinned to Unicode 14.0,
 * the database of CPython 3.11 that produced the reference output.
 */
import { isPySpace } from './pystr.js';

// ---------------------------------------------------------------------------
// Python `str` classes (CPython 3.11 = Unicode 14.0)
// ---------------------------------------------------------------------------

/**
 * Letters and numbers assigned after Unicode 14.0 (the version of CPython
 * 3.11's database). JavaScript engines follow newer Unicode versions, so
 * `\p{L}`/`\p{N}`/`\p{Nd}` match these although Python's `\w`/`\d` do not.
 * Computed as the set difference between Node 20's `[\p{L}\p{N}_]` and
 * CPython 3.11's `\w` over every code point (Python's set is a subset).
 */
const LATE_WORD_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x88f, 0x88f], [0xc5c, 0xc5c], [0xcdc, 0xcdc], [0x1c89, 0x1c8a], [0xa7cb, 0xa7cf],
  [0xa7d2, 0xa7d2], [0xa7d4, 0xa7d4], [0xa7da, 0xa7dc], [0xa7f1, 0xa7f1], [0x105c0, 0x105f3],
  [0x10940, 0x10959], [0x10d40, 0x10d65], [0x10d6f, 0x10d85], [0x10ec2, 0x10ec7],
  [0x1123f, 0x11240], [0x11380, 0x11389], [0x1138b, 0x1138b], [0x1138e, 0x1138e],
  [0x11390, 0x113b5], [0x113b7, 0x113b7], [0x113d1, 0x113d1], [0x113d3, 0x113d3],
  [0x116d0, 0x116e3], [0x11bc0, 0x11be0], [0x11bf0, 0x11bf9], [0x11db0, 0x11ddb],
  [0x11de0, 0x11de9], [0x11f02, 0x11f02], [0x11f04, 0x11f10], [0x11f12, 0x11f33],
  [0x11f50, 0x11f59], [0x1342f, 0x1342f], [0x13441, 0x13446], [0x13460, 0x143fa],
  [0x16100, 0x1611d], [0x16130, 0x16139], [0x16d40, 0x16d6c], [0x16d70, 0x16d79],
  [0x16ea0, 0x16eb8], [0x16ebb, 0x16ed3], [0x16ff2, 0x16ff6], [0x187f8, 0x187ff],
  [0x18cff, 0x18cff], [0x18d09, 0x18d1e], [0x18d80, 0x18df2], [0x1b132, 0x1b132],
  [0x1b155, 0x1b155], [0x1ccf0, 0x1ccf9], [0x1d2c0, 0x1d2d3], [0x1df25, 0x1df2a],
  [0x1e030, 0x1e06d], [0x1e4d0, 0x1e4eb], [0x1e4f0, 0x1e4f9], [0x1e5d0, 0x1e5ed],
  [0x1e5f0, 0x1e5fa], [0x1e6c0, 0x1e6de], [0x1e6e0, 0x1e6e2], [0x1e6e4, 0x1e6e5],
  [0x1e6e7, 0x1e6ed], [0x1e6f0, 0x1e6f4], [0x1e6fe, 0x1e6ff], [0x2b739, 0x2b73f],
  [0x2cea2, 0x2cead], [0x2ebf0, 0x2ee5d], [0x31350, 0x33479],
];

/**
 * Characters for which Python's `str.isdigit()` is true but `isdecimal()` is
 * false (superscripts, circled digits, …): they count for `isdigit()` tests
 * but `int()` rejects them.
 */
const DIGIT_NOT_DECIMAL_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0xb2, 0xb3], [0xb9, 0xb9], [0x1369, 0x1371], [0x19da, 0x19da], [0x2070, 0x2070],
  [0x2074, 0x2079], [0x2080, 0x2089], [0x2460, 0x2468], [0x2474, 0x247c], [0x2488, 0x2490],
  [0x24ea, 0x24ea], [0x24f5, 0x24fd], [0x24ff, 0x24ff], [0x2776, 0x277e], [0x2780, 0x2788],
  [0x278a, 0x2792], [0x10a40, 0x10a43], [0x10e60, 0x10e68], [0x11052, 0x1105a],
  [0x1f100, 0x1f10a],
];

function inRanges(cp: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  for (const [a, b] of ranges) if (cp >= a && cp <= b) return true;
  return false;
}

const hex = (n: number): string => `\\u{${n.toString(16)}}`;

/**
 * Regex source (for a `u`-flag pattern, outside a class) of a negative
 * lookahead that rejects the post-Unicode-14 letters and numbers. Put it in
 * front of a class containing `\p{L}`, `\p{N}` or `\p{Nd}` to get Python's
 * meaning.
 * @internal
 */
export const NOT_LATE_WORD = `(?![${LATE_WORD_RANGES.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('')}])`;

/**
 * Regex source (for a `u`-flag pattern) of one Python `\w` character
 * (`str.isalnum()` or `_`): letters and numbers, not combining marks.
 * @internal
 */
export const PY_WORD = `(?:${NOT_LATE_WORD}[\\p{L}\\p{N}_])`;

/**
 * Regex source (for a `u`-flag pattern) of one Python `\d` character (any
 * Unicode decimal digit of category Nd).
 * @internal
 */
export const PY_DIGIT = `(?:${NOT_LATE_WORD}\\p{Nd})`;

const LN_RE = /[\p{L}\p{N}]/u;
const ND_RE = /\p{Nd}/u;

/** True when code point `cp` is matched by Python's `\w` on `str`. @internal */
export function isPyWordCodePoint(cp: number): boolean {
  if (cp < 0x80) {
    return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x30 && cp <= 0x39) || cp === 0x5f;
  }
  return LN_RE.test(String.fromCodePoint(cp)) && !inRanges(cp, LATE_WORD_RANGES);
}

/** True when code point `cp` is a Python decimal digit (`\d`, `str.isdecimal()`). @internal */
export function isPyDecimalCodePoint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x30 && cp <= 0x39;
  return ND_RE.test(String.fromCodePoint(cp)) && !inRanges(cp, LATE_WORD_RANGES);
}

/**
 * The value 0–9 of a decimal digit code point, or -1. Unicode assigns decimal
 * digits only in contiguous runs of ten starting at zero, so the value is the
 * offset from the start of the run modulo 10.
 * @internal
 */
export function pyDecimalValue(cp: number): number {
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  if (!isPyDecimalCodePoint(cp)) return -1;
  let start = cp;
  while (start > 0 && isPyDecimalCodePoint(start - 1)) start--;
  return (cp - start) % 10;
}

/** Python `str.isdigit()` for one code point. @internal */
export function isPyDigitCodePoint(cp: number): boolean {
  return isPyDecimalCodePoint(cp) || (cp >= 0xb2 && inRanges(cp, DIGIT_NOT_DECIMAL_RANGES));
}

/**
 * Rewrites a run of Python decimal digits as ASCII digits (Unicode digits
 * such as `٣` become `3`). Returns null when a character is not a decimal digit.
 * @internal
 */
export function pyDigitsToAscii(s: string): string | null {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s;
  const out: string[] = [];
  for (const ch of s) {
    const v = pyDecimalValue(ch.codePointAt(0) as number);
    if (v < 0) return null;
    out.push(String.fromCharCode(0x30 + v));
  }
  return out.join('');
}

/**
 * CPython's default `sys.get_int_max_str_digits()` (since 3.11.0 and 3.10.7):
 * `int()` on text with more decimal digits than this raises `ValueError`.
 * @internal
 */
export const PY_INT_MAX_STR_DIGITS = 4300;

/**
 * Raised where Patchwork calls `int()` on a digit run longer than
 * {@link PY_INT_MAX_STR_DIGITS} without catching the `ValueError` (hunk
 * counts in `parse_patch`/`hash_diff`, series markers, versions): Patchwork
 * then fails the whole mail, and so should the caller.
 */
export class PyIntLimitError extends Error {
  /** Stable code for diagnostics. */
  readonly code = 'PY_INT_LIMIT';
  constructor(digits: number) {
    super(`integer with ${digits} digits exceeds Python's ${PY_INT_MAX_STR_DIGITS}-digit int() limit`);
    this.name = 'PyIntLimitError';
  }
}

/**
 * Python `int()` of a run of decimal digits (as matched by `\d+`), as ASCII
 * digits without leading zeros.
 * @throws {PyIntLimitError} beyond {@link PY_INT_MAX_STR_DIGITS} digits, as Python raises.
 * @internal
 */
export function pyIntDigits(digitRun: string): string {
  const ascii = pyDigitsToAscii(digitRun);
  if (ascii === null || ascii.length === 0) throw new RangeError('not a run of decimal digits');
  if (ascii.length > PY_INT_MAX_STR_DIGITS) throw new PyIntLimitError(ascii.length);
  let i = 0;
  while (i < ascii.length - 1 && ascii.charCodeAt(i) === 0x30) i++;
  return i === 0 ? ascii : ascii.slice(i);
}

/**
 * Python `int(s)` (base 10) as a bigint, or null where Python raises
 * `ValueError`: surrounding Python whitespace allowed, one optional sign,
 * Unicode decimal digits, single underscores between digits, at most
 * {@link PY_INT_MAX_STR_DIGITS} digits.
 * @internal
 */
export function pyInt(s: string): bigint | null {
  let a = 0;
  let b = s.length;
  while (a < b && isPySpace(s.charCodeAt(a))) a++;
  while (b > a && isPySpace(s.charCodeAt(b - 1))) b--;
  let neg = false;
  if (a < b && (s[a] === '+' || s[a] === '-')) {
    neg = s[a] === '-';
    a++;
  }
  if (a >= b) return null;
  const digits: string[] = [];
  let prevUnderscore = true; // a leading underscore is invalid
  for (let i = a; i < b; ) {
    const cp = s.codePointAt(i) as number;
    i += cp > 0xffff ? 2 : 1;
    if (cp === 0x5f) {
      if (prevUnderscore) return null;
      prevUnderscore = true;
      continue;
    }
    const v = pyDecimalValue(cp);
    if (v < 0) return null;
    digits.push(String.fromCharCode(0x30 + v));
    prevUnderscore = false;
  }
  if (prevUnderscore) return null; // trailing underscore
  if (digits.length > PY_INT_MAX_STR_DIGITS) return null;
  const n = BigInt(digits.join(''));
  return neg ? -n : n;
}

/** Python `str.split()` without arguments: split on runs of Python whitespace. */
export function pySplitWs(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && isPySpace(s.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isPySpace(s.charCodeAt(i))) i++;
    out.push(s.slice(start, i));
  }
  return out;
}

