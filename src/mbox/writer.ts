/**
 * Writing mboxrd: the dialect lore.kernel.org and public-inbox serve, and
 * the one that round-trips every message exactly: each line matching
 * `^>*From ` gets one more `>`, every message is preceded by a From_ line and
 * followed by one empty line.
 */

const NL = 0x0a;

/** The envelope public-inbox writes; any `From ` line would do. */
export const MBOXRD_FROM_LINE = 'From mboxrd@z Thu Jan  1 00:00:00 1970';

/** Quote `^>*From ` lines with one more `>`. */
function quoteFrom(msg: Buffer): Buffer {
  const parts: Buffer[] = [];
  let copied = 0;
  let lineStart = 0;
  while (lineStart < msg.length) {
    let i = lineStart;
    while (i < msg.length && msg[i] === 0x3e) i++;
    if (msg.toString('latin1', i, i + 5) === 'From ') {
      parts.push(msg.subarray(copied, lineStart), Buffer.from('>'));
      copied = lineStart;
    }
    const nl = msg.indexOf(NL, lineStart);
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  if (parts.length === 0) return msg;
  parts.push(msg.subarray(copied));
  return Buffer.concat(parts);
}

/**
 * Serialise messages as mboxrd. Reading the result back with
 * `--format mboxrd` gives the same messages, byte for byte, provided each
 * message ends with a newline (a final line without one gains it).
 *
 * @example
 * ```ts
 * writeFileSync('out.mbox', writeMbox([Buffer.from('Subject: x\n\nbody\n')]));
 * ```
 */
export function writeMbox(messages: Iterable<Uint8Array>, fromLine = MBOXRD_FROM_LINE): Buffer {
  const out: Buffer[] = [];
  const envelope = Buffer.from(fromLine + '\n', 'latin1');
  for (const m of messages) {
    const b = Buffer.isBuffer(m) ? m : Buffer.from(m.buffer, m.byteOffset, m.byteLength);
    out.push(envelope, quoteFrom(b));
    if (b.length > 0 && b[b.length - 1] !== NL) out.push(Buffer.from('\n'));
    out.push(Buffer.from('\n'));
  }
  return Buffer.concat(out);
}
