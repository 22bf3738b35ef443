/**
 * Header names. Real archives use a few hundred distinct names, looked up
 * many times per message, so their strings and lower-case forms are
 * remembered (in bounded tables) instead of being made again each time.
 */

const lower = new Map<string, string>();
const MAX_NAMES = 4096;

/** `name.toLowerCase()`, remembered. */
export function lowerName(name: string): string {
  let l = lower.get(name);
  if (l === undefined) {
    if (lower.size >= MAX_NAMES) lower.clear();
    lower.set(name, (l = name.toLowerCase()));
  }
  return l;
}

/** Slots of the header-name table (a power of two): one remembered name per slot. */
const NAME_SLOTS = 2048;
const slots: Array<string | undefined> = new Array<string | undefined>(NAME_SLOTS).fill(undefined);

/**
 * The header name spelt by the bytes `b[start, end)` (one character per byte), as a string
 * that is the same object each time the same name comes back: no new string per header, and
 * its hash, once computed by a lookup, stays with it. `slice` makes the string when the name
 * is not in the table.
 */
export function nameOf(b: Uint8Array, start: number, end: number, slice: (start: number, end: number) => string): string {
  const len = end - start;
  if (len === 0 || len > 64) return slice(start, end);
  let h = len;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + b[i]!) | 0;
  const k = (h ^ (h >>> 11)) & (NAME_SLOTS - 1);
  const known = slots[k];
  if (known !== undefined && known.length === len) {
    let same = true;
    for (let i = 0; i < len; i++) {
      if (known.charCodeAt(i) !== b[start + i]) {
        same = false;
        break;
      }
    }
    if (same) return known;
  }
  const name = slice(start, end);
  slots[k] = name;
  return name;
}
