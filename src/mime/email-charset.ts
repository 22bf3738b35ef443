/**
 * Python `email.charset.Charset` facts (compat32, CPython 3.11), as used by `email.header`
 * when Patchwork decodes (spec 1.5) and re-encodes (spec 1.9) headers.
 *
 * A `Charset` is built from the lower-cased label of an RFC 2047 word (or `unknown-8bit` for
 * raw 8-bit headers, or `us-ascii` for unencoded text). It decides: which codec decodes the
 * word's bytes (`inputCodec`), which codec re-encodes the text and names the new encoded
 * word (`outputCodec`), whether the re-encoding is quoted-printable, base64 or the shorter of
 * the two (`headerEncoding`), and the name whose length counts as RFC 2047 overhead when
 * lines are filled (`outputCharset`). Two charsets are equal when their `inputCharset`
 * strings are equal (Python's `Charset.__eq__`).
 */

/** How the header encoder writes a charset's text: Python's QP, BASE64, SHORTEST or None. */
export type HeaderEncoding = 'qp' | 'base64' | 'shortest' | null;

/** The label Python uses for raw 8-bit header bytes (`email.charset.UNKNOWN8BIT`). */
export const UNKNOWN_8BIT = 'unknown-8bit';

/** One `email.charset.Charset`. */
export interface EmailCharset {
  /** Lower-cased label after `email.charset.ALIASES` (`latin_1` → `iso-8859-1`); also `str(charset)`. */
  readonly inputCharset: string;
  /** `header_encoding`; `null` only for `us-ascii`, whose text is folded, never RFC 2047-encoded. */
  readonly headerEncoding: HeaderEncoding;
  /** `get_output_charset()`: its length counts as RFC 2047 overhead (`gb2312` for gb2312 input). */
  readonly outputCharset: string;
  /** Codec that decodes the word's bytes (`None` in Python → us-ascii). */
  readonly inputCodec: string;
  /** Codec that re-encodes the text; also the label written in new encoded words (`eucgb2312_cn`). */
  readonly outputCodec: string;
  /** True for `us-ascii` (and only it): Python's "plain" chunks, folded at whitespace. */
  readonly plain: boolean;
  /** True for `unknown-8bit`: bytes kept as they are, never decoded. */
  readonly unknown8bit: boolean;
}

// email.charset.CHARSETS: input charset → header encoding and output conversion.
// (Body encodings are irrelevant to headers and left out.)
const CHARSETS: ReadonlyMap<string, readonly [HeaderEncoding, string | null]> = new Map([
  ['iso-8859-1', ['qp', null]],
  ['iso-8859-2', ['qp', null]],
  ['iso-8859-3', ['qp', null]],
  ['iso-8859-4', ['qp', null]],
  ['iso-8859-9', ['qp', null]],
  ['iso-8859-10', ['qp', null]],
  ['iso-8859-13', ['qp', null]],
  ['iso-8859-14', ['qp', null]],
  ['iso-8859-15', ['qp', null]],
  ['iso-8859-16', ['qp', null]],
  ['windows-1252', ['qp', null]],
  ['viscii', ['qp', null]],
  ['us-ascii', [null, null]],
  ['big5', ['base64', null]],
  ['gb2312', ['base64', null]],
  ['euc-jp', ['base64', 'iso-2022-jp']],
  ['shift_jis', ['base64', 'iso-2022-jp']],
  ['iso-2022-jp', ['base64', null]],
  ['koi8-r', ['base64', null]],
  ['utf-8', ['shortest', 'utf-8']],
] as const);

// email.charset.ALIASES.
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['latin_1', 'iso-8859-1'],
  ['latin-1', 'iso-8859-1'],
  ['latin_2', 'iso-8859-2'],
  ['latin-2', 'iso-8859-2'],
  ['latin_3', 'iso-8859-3'],
  ['latin-3', 'iso-8859-3'],
  ['latin_4', 'iso-8859-4'],
  ['latin-4', 'iso-8859-4'],
  ['latin_5', 'iso-8859-9'],
  ['latin-5', 'iso-8859-9'],
  ['latin_6', 'iso-8859-10'],
  ['latin-6', 'iso-8859-10'],
  ['latin_7', 'iso-8859-13'],
  ['latin-7', 'iso-8859-13'],
  ['latin_8', 'iso-8859-14'],
  ['latin-8', 'iso-8859-14'],
  ['latin_9', 'iso-8859-15'],
  ['latin-9', 'iso-8859-15'],
  ['latin_10', 'iso-8859-16'],
  ['latin-10', 'iso-8859-16'],
  ['cp949', 'ks_c_5601-1987'],
  ['euc_jp', 'euc-jp'],
  ['euc_kr', 'euc-kr'],
  ['ascii', 'us-ascii'],
]);

// email.charset.CODEC_MAP (us-ascii maps to None, i.e. the us-ascii codec).
const CODEC_MAP: ReadonlyMap<string, string> = new Map([
  ['gb2312', 'eucgb2312_cn'],
  ['big5', 'big5_tw'],
  ['us-ascii', 'us-ascii'],
]);

const MAX_CACHED = 1024;
const cache = new Map<string, EmailCharset | null>();

/**
 * Python `email.charset.Charset(label)`. Returns `null` where Python raises `CharsetError`
 * (a label that is not pure ASCII). Whether the codecs exist is not checked here: Python only
 * finds out when it decodes or encodes. Results are cached per label.
 *
 * @example
 * emailCharset('latin_1')!.inputCharset   // 'iso-8859-1'
 * emailCharset('gb2312')!.outputCodec     // 'eucgb2312_cn'
 * emailCharset('EUC-JP')!.outputCharset   // 'iso-2022-jp'
 */
export function emailCharset(label: string): EmailCharset | null {
  const hit = cache.get(label);
  if (hit !== undefined) return hit;
  const made = build(label);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(label, made);
  return made;
}

function build(label: string): EmailCharset | null {
  for (let i = 0; i < label.length; i++) if (label.charCodeAt(i) > 0x7f) return null;
  const lower = label.toLowerCase(); // ASCII only here, so JS and Python agree
  const inputCharset = ALIASES.get(lower) ?? lower;
  const [headerEncoding, conv] = CHARSETS.get(inputCharset) ?? (['shortest', null] as const);
  const convName = conv !== null && conv !== '' ? conv : inputCharset;
  const outputCharset = ALIASES.get(convName) ?? convName;
  return {
    inputCharset,
    headerEncoding,
    // get_output_charset(): output_charset or input_charset (both empty for an empty label).
    outputCharset: outputCharset !== '' ? outputCharset : inputCharset,
    inputCodec: CODEC_MAP.get(inputCharset) ?? inputCharset,
    outputCodec: CODEC_MAP.get(outputCharset) ?? outputCharset,
    plain: inputCharset === 'us-ascii',
    unknown8bit: inputCharset === UNKNOWN_8BIT,
  };
}

/** `email.charset.Charset('us-ascii')`: the charset of unencoded header text. */
export const US_ASCII: EmailCharset = emailCharset('us-ascii')!;

/** `email.charset.Charset('utf-8')`. */
export const UTF_8: EmailCharset = emailCharset('utf-8')!;

/** `email.charset.Charset('unknown-8bit')`. */
export const UNKNOWN_8BIT_CHARSET: EmailCharset = emailCharset(UNKNOWN_8BIT)!;
