/**
 * Python `str` semantics that JavaScript built-ins get wrong (spec section 0).
 *
 * Python whitespace (`str.isspace()`, regex `\s` on str): U+0009–U+000D,
 * U+001C–U+001F, U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
 * U+2029, U+202F, U+205F, U+3000. JavaScript's `\s` adds U+FEFF and misses
 * U+001C–U+001F and U+0085, so neither `trim()` nor `/\s/` may be used.
 */

/** Character class body (for use inside `[...]`) matching Python whitespace. */
export const PY_WS = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/** True when the UTF-16 code unit `c` is Python whitespace. */
export function isPySpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Python `s.strip()`. */
export function pyStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isPySpace(s.charCodeAt(a))) a++;
  while (b > a && isPySpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** Python `s.lstrip()`. */
export function pyLstrip(s: string): string {
  let a = 0;
  while (a < s.length && isPySpace(s.charCodeAt(a))) a++;
  return a === 0 ? s : s.slice(a);
}

/** Python `s.rstrip()`. */
export function pyRstrip(s: string): string {
  let b = s.length;
  while (b > 0 && isPySpace(s.charCodeAt(b - 1))) b--;
  return b === s.length ? s : s.slice(0, b);
}

const WS_RUN = new RegExp(`[${PY_WS}]+`, 'g');

/** Patchwork's `normalise_space`: every run of Python whitespace becomes one space, then strip. */
export function normaliseSpace(s: string): string {
  // Most values already are normal: single spaces between words, none at the ends.
  if (!NOT_NORMAL.test(s)) return s;
  return pyStrip(s.replace(WS_RUN, ' '));
}

/** Whitespace other than a lone space inside the text: what {@link normaliseSpace} would change. */
const NOT_NORMAL = new RegExp(`[${PY_WS.replace(' ', '')}]|  |^ | $`);

/** True for the code units Python's `str.splitlines()` splits on (CRLF is handled by the caller). */
export function isPyLineBreak(c: number): boolean {
  return (
    c === 0x0a ||
    c === 0x0d ||
    c === 0x0b ||
    c === 0x0c ||
    c === 0x1c ||
    c === 0x1d ||
    c === 0x1e ||
    c === 0x85 ||
    c === 0x2028 ||
    c === 0x2029
  );
}

/**
 * Python `str.splitlines(keepends)`: splits on `\n`, `\r\n`, `\r`, U+000B, U+000C,
 * U+001C–U+001E, U+0085, U+2028, U+2029. No empty last element for a trailing break.
 */
export function pySplitlines(s: string, keepends = false): string[] {
  const out: string[] = [];
  let start = 0;
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isPyLineBreak(c)) {
      let eol = i + 1;
      if (c === 0x0d && i + 1 < n && s.charCodeAt(i + 1) === 0x0a) eol = i + 2;
      out.push(s.slice(start, keepends ? eol : i));
      start = eol;
      i = eol;
    } else i++;
  }
  if (start < n) out.push(s.slice(start));
  return out;
}

/** Number of code points in `s` (Python `len`). */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Python `s[:n]` counting code points, not UTF-16 units. */
export function truncateCodePoints(s: string, n: number): string {
  if (s.length <= n) return s;
  let count = 0;
  let i = 0;
  while (i < s.length && count < n) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    count++;
  }
  return s.slice(0, i);
}

/**
 * A copy of `s` that does not keep a larger string alive. V8 represents
 * `slice()` results as views into their parent, so a short Message-Id kept
 * for the whole run would otherwise pin the whole message it was cut from.
 * (UTF-16 round trip: exact for every string, lone surrogates included.)
 */
export function detach(s: string): string {
  return s.length <= 12 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}
