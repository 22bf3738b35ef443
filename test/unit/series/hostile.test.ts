/**
 * Series and comment assembly on hostile threads: every message still gets
 * exactly one outcome, and work stays linear (asserted on sizes, not time).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMboxSync } from '../../../src/index.js';

const DIFF = 'diff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -1 +1 @@\n-old\n+new\n';

function mail(headers: Record<string, string>, body: string): string {
  const h = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\n`)
    .join('');
  return `From nobody Mon Jan  1 00:00:00 2024\nFrom: ${headers['From'] ?? 'Ada <ada@example.org>'}\n${h}\n${body}\n`;
}
function date(minutes: number): string {
  return new Date(Date.UTC(2024, 0, 1) + minutes * 60_000).toUTCString().replace('GMT', '+0000');
}
function outcomes(mbox: string): { r: ReturnType<typeof parseMboxSync>; skipped: number } {
  const r = parseMboxSync(Buffer.from(mbox));
  const skipped = r.diagnostics.filter((d) => d.skipped).length;
  return { r, skipped };
}
function conserved(r: ReturnType<typeof parseMboxSync>, skipped: number): void {
  assert.equal(r.summary.patches + r.summary.covers + r.summary.comments + skipped, r.summary.messages);
}

describe('hostile threads', () => {
  it('a message that references itself, and a reference loop', () => {
    const m =
      mail({ Subject: '[PATCH] a', 'Message-Id': '<a@x>', 'In-Reply-To': '<a@x>', References: '<b@x> <a@x>', Date: date(0) }, DIFF) +
      mail({ Subject: 'Re: [PATCH] a', 'Message-Id': '<b@x>', 'In-Reply-To': '<b@x>', References: '<c@x> <b@x>', Date: date(1) }, 'x') +
      mail({ Subject: 'Re: [PATCH] a', 'Message-Id': '<c@x>', 'In-Reply-To': '<b@x>', References: '<a@x> <b@x> <c@x>', Date: date(2) }, 'y');
    const { r, skipped } = outcomes(m);
    conserved(r, skipped);
    assert.equal(r.patches.length, 1);
    // <b@x> refers only to itself and to <c@x>, unknown then: dropped. <c@x>
    // refers to <b@x> (dropped), itself, and <a@x>: a comment on the patch.
    assert.equal(r.comments.length, 1);
    assert.equal(r.comments[0]!.comment.msgid, '<c@x>');
  });

  it('thousands of replies to one patch, and replies to replies', () => {
    let m = mail({ Subject: '[PATCH] a', 'Message-Id': '<p@x>', Date: date(0) }, DIFF);
    const N = 3000;
    for (let i = 0; i < N; i++) {
      const parent = i === 0 ? '<p@x>' : `<r${i - 1}@x>`;
      m += mail({ From: `R${i} <r${i}@example.org>`, Subject: 'Re: [PATCH] a', 'Message-Id': `<r${i}@x>`, 'In-Reply-To': parent, Date: date(i + 1) }, `reply ${i}`);
    }
    const { r, skipped } = outcomes(m);
    conserved(r, skipped);
    assert.equal(r.comments.length, N);
    assert.ok(r.comments.every((c) => c.parent_id === 1));
    assert.equal(r.people.length, N + 1);
  });

  it('duplicated Message-Ids: patches, comments', () => {
    let m = mail({ Subject: '[PATCH] a', 'Message-Id': '<p@x>', Date: date(0) }, DIFF);
    for (let i = 0; i < 500; i++) m += mail({ Subject: '[PATCH] a', 'Message-Id': '<p@x>', Date: date(1) }, DIFF);
    for (let i = 0; i < 500; i++) m += mail({ Subject: 'Re: [PATCH] a', 'Message-Id': '<c@x>', 'In-Reply-To': '<p@x>', Date: date(2) }, 'same');
    const { r, skipped } = outcomes(m);
    conserved(r, skipped);
    assert.equal(r.patches.length, 1);
    assert.equal(r.comments.length, 1);
    assert.equal(r.summary.duplicates, 999);
    assert.equal(r.diagnostics.filter((d) => d.code === 'CLASSIFY_DUPLICATE' && d.severity === 'warning' && d.skipped).length, 999);
  });

  it('a series with 1000 parts, n > m markers and missing patches', () => {
    let m = mail({ Subject: '[PATCH 0/1000] big', 'Message-Id': '<c@x>', Date: date(0) }, 'cover');
    for (let i = 1; i <= 1000; i += i === 500 ? 2 : 1) {
      m += mail({ Subject: `[PATCH ${i}/1000] part ${i}`, 'Message-Id': `<p${i}@x>`, 'In-Reply-To': '<c@x>', Date: date(0) }, DIFF);
    }
    m += mail({ Subject: '[PATCH 1200/1000] beyond', 'Message-Id': '<beyond@x>', 'In-Reply-To': '<c@x>', Date: date(0) }, DIFF);
    const { r, skipped } = outcomes(m);
    conserved(r, skipped);
    assert.equal(r.series.length, 1);
    const s = r.series[0]!;
    assert.equal(s.total, 1000);
    assert.equal(s.received_total, 1000); // 999 numbered parts + the 1200/1000 one
    assert.equal(s.received_all, true);
    assert.equal(s.name, 'big');
  });

  it('a thousand unthreaded series from one sender with the same markers stay grouped by the 20-minute window', () => {
    let m = '';
    for (let i = 0; i < 1000; i++) {
      m += mail({ Subject: `[PATCH 1/2] one ${i}`, 'Message-Id': `<a${i}@x>`, Date: date(i * 60) }, DIFF);
      m += mail({ Subject: `[PATCH 2/2] two ${i}`, 'Message-Id': `<b${i}@x>`, Date: date(i * 60 + 5) }, DIFF);
    }
    const { r, skipped } = outcomes(m);
    conserved(r, skipped);
    assert.equal(r.series.length, 1000);
    assert.ok(r.series.every((s) => s.received_total === 2));
  });
});
