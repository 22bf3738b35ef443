/**
 * The text Patchwork reads from a mail: the collection loop of its
 * `_find_content` (spec 3.1), before `parse_patch` looks at the text.
 *
 * Every part of the walk whose content maintype is `text` is transfer-decoded
 * (`get_payload(decode=True)`) and then charset-decoded:
 * - a declared `charset` that Python knows (`codecs.lookup`) is used strictly,
 *   and a part that fails to decode with it is skipped entirely;
 * - with no charset, or one Python does not know, `utf-8`, then
 *   `windows-1252`, then `iso-8859-1` are tried strictly; the first that
 *   decodes wins (iso-8859-1 always does).
 * A declared codec that is not a text encoding (`base64`, `zlib`, …) makes
 * `str(payload, charset)` raise in Patchwork (unless the payload is empty:
 * `str(b'', anything)` is `''`), as does a Content-Type whose RFC 2231
 * parameters make `get_content_charset()` raise; those are returned as an
 * error result instead of being thrown. A charset name `codecs.lookup`
 * rejects in any way (unknown, or a NUL in it) counts as absent.
 *
 * Nothing un-flows `format=flowed`, strips quoting or converts HTML.
 */
import { lookupCodec, type Codec } from './charset.js';
import type { ParsedMessage } from './message.js';

/** One decoded text part, in walk order. */
export interface TextPart {
  /** The decoded text. */
  readonly text: string;
  /** Content subtype (`plain`, `x-patch`, `x-diff`, `html`, …), as `get_content_subtype()`. */
  readonly subtype: string;
  /** Index of the part in {@link ParsedMessage.parts}. */
  readonly partIndex: number;
  /** Python name of the codec that decoded it (`utf-8`, `cp1252`, `iso8859-1`, …). */
  readonly codec: string;
}

/**
 * Why a part was not decoded with its declared charset, for warning diagnostics.
 * - `unknown-charset`: the declared charset names no Python codec; the fallback chain was used.
 * - `fallback`: no usable charset and the text is not UTF-8; `codec` says which fallback decoded it.
 * - `skipped`: the declared charset failed to decode the part, so Patchwork ignores the part.
 */
export interface TextPartNote {
  readonly kind: 'unknown-charset' | 'fallback' | 'skipped';
  readonly partIndex: number;
  /** The declared charset (lower-cased), `null` when none. */
  readonly charset: string | null;
  /** The codec finally used (absent for `skipped`). */
  readonly codec?: string;
}

/** The text parts and notes, or the exception Patchwork would raise. */
export type TextPartsResult =
  | { readonly parts: TextPart[]; readonly notes: TextPartNote[] }
  | {
      /** `NON_TEXT_CODEC`: the declared charset is a non-text codec; `PYTHON_EXCEPTION`: another exception. */
      readonly error: 'NON_TEXT_CODEC' | 'PYTHON_EXCEPTION';
      readonly charset: string | null;
      readonly partIndex: number;
      /** Python exception class (`LookupError` for a non-text codec, `TypeError`/`ValueError` from the parameters). */
      readonly raises: string;
    };

/** Patchwork's fallback order for parts without a usable charset. */
const FALLBACK_LABELS = ['utf-8', 'windows-1252', 'iso-8859-1'] as const;
let fallbackCodecs: Codec[] | null = null;

function fallbacks(): Codec[] {
  if (fallbackCodecs === null) {
    fallbackCodecs = [];
    for (const label of FALLBACK_LABELS) {
      const c = lookupCodec(label);
      if (c !== null) fallbackCodecs.push(c);
    }
  }
  return fallbackCodecs;
}

/**
 * Patchwork's `_find_content` text collection over a parsed message. Never
 * throws for bad input; see the module comment for the rules.
 *
 * @example
 * const r = findTextParts(parseMessage(bytes));
 * if ('error' in r) report(r); else for (const p of r.parts) use(p.text, p.subtype);
 */
export function findTextParts(msg: ParsedMessage): TextPartsResult {
  const parts: TextPart[] = [];
  const notes: TextPartNote[] = [];
  for (const part of msg.walk()) {
    if (part.maintype !== 'text') continue;
    const payload = part.decodedPayload();
    if (payload === null) continue; // a text part is never a container
    const subtype = part.subtype;
    const cs = part.contentCharset();
    if (!cs.ok) return { error: 'PYTHON_EXCEPTION', charset: null, partIndex: part.index, raises: cs.raises };
    const charset = cs.charset;
    let codec: Codec | null = null;
    if (charset !== null) {
      // Patchwork catches LookupError, ValueError (a NUL in the name) and TypeError from
      // codecs.lookup: lookupCodec answers null for all of them, so the charset counts as absent.
      codec = lookupCodec(charset);
      // str(b'', charset) returns '' without consulting the codec (CPython's empty-bytes
      // shortcut), so an empty part never raises for a non-text codec.
      if (codec !== null && !codec.text && payload.length > 0) {
        return { error: 'NON_TEXT_CODEC', charset, partIndex: part.index, raises: 'LookupError' };
      }
    }
    if (codec !== null) {
      const text = payload.length === 0 ? '' : codec.decode(payload);
      if (text === null) notes.push({ kind: 'skipped', partIndex: part.index, charset });
      else parts.push({ text, subtype, partIndex: part.index, codec: codec.name });
      continue;
    }
    for (const c of fallbacks()) {
      const text = c.decode(payload);
      if (text === null) continue;
      parts.push({ text, subtype, partIndex: part.index, codec: c.name });
      if (charset !== null) notes.push({ kind: 'unknown-charset', partIndex: part.index, charset, codec: c.name });
      else if (c.name !== 'utf-8') notes.push({ kind: 'fallback', partIndex: part.index, charset, codec: c.name });
      break;
    }
  }
  return { parts, notes };
}
