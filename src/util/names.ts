/**
 * Lower-case forms of header names. Real archives use a few hundred distinct
 * names, looked up many times per message, so they are remembered (in a
 * bounded table) instead of being lower-cased again each time.
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
