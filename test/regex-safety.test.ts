/**
 * No super-linear regexes on untrusted text: every regular expression literal
 * and every `new RegExp(...)` in src/ is checked with safe-regex2 (star height
 * and repetition heuristics). The few it flags were reviewed: each is listed
 * with the reason it stays linear, and the test fails on any new one.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import safe from 'safe-regex2';
import ts from 'typescript';
import { REPO_ROOT } from './helpers/shared.js';
import { isStrictFromLine } from '../src/mbox/from-line.js';
import { parseDateTz, parseFromLineDate } from '../src/mime/date.js';

const REVIEWED: Record<string, string> = {
  'src/mbox/from-line.ts:STRICT_FROM': 'bounded repetitions ({0,512}, {0,8}) on a line cut to 1,024 characters',
  'src/mime/date.ts:ASCTIME_TAIL': 'every token bounded; applied to the last 256 characters of a From_ line',
  'src/mime/date.ts:CANONICAL_DATE':
    'anchored at both ends, every token a literal or a bounded digit/letter run, no nested repetition: at most one pass per start, and only one start',
  'src/mime/message.ts:RFC2231_NAME': 'anchored, unambiguous (word characters, then `*`, digits, `*`); parameter names only',
  'src/mime/message.ts:CLEAN_BASE64':
    'the star class and the `=` group share only CR/LF after a `=`, and the group repeats at most twice: one backtrack step per character',
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The name a regex is bound to (`const NAME = /.../`), or its line. */
function nameOf(node: ts.Node, sf: ts.SourceFile): string {
  let n: ts.Node | undefined = node.parent;
  while (n && !ts.isVariableDeclaration(n) && !ts.isSourceFile(n)) n = n.parent;
  if (n && ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) return n.name.text;
  return `line ${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
}

it('every regex in src/ is safe or reviewed', () => {
  const flagged: string[] = [];
  let checked = 0;
  for (const file of sources(join(REPO_ROOT, 'src'))) {
    const rel = file.slice(REPO_ROOT.length).replace(/\\/g, '/');
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      let re: RegExp | null = null;
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const t = node.getText(sf);
        re = new RegExp(t.slice(1, t.lastIndexOf('/')), t.slice(t.lastIndexOf('/') + 1));
      } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const arg = node.arguments?.[0];
        if (arg && ts.isStringLiteral(arg)) re = new RegExp(arg.text);
      }
      if (re) {
        checked++;
        if (!safe(re)) {
          const key = `${rel}:${nameOf(node, sf)}`;
          if (!REVIEWED[key]) flagged.push(`${key} ${re}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  assert.ok(checked > 30, `found only ${checked} regexes`);
  assert.deepEqual(flagged, [], 'regexes flagged by safe-regex2 and not reviewed');
});

it('the reviewed regexes stay linear on hostile lines', () => {
  // A 10 MB line shaped to make a backtracking engine try every start.
  const spaces = 'From ' + ' \t'.repeat(5_000_000);
  let t = process.hrtime.bigint();
  assert.equal(isStrictFromLine(spaces), false);
  assert.equal(parseFromLineDate(spaces + 'x'), null);
  // the fast pattern fails at the long comment; the general parser reads the first five tokens
  assert.equal(parseDateTz('Mon, 1 Jan 2024 10:00:00 +0000 (' + 'A'.repeat(10_000_000)), Date.UTC(2024, 0, 1, 10) / 1000);
  const tiny = Number(process.hrtime.bigint() - t);
  t = process.hrtime.bigint();
  assert.equal(isStrictFromLine('From ' + 'a'.repeat(10)), false);
  // generous bound: both calls only ever look at a bounded prefix/suffix
  assert.ok(tiny < 1e9, `${tiny / 1e6} ms on a 10 MB line`);
});
