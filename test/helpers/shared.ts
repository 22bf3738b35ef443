/**
 * Locating the read-only reference material (`../shared` beside the
 * repository). Tests that need it fail loudly when it is missing, unless
 * MBOX2PW_ALLOW_NO_SHARED=1 says that is expected, in which case they are
 * reported as skipped with the reason.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Repository root (tests run from build/test/...). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** `../shared` beside the repository, or MBOX2PW_SHARED when set (a clone elsewhere). */
export const SHARED = process.env['MBOX2PW_SHARED']
  ? process.env['MBOX2PW_SHARED'].replace(/\/?$/, '/')
  : fileURLToPath(new URL('../../../../shared/', import.meta.url));
export const CONFORMANCE = SHARED + 'conformance/';

export const hasShared = existsSync(CONFORMANCE);

/** Reason to skip, or `false` to run. Throws when the corpus is missing and that is not allowed. */
export function sharedSkip(): string | false {
  if (hasShared) return false;
  if (process.env['MBOX2PW_ALLOW_NO_SHARED'] === '1') return `reference corpus not found at ${CONFORMANCE}`;
  throw new Error(
    `reference corpus not found at ${CONFORMANCE}: the conformance tests need ../shared beside the repository ` +
      '(set MBOX2PW_ALLOW_NO_SHARED=1 to skip them explicitly)',
  );
}

export interface CaseInfo {
  name: string;
  dir: string;
  format: 'mboxo' | 'mboxrd' | 'eml';
  api_version: '1.0' | '1.1' | '1.2' | '1.3';
  base_url: string;
  project: Record<string, unknown>;
  messages: number;
  undated_msgids: string[];
}

/** Every conformance case, sorted by name. */
export function conformanceCases(): CaseInfo[] {
  if (!hasShared) return [];
  const out: CaseInfo[] = [];
  for (const name of readdirSync(CONFORMANCE).sort()) {
    const dir = CONFORMANCE + name + '/';
    if (!existsSync(dir + 'case.json')) continue;
    const c = JSON.parse(readFileSync(dir + 'case.json', 'utf8')) as Omit<CaseInfo, 'name' | 'dir'>;
    out.push({ ...c, name, dir });
  }
  return out;
}
