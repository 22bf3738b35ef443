import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { OptionError, parseMbox, parseMboxSync, type Outcome } from '../src/index.js';

const DIFF = 'diff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -1 +1 @@\n-old\n+new\n';
const mbox = (...mails: string[]): Buffer => Buffer.from(mails.map((m) => `From nobody Mon Jan  1 00:00:00 2024\n${m}\n`).join(''));
const PATCH = `From: Ada <ada@example.org>\nSubject: [PATCH] fix it\nMessage-Id: <p@x>\nDate: Mon, 1 Jan 2024 10:00:00 +0000\n\nFix.\n---\n${DIFF}`;

describe('parseMboxSync', () => {
  it('returns every record type and the diagnostics', () => {
    const r = parseMboxSync(mbox(PATCH), { baseUrl: 'https://pw.example.org', listId: 'demo.example.org' });
    assert.equal(r.patches.length, 1);
    const p = r.patches[0]!;
    assert.equal(p.name, 'fix it');
    assert.equal(p.url, 'https://pw.example.org/api/1.2/patches/1/');
    assert.equal(p.web_url, 'https://pw.example.org/project/demo/patch/p@x/');
    assert.equal(p.project.link_name, 'demo');
    assert.equal(p.diff, DIFF);
    assert.equal(p.submitter.name, 'Ada');
    assert.equal(r.series.length, 1);
    assert.equal(r.series[0]!.name, 'fix it');
    assert.equal(r.people.length, 1);
    assert.equal(r.summary.messages, 1);
    assert.equal(r.summary.patches, 1);
  });

  it('API 1.0 renders no comments and no web_url', () => {
    const reply = `From: Bob <bob@example.org>\nSubject: Re: [PATCH] fix it\nMessage-Id: <r@x>\nIn-Reply-To: <p@x>\n\nAck.`;
    const r = parseMboxSync(mbox(PATCH, reply), { apiVersion: '1.0' });
    assert.equal(r.comments.length, 0);
    assert.equal(r.summary.comments, 1);
    assert.equal('web_url' in r.patches[0]!, false);
    const r3 = parseMboxSync(mbox(PATCH, reply), { apiVersion: '1.3' });
    assert.equal(r3.comments.length, 1);
    assert.equal(r3.comments[0]!.comment.addressed, null);
    assert.equal(r3.comments[0]!.comment.url, 'http://localhost/api/1.3/patches/1/comments/1/');
  });

  it('a mail without Date uses the From_ line timestamp and warns', () => {
    const r = parseMboxSync(mbox(PATCH.replace(/Date: .*\n/, '')));
    assert.equal(r.patches[0]!.date, '2024-01-01T00:00:00');
    const d = r.diagnostics.find((x) => x.code === 'MAIL_DATE_FALLBACK');
    assert.ok(d);
    assert.equal(d.severity, 'warning');
    assert.equal(d.skipped, false);
    assert.equal(d.msgid, '<p@x>');
  });

  it('bad input becomes one skipped diagnostic per message, never an exception', () => {
    const inputs = [
      'Subject: no from\nMessage-Id: <a@x>\n\nx',
      'From: a <a@example.org>\nMessage-Id: <b@x>\n\nno subject',
      'From: a <a@example.org>\nSubject: no id\n\nx',
      'From: not an address\nSubject: [PATCH] x\nMessage-Id: <c@x>\n\n' + DIFF,
      '\u0000\u00ff\u0001garbage',
    ];
    const r = parseMboxSync(mbox(...inputs));
    const skipped = r.diagnostics.filter((d) => d.skipped);
    assert.equal(skipped.length, inputs.length);
    assert.deepEqual(
      skipped.map((d) => d.code),
      ['MAIL_MISSING_FROM', 'MAIL_MISSING_SUBJECT', 'MAIL_MISSING_MESSAGE_ID', 'MAIL_INVALID_FROM', 'MAIL_MISSING_FROM'],
    );
    assert.deepEqual(
      skipped.map((d) => d.messageIndex),
      [0, 1, 2, 3, 4],
    );
  });
});

describe('parseMbox', () => {
  it('streams from a Readable and yields records after diagnostics', async () => {
    const reply = `From: Bob <bob@example.org>\nSubject: Re: [PATCH] fix it\nMessage-Id: <r@x>\nIn-Reply-To: <nowhere@x>\n\nAck.`;
    const types: string[] = [];
    const outcomes: Outcome[] = [];
    for await (const o of parseMbox(Readable.from([mbox(PATCH, reply)]))) {
      types.push(o.type);
      outcomes.push(o);
    }
    assert.deepEqual(types.filter((t) => t !== 'diagnostic'), ['patch', 'series', 'person']);
    const drop = outcomes.find((o) => o.type === 'diagnostic' && o.diagnostic.skipped);
    assert.ok(drop && drop.type === 'diagnostic');
    assert.equal(drop.diagnostic.code, 'CLASSIFY_NO_PARENT');
    assert.equal(drop.diagnostic.severity, 'info');
  });

  it('rejects bad options with an OptionError naming option, value and expectation', async () => {
    await assert.rejects(
      async () => {
        for await (const _ of parseMbox(Buffer.alloc(0), { apiVersion: '2.0' as never })) void _;
      },
      (e: unknown) => e instanceof OptionError && /apiVersion/.test(e.message) && /"2.0"/.test(e.message) && /one of 1.0/.test(e.message),
    );
    assert.throws(() => parseMboxSync(Buffer.alloc(0), { maxParts: -1 }), /Invalid option maxParts: expected a positive integer, got -1/);
    assert.throws(() => parseMboxSync(Buffer.alloc(0), { baseUrl: 'pw.example.org' }), OptionError);
  });
});
