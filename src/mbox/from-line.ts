/**
 * Recognising mbox envelope (From_) lines.
 *
 * The `bare` rule is Python's `mailbox.mbox`, which Patchwork's `parsearchive`
 * uses: any line that begins with the five bytes `From ` starts a message.
 * The `strict` rule only accepts lines shaped like `From <sender> <date>` where
 * the date looks like asctime (`Www Mmm dd hh:mm[:ss] [zone] yyyy`), the way
 * git's `is_from_line()` looks for a time and a year. Unescaped `From ` lines
 * in bodies (which `git format-patch` never quotes) then stay in the body.
 */

/** True when `buf[pos..]` begins with `From `. */
export function startsWithFrom(buf: Uint8Array, pos: number): boolean {
  return (
    pos + 5 <= buf.length &&
    buf[pos] === 0x46 &&
    buf[pos + 1] === 0x72 &&
    buf[pos + 2] === 0x6f &&
    buf[pos + 3] === 0x6d &&
    buf[pos + 4] === 0x20
  );
}

// Sender, then an asctime-like date: optional weekday, month name, day, time,
// optional zone token(s), four-digit year. Bounded tokens keep it linear.
const STRICT_FROM =
  /^From [^ \t]{0,512}[ \t]+(?:[A-Za-z]{3,9},?[ \t]+)?[A-Za-z]{3,9}[ \t]+\d{1,2}[ \t]+\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]+[A-Za-z+-][A-Za-z0-9+-]{0,8}){0,2}[ \t]+\d{4}(?:[ \t]|$)/;

/** The strict rule on one line (latin-1 text, without its line ending). */
export function isStrictFromLine(line: string): boolean {
  return STRICT_FROM.test(line.length > 1024 ? line.slice(0, 1024) : line);
}

/** The envelope public-inbox and lore.kernel.org write before every message of an mboxrd export. */
export const LORE_FROM_LINE = 'From mboxrd@z Thu Jan  1 00:00:00 1970';
