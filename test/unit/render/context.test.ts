import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listArchiveUrl, makeContext, urlMsgid, webUrl } from '../../../src/render/context.js';
import type { ProjectConfig } from '../../../src/options.js';

const project: ProjectConfig = {
  id: 3,
  name: 'Demo',
  link_name: 'demo',
  list_id: 'demo.example.org',
  list_email: 'demo@example.org',
  web_url: '',
  scm_url: '',
  webscm_url: '',
  subject_match: '',
  list_archive_url: '',
  list_archive_url_format: 'https://lore.example.org/r/{}',
  commit_url_format: '',
};

describe('render: URLs (spec 7.1, 7.2)', () => {
  const ctx = makeContext('http://pw.example.org', '1.2', project);

  it('double-encodes "/" and percent-encodes like Django', () => {
    assert.equal(
      webUrl(ctx, 'patch', '<weird/slash%pct+plus?q#h@x y>'),
      'http://pw.example.org/project/demo/patch/weird%252Fslash%25pct+plus%3Fq%23h@x%20y/',
    );
    assert.equal(webUrl(ctx, 'cover', '<caf\u00e9@x>'), 'http://pw.example.org/project/demo/cover/caf%C3%A9@x/');
    assert.equal(webUrl(ctx, 'patch', '<\uFFFD@x>'), 'http://pw.example.org/project/demo/patch/%EF%BF%BD@x/');
  });

  it('url_msgid strips every surrounding < and >; malformed ids are used as they are', () => {
    assert.equal(urlMsgid('<<a@b>>'), 'a@b');
    assert.equal(urlMsgid('abc@x>'), 'abc@x');
    assert.equal(urlMsgid('>'), '');
  });

  it('list_archive_url fills {} with the unencoded url_msgid, or is null', () => {
    assert.equal(listArchiveUrl(ctx, '<a/b@x>'), 'https://lore.example.org/r/a/b@x');
    const plain = makeContext('http://pw.example.org', '1.2', { ...project, list_archive_url_format: '' });
    assert.equal(listArchiveUrl(plain, '<a@x>'), null);
    const braces = makeContext('http://pw.example.org', '1.2', { ...project, list_archive_url_format: 'x{{}}/{0}' });
    assert.equal(listArchiveUrl(braces, '<a@x>'), 'x{}/a@x');
  });

  it('the embedded project has the 1.2 fields only from 1.2', () => {
    assert.ok(ctx.projectJson.includes('"list_archive_url_format"'));
    const v11 = makeContext('http://pw.example.org', '1.1', project);
    assert.ok(!v11.projectJson.includes('list_archive_url'));
    assert.match(v11.projectJson, /"url":"http:\/\/pw\.example\.org\/api\/1\.1\/projects\/3\/"/);
  });
});
