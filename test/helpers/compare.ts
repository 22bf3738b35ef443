/**
 * Record comparison for the conformance test: exact JSON equality, with the
 * dates of undated messages as wildcards, and readable field diffs.
 */
import { isDeepStrictEqual } from 'node:util';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Where two values differ: a list of `path: expected … actual …` lines. */
export function diffValues(expected: Json, actual: Json, wildDates: ReadonlySet<string>, path = ''): string[] {
  if (typeof expected === 'string' && wildDates.has(expected) && /(^|\.)date$/.test(path)) return [];
  if (isDeepStrictEqual(expected, actual)) return [];
  if (
    expected !== null &&
    actual !== null &&
    typeof expected === 'object' &&
    typeof actual === 'object' &&
    Array.isArray(expected) === Array.isArray(actual)
  ) {
    const out: string[] = [];
    if (Array.isArray(expected) && Array.isArray(actual)) {
      if (expected.length !== actual.length) out.push(`${path}: length ${expected.length} expected, ${actual.length} produced`);
      const n = Math.min(expected.length, actual.length);
      for (let i = 0; i < n; i++) out.push(...diffValues(expected[i]!, actual[i]!, wildDates, `${path}[${i}]`));
      return out;
    }
    const e = expected as Record<string, Json>;
    const a = actual as Record<string, Json>;
    const ek = Object.keys(e);
    const ak = Object.keys(a);
    for (const k of ek) {
      if (!(k in a)) out.push(`${path}.${k}: missing (expected ${show(e[k]!)})`);
      else out.push(...diffValues(e[k]!, a[k]!, wildDates, path ? `${path}.${k}` : k));
    }
    for (const k of ak) if (!(k in e)) out.push(`${path}.${k}: unexpected field (${show(a[k]!)})`);
    if (out.length === 0 && ek.join() !== ak.join()) out.push(`${path}: key order ${ak.join(',')} instead of ${ek.join(',')}`);
    return out;
  }
  if (typeof expected === 'string' && typeof actual === 'string') {
    let i = 0;
    while (i < expected.length && expected[i] === actual[i]) i++;
    const from = Math.max(0, i - 30);
    return [
      `${path}: strings differ at ${i} (lengths ${expected.length}/${actual.length}): expected …${JSON.stringify(
        expected.slice(from, i + 50),
      )}… produced …${JSON.stringify(actual.slice(from, i + 50))}…`,
    ];
  }
  return [`${path}: expected ${show(expected)}, produced ${show(actual)}`];
}

function show(v: Json): string {
  const s = JSON.stringify(v);
  return s.length > 120 ? s.slice(0, 117) + '...' : s;
}

/** Top-level field names that differ (for per-field tallies). */
export function differingFields(expected: Json, actual: Json, wildDates: ReadonlySet<string>): string[] {
  const e = (expected ?? {}) as Record<string, Json>;
  const a = (actual ?? {}) as Record<string, Json>;
  const out = new Set<string>();
  for (const k of new Set([...Object.keys(e), ...Object.keys(a)])) {
    if (!(k in e) || !(k in a)) out.add(k);
    else if (diffValues(e[k]!, a[k]!, wildDates, k).length > 0) out.add(k);
  }
  if (out.size === 0 && diffValues(expected, actual, wildDates).length > 0) out.add('(key order)');
  return [...out];
}
