import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMessage, type MimePart, type ParsedMessage } from '../../../src/mime/message.js';

/** Bytes of a made-up mail written as a binary string (one char per byte). */
function bin(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'latin1'));
}
function parse(s: string): ParsedMessage {
  return parseMessage(bin(s));
}
function raw(p: MimePart): string {
  const r = p.rawPayload();
  assert.ok(r !== null, 'expected a leaf part');
  return Buffer.from(r).toString('latin1');
}
function values(p: MimePart): Array<[string, string]> {
  return p.headers.map((h) => [h.name, h.value]);
}
function types(m: ParsedMessage): string[] {
  return [...m.walk()].map((p) => p.contentType);
}

// ---------------------------------------------------------------------------
// Header block
// ---------------------------------------------------------------------------

test('headers - names verbatim, leading blanks of the value removed, trailing ones kept', () => {
  const m = parse('Subject:   hello  \nX-Odd-Case: v\nX-Empty:\nX-Colon: a: b\n\nbody\n');
  assert.deepEqual(values(m), [
    ['Subject', 'hello  '],
    ['X-Odd-Case', 'v'],
    ['X-Empty', ''],
    ['X-Colon', 'a: b'],
  ]);
  assert.equal(raw(m), 'body\n');
});

test('headers - continuation lines are kept verbatim with their line breaks', () => {
  const m = parse('Subject: a\n\tb\nArchived-At: \n <https://x/>\nX-Many: one\n two\n  three\n\n');
  assert.equal(m.get('subject')?.value, 'a\n\tb');
  assert.equal(m.get('archived-at')?.value, '\n <https://x/>');
  assert.equal(m.get('x-many')?.value, 'one\n two\n  three');
});

test('headers - CRLF mail keeps CRs inside folded values, drops the final line break', () => {
  const m = parse('Subject: a\r\n b\r\nFrom: x@y\r\n\r\nline\r\n');
  assert.deepEqual(values(m), [
    ['Subject', 'a\r\n b'],
    ['From', 'x@y'],
  ]);
  assert.equal(raw(m), 'line\r\n');
});

test('headers - a lone CR ends a line (and a lone CR line ends the block)', () => {
  const m = parse('From: a@b\rSubject: s\r\rbody\r');
  assert.deepEqual(values(m), [
    ['From', 'a@b'],
    ['Subject', 's'],
  ]);
  assert.equal(raw(m), 'body\r');
});

test('headers - a blank-looking line made of spaces is a continuation, not the separator', () => {
  const m = parse('Subject: a\n \nX: b\n\nbody');
  assert.deepEqual(values(m), [
    ['Subject', 'a\n '],
    ['X', 'b'],
  ]);
  assert.equal(raw(m), 'body');
});

test('headers - a continuation before any header is dropped', () => {
  const m = parse(' stray\nSubject: s\n\n');
  assert.deepEqual(values(m), [['Subject', 's']]);
  assert.deepEqual(m.defects, ['FirstHeaderLineIsContinuation']);
});

test('headers - a line starting with ":" is dropped, and so are its continuations', () => {
  const m = parse('A: 1\n:no name\n cont\nB: 2\n\n');
  assert.deepEqual(values(m), [
    ['A', '1'],
    ['B', '2'],
  ]);
  assert.deepEqual(m.defects, ['MissingHeaderName', 'FirstHeaderLineIsContinuation']);
});

test('headers - the first non-header line ends the block and becomes the first body line', () => {
  const m = parse('Subject: s\nBad Header: x\nmore\n');
  assert.deepEqual(values(m), [['Subject', 's']]);
  assert.equal(raw(m), 'Bad Header: x\nmore\n');
  assert.deepEqual(m.defects, ['MissingHeaderBodySeparator']);
});

test('headers - name chars are printable ASCII except ":"', () => {
  // "x(y)" and "--weird" are legal names; "a\x7fb" is not (DEL), so it starts the body.
  const m = parse('x(y): 1\n--weird: 2\na\x7fb: 3\n\n');
  assert.deepEqual(values(m), [
    ['x(y)', '1'],
    ['--weird', '2'],
  ]);
  assert.equal(raw(m), 'a\x7fb: 3\n\n');
});

test('headers - envelope From line: first line is the unixfrom, a middle one is dropped', () => {
  const m = parse('From someone Mon Jan  1 00:00:00 2024\nSubject: s\nFrom other\nX: y\n\nbody\n');
  assert.equal(m.unixFrom, 'From someone Mon Jan  1 00:00:00 2024');
  assert.deepEqual(values(m), [
    ['Subject', 's'],
    ['X', 'y'],
  ]);
  assert.deepEqual(m.defects, ['MisplacedEnvelopeHeader']);
});

test('headers - a From line closing the block is pushed back as the first body line', () => {
  const m = parse('Subject: s\nFrom x\n\nbody\n');
  assert.deepEqual(values(m), [['Subject', 's']]);
  // The blank separator after it is still consumed.
  assert.equal(raw(m), 'From x\nbody\n');
  assert.equal(Buffer.from(m.decodedPayload()!).toString('latin1'), 'From x\nbody\n');
});

test('headers - header-only message without a final newline', () => {
  const m = parse('Subject: only');
  assert.deepEqual(values(m), [['Subject', 'only']]);
  assert.equal(raw(m), '');
});

test('headers - 8-bit values are flagged and kept as binary strings', () => {
  const m = parse('Subject: caf\xe9\nX-Folded: a\n b\xff\nX-Plain: abc\n\n');
  assert.deepEqual(
    m.headers.map((h) => [h.name, h.value, h.eightBit]),
    [
      ['Subject', 'caf\xe9', true],
      ['X-Folded', 'a\n b\xff', true],
      ['X-Plain', 'abc', false],
    ],
  );
});

test('headers - lookups are case-insensitive, first wins, getAll keeps order', () => {
  const m = parse('Received: 1\nSubject: first\nRECEIVED: 2\nsubject: second\n\n');
  assert.equal(m.get('SUBJECT')?.value, 'first');
  assert.deepEqual(
    m.getAll('received').map((h) => h.value),
    ['1', '2'],
  );
  assert.equal(m.has('Received'), true);
  assert.equal(m.has('X-Missing'), false);
  assert.equal(m.get('x-missing'), undefined);
  assert.deepEqual(m.getAll('x-missing'), []);
});

test('headers - __proto__ and constructor names do not pollute anything', () => {
  const m = parse('__proto__: polluted\nconstructor: c\ntoString: t\n\n');
  assert.equal(m.get('__proto__')?.value, 'polluted');
  assert.equal(m.get('constructor')?.value, 'c');
  assert.equal(m.get('hasOwnProperty'), undefined);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
  const none = parse('Subject: s\n\n');
  assert.equal(none.get('constructor'), undefined);
  assert.equal(none.has('__proto__'), false);
  assert.deepEqual(none.getAll('toString'), []);
});

test('headers - many headers use the name index with the same answers', () => {
  let s = '';
  for (let i = 0; i < 300; i++) s += `X-H${i % 7}: v${i}\n`;
  s += '__proto__: p\nSubject: s\n\n';
  const m = parse(s);
  assert.equal(m.headers.length, 302);
  assert.equal(m.get('x-h3')?.value, 'v3');
  assert.equal(m.getAll('X-H0').length, 43);
  assert.equal(m.get('__PROTO__')?.value, 'p');
  assert.equal(m.get('constructor'), undefined);
  assert.equal(m.has('subject'), true);
});

test('headers - 100,000 headers and a 2 MB header line are processed', () => {
  const long = 'x'.repeat(2 * 1024 * 1024);
  let s = `X-Long: ${long}\nX-Folded: a\n ${long}\n`;
  s += 'X-N: v\n'.repeat(100_000);
  s += 'Subject: end\n\nbody\n';
  const m = parse(s);
  assert.equal(m.headers.length, 100_003);
  assert.equal(m.get('x-long')?.value.length, long.length);
  assert.equal(m.get('x-folded')?.value.length, long.length + 3);
  assert.equal(m.get('subject')?.value, 'end');
  assert.equal(raw(m), 'body\n');
});

test('headers - maxHeaderBytes stops building headers but still finds the body', () => {
  const m = parseMessage(bin('A: 1\nB: 22222222222222222222\nC: 3\n\nbody\n'), { maxHeaderBytes: 10 });
  assert.deepEqual(values(m), [['A', '1']]);
  assert.deepEqual(m.limitExceeded, { limit: 'maxHeaderBytes', value: 10 });
  assert.equal(raw(m), 'body\n');
});

test('headers - NUL bytes are plain data', () => {
  const m = parse('Subject: a\x00b\n\nx\x00y\n');
  assert.equal(m.get('subject')?.value, 'a\x00b');
  assert.equal(raw(m), 'x\x00y\n');
});

// ---------------------------------------------------------------------------
// Content type and parameters
// ---------------------------------------------------------------------------

test('content type - default, trimming, lower-casing, malformed values', () => {
  assert.equal(parse('Subject: s\n\n').contentType, 'text/plain');
  assert.equal(parse('Content-Type:  TEXT/X-Diff ; charset=x\n\n').contentType, 'text/x-diff');
  assert.equal(parse('Content-Type: text\n\n').contentType, 'text/plain');
  assert.equal(parse('Content-Type: text/plain/x\n\n').contentType, 'text/plain');
  assert.equal(parse('Content-Type: \n\n').contentType, 'text/plain');
  const spaced = parse('Content-Type: text / x-patch\n\n');
  assert.equal(spaced.contentType, 'text / x-patch');
  assert.equal(spaced.maintype, 'text ');
  assert.equal(spaced.subtype, ' x-patch');
  // 8-bit bytes read as U+FFFD, like str() of Python's Header.
  assert.equal(parse('Content-Type: text/pl\xe9in\n\n').contentType, 'text/pl\ufffdin');
});

test('params - quotes removed, charset lower-cased, first of a repeated parameter wins', () => {
  const m = parse('Content-Type: text/plain; CHARSET="UTF-8"; charset=latin1; name="a \\"q\\" b"\n\n');
  assert.deepEqual(m.contentCharset(), { ok: true, charset: 'utf-8' });
  assert.equal(m.getParam('name'), 'a "q" b');
  assert.equal(m.getParam('missing'), undefined);
  assert.equal(parse('Subject: s\n\n').getParam('charset'), undefined);
});

test('params - a ";" inside quotes does not split', () => {
  const m = parse('Content-Type: text/plain; name="a;b"; charset=koi8-r\n\n');
  assert.equal(m.getParam('name'), 'a;b');
  assert.deepEqual(m.contentCharset(), { ok: true, charset: 'koi8-r' });
});

test('params - RFC 2231 continuations and charset/language encodings', () => {
  const cont = parse('Content-Type: text/plain; charset*0=ut; charset*1="f-8"\n\n');
  assert.deepEqual(cont.contentCharset(), { ok: true, charset: 'utf-8' });
  const enc = parse("Content-Type: text/plain; charset*=us-ascii'en'ISO-8859-2\n\n");
  assert.deepEqual(enc.getParam('charset'), { charset: 'us-ascii', language: 'en', value: 'ISO-8859-2' });
  assert.deepEqual(enc.contentCharset(), { ok: true, charset: 'iso-8859-2' });
  const pct = parse("Content-Type: application/x; name*=utf-8''caf%C3%A9%2Etxt\n\n");
  assert.deepEqual(pct.getParam('name'), { charset: 'utf-8', language: '', value: 'caf\xc3\xa9.txt' });
  // A plain parameter wins over an RFC 2231 one whatever the order.
  const both = parse("Content-Type: text/plain; charset*=''koi8-r; charset=big5\n\n");
  assert.deepEqual(both.contentCharset(), { ok: true, charset: 'big5' });
});

test('params - a non-ASCII charset counts as absent', () => {
  assert.deepEqual(parse("Content-Type: text/plain; charset*=utf-8''%C3%A9\n\n").contentCharset(), {
    ok: true,
    charset: null,
  });
  assert.deepEqual(parse('Content-Type: text/plain; charset=\xe9\n\n').contentCharset(), { ok: true, charset: null });
});

test('params - mixing name* and name*0 makes Python raise TypeError', () => {
  const m = parse('Content-Type: text/plain; charset*=a; charset*0=b\n\n');
  assert.equal(m.paramsRaise(), true);
  assert.deepEqual(m.contentCharset(), { ok: false, raises: 'TypeError' });
  assert.equal(m.getParam('charset'), undefined);
});

test('params - thousands of quoted semicolons split in linear time', () => {
  const v = '"' + ';'.repeat(200_000) + '"';
  const m = parse(`Content-Type: text/plain; name=${v}; charset=utf-8\n\n`);
  assert.equal((m.getParam('name') as string).length, 200_000);
  assert.deepEqual(m.contentCharset(), { ok: true, charset: 'utf-8' });
});

// ---------------------------------------------------------------------------
// Multipart splitting
// ---------------------------------------------------------------------------

const MP = 'Content-Type: multipart/mixed; boundary="b"\n\n';

test('multipart - preamble and epilogue dropped, the newline before a boundary belongs to it', () => {
  const m = parse(MP + 'preamble\n--b\n\none\n--b\nContent-Type: text/x-diff\n\ntwo\n\n--b--\nepilogue\n');
  assert.deepEqual(types(m), ['multipart/mixed', 'text/plain', 'text/x-diff']);
  assert.equal(m.isMultipart, true);
  assert.equal(m.rawPayload(), null);
  assert.equal(m.decodedPayload(), null);
  const [, one, two] = m.parts;
  assert.equal(raw(one!), 'one');
  assert.equal(raw(two!), 'two\n');
});

test('multipart - CRLF: the CRLF before a boundary belongs to it, CRs stay in payloads', () => {
  const m = parse('Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\na\r\nb\r\n--b--\r\n');
  assert.equal(raw(m.parts[1]!), 'a\r\nb');
});

test('multipart - blanks after the boundary still count; --bX does not', () => {
  const m = parse(MP + '--b \t\n\none\n--bX\nstill one\n--b--\n');
  assert.equal(m.parts.length, 2);
  assert.equal(raw(m.parts[1]!), 'one\n--bX\nstill one');
});

test('multipart - "--b--  junk" is no close delimiter (and no separator)', () => {
  const m = parse(MP + '--b\n\none\n--b--  junk\nmore\n--b-- \t\nepilogue\n');
  assert.equal(m.parts.length, 2);
  assert.equal(raw(m.parts[1]!), 'one\n--b--  junk\nmore');
});

test('multipart - boundary="" splits on "--"', () => {
  const m = parse('Content-Type: multipart/mixed; boundary=""\n\n--\n\na\n--\n\nb\n----\n');
  assert.equal(m.getBoundary(), '');
  assert.deepEqual(
    m.parts.slice(1).map((p) => raw(p)),
    ['a', 'b'],
  );
});

test('multipart - missing close boundary: the last part runs to the end', () => {
  const m = parse(MP + '--b\n\none\n--b\n\ntwo\nend of file\n');
  // Python trims one line break after every subpart, even one ended by the end of input.
  assert.deepEqual(
    m.parts.slice(1).map((p) => raw(p)),
    ['one', 'two\nend of file'],
  );
  assert.deepEqual(m.defects, ['CloseBoundaryNotFound']);
});

test('multipart - without a boundary parameter it is a leaf payload of type multipart', () => {
  const m = parse('Content-Type: multipart/mixed\n\n--b\n\ntext\n');
  assert.equal(m.isMultipart, false);
  assert.equal(m.contentType, 'multipart/mixed');
  assert.equal(raw(m), '--b\n\ntext\n');
  assert.deepEqual(m.defects, ['NoBoundaryInMultipart']);
});

test('multipart - no start boundary: the body is the payload, lines after a close delimiter are lost', () => {
  const m = parse(MP + 'only text\n--b--\nafter\n');
  assert.equal(m.isMultipart, false);
  assert.equal(raw(m), 'only text\n');
  assert.deepEqual(m.defects, ['StartBoundaryNotFound']);
});

test('multipart - consecutive boundary lines open no empty parts', () => {
  const m = parse(MP + '--b\n--b\n\none\n--b--\n');
  assert.equal(m.parts.length, 2);
  assert.equal(raw(m.parts[1]!), 'one');
});

test('multipart - a part without headers or blank line starts with its body', () => {
  const m = parse(MP + '--b\nno headers here\n--b--\n');
  assert.equal(raw(m.parts[1]!), 'no headers here');
  assert.deepEqual(m.parts[1]!.defects, ['MissingHeaderBodySeparator']);
});

test('multipart - boundary parameter forms: quoted, RFC 2231, trailing blanks stripped', () => {
  assert.equal(parse('Content-Type: multipart/mixed; boundary="a b "\n\n').getBoundary(), 'a b');
  assert.equal(parse("Content-Type: multipart/mixed; boundary*=us-ascii''x%2Dy\n\n").getBoundary(), 'x-y');
  assert.equal(parse('Content-Type: multipart/mixed;\n boundary*0=ab; boundary*1=cd\n\n').getBoundary(), 'abcd');
});

test('multipart - nested: an outer boundary ends the inner multipart too', () => {
  const m = parse(
    'Content-Type: multipart/mixed; boundary=out\n\n' +
      '--out\nContent-Type: multipart/alternative; boundary=in\n\n' +
      '--in\n\nplain\n--in\nContent-Type: text/html\n\nhtml\n' +
      '--out\nContent-Type: text/x-patch\n\npatch\n--out--\n',
  );
  assert.deepEqual(types(m), ['multipart/mixed', 'multipart/alternative', 'text/plain', 'text/html', 'text/x-patch']);
  assert.deepEqual(
    [...m.walk()].map((p) => p.depth),
    [0, 1, 2, 2, 1],
  );
  assert.equal(raw(m.parts[3]!), 'html');
  assert.equal(raw(m.parts[4]!), 'patch');
  assert.deepEqual(m.parts[1]!.defects, ['CloseBoundaryNotFound']);
  assert.deepEqual(
    [...m.parts[1]!.walk()].map((p) => p.index),
    [1, 2, 3],
  );
});

test('multipart - the same boundary inside an inner multipart is seen as the outer one', () => {
  const m = parse(MP + '--b\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\ninner\n--b--\n');
  // The inner multipart never sees its start boundary: it keeps an empty payload.
  assert.deepEqual(types(m), ['multipart/mixed', 'multipart/mixed', 'text/plain']);
  assert.equal(m.parts[1]!.isMultipart, false);
  assert.equal(raw(m.parts[2]!), 'inner');
});

test('multipart - digest children default to message/rfc822', () => {
  const m = parse(
    'Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nbody one\n--d\nContent-Type: text/plain\n\nplain\n--d--\n',
  );
  assert.deepEqual(types(m), ['multipart/digest', 'message/rfc822', 'text/plain', 'text/plain']);
  assert.equal(m.parts[1]!.defaultType, 'message/rfc822');
  assert.equal(m.parts[2]!.get('subject')?.value, 'one');
  assert.equal(raw(m.parts[2]!), 'body one');
});

test('message/rfc822 - the attached message is parsed and walked', () => {
  const m = parse(
    MP +
      '--b\n\nsee attached\n--b\nContent-Type: message/rfc822\n\n' +
      'Subject: inner\nContent-Type: multipart/alternative; boundary=i\n\n--i\n\ninner text\n--i--\n' +
      '--b--\n',
  );
  assert.deepEqual(types(m), ['multipart/mixed', 'text/plain', 'message/rfc822', 'multipart/alternative', 'text/plain']);
  assert.equal(m.parts[3]!.get('subject')?.value, 'inner');
  assert.equal(raw(m.parts[4]!), 'inner text');
  assert.equal(m.parts[2]!.isMultipart, true);
});

test('message/* - any message subtype holds one sub-message', () => {
  const m = parse('Content-Type: message/news\n\nSubject: n\n\nnews body\n');
  assert.deepEqual(types(m), ['message/news', 'text/plain']);
  assert.equal(raw(m.parts[1]!), 'news body\n');
});

test('message/delivery-status - each blank-line separated block is a header-only part', () => {
  const m = parse(
    MP + '--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; x\n\nAction: failed\nStatus: 5.0.0\n\n--b--\n',
  );
  assert.deepEqual(types(m), ['multipart/mixed', 'message/delivery-status', 'text/plain', 'text/plain']);
  assert.equal(m.parts[2]!.get('reporting-mta')?.value, 'dns; x');
  assert.equal(m.parts[3]!.get('status')?.value, '5.0.0');
  assert.equal(raw(m.parts[3]!), '');
});

test('offsets - header start, body start and end of each part', () => {
  const s = MP + '--b\nX: 1\n\none\n--b--\n';
  const m = parse(s);
  const p = m.parts[1]!;
  assert.equal(m.headerStart, 0);
  assert.equal(m.bodyStart, MP.length);
  assert.equal(m.end, s.length);
  assert.equal(p.headerStart, s.indexOf('X: 1'));
  assert.equal(p.bodyStart, s.indexOf('one'));
  assert.equal(p.end, s.indexOf('--b--'));
});

// ---------------------------------------------------------------------------
// Hostile input and limits
// ---------------------------------------------------------------------------

function nested(levels: number): string {
  let s = '';
  for (let i = 0; i < levels; i++) s += `Content-Type: multipart/mixed; boundary="n${i}"\n\n--n${i}\n`;
  return s + 'Content-Type: text/plain\n\ndeep\n';
}

test('limits - 10,000 nested multiparts stop at maxDepth without throwing', () => {
  const m = parse(nested(10_000));
  assert.deepEqual(m.limitExceeded, { limit: 'maxDepth', value: 1000 });
  assert.equal(m.parts.length, 1001);
  const deepest = m.parts[1000]!;
  assert.equal(deepest.depth, 1000);
  assert.equal(deepest.isMultipart, false);
  assert.equal(deepest.contentType, 'multipart/mixed');
});

test('limits - nesting below maxDepth is parsed to the leaf', () => {
  const m = parse(nested(500));
  assert.equal(m.limitExceeded, undefined);
  assert.equal(m.parts.length, 501);
  assert.equal(raw(m.parts[500]!), 'deep');
  assert.deepEqual([...m.walk()].length, 501);
});

test('limits - maxParts stops building parts', () => {
  let s = MP;
  for (let i = 0; i < 50; i++) s += `--b\n\npart ${i}\n`;
  s += '--b--\n';
  const m = parseMessage(bin(s), { maxParts: 10 });
  assert.equal(m.parts.length, 10);
  assert.deepEqual(m.limitExceeded, { limit: 'maxParts', value: 10 });
  assert.equal(m.lastIndex, 9);
});

test('limits - custom maxDepth', () => {
  const m = parseMessage(bin(nested(5)), { maxDepth: 2 });
  assert.equal(m.parts.length, 3);
  assert.deepEqual(m.limitExceeded, { limit: 'maxDepth', value: 2 });
});

test('hostile - many boundary-like lines in a deep tree stay linear', () => {
  let s = nested(200);
  s += '--n0X\n--n150 junk\n'.repeat(20_000);
  const m = parse(s);
  assert.equal(m.parts.length, 201);
  assert.ok(raw(m.parts[200]!).endsWith('--n0X\n--n150 junk'));
});

test('hostile - arbitrary bytes never throw', () => {
  let seed = 12345;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed % n;
  };
  const pieces = ['\n', '\r', '\r\n', '--', 'b', ':', ' ', 'From ', 'Content-Type: multipart/mixed; boundary=b\n',
    'Content-Type: message/rfc822\n', 'Content-Type: message/delivery-status\n', '\x00', '\xff', '=', 'begin 644 x\n'];
  for (let k = 0; k < 300; k++) {
    let s = '';
    const len = rnd(60);
    for (let i = 0; i < len; i++) s += pieces[rnd(pieces.length)];
    const m = parse(s);
    for (const p of m.walk()) {
      p.decodedPayload();
      p.contentCharset();
      assert.ok(p.end >= p.headerStart);
    }
  }
});
