/**
 * The text parts Patchwork reads from a mail: the first half of its
 * `_find_content` (spec 3.1). Every `text/*` part of the walk, transfer-decoded,
 * then charset-decoded: the declared charset strictly (a part that fails is
 * skipped), or — when none is declared or Python knows no codec by that name —
 * utf-8, then windows-1252, then iso-8859-1.
 */
import { lookupCodec } from './charset.js';
import { contentCharset, contentType, decodedPayload, walk, type ParsedMessage } from './parse.js';

export interface TextPart {
  text: string;
  subtype: string;
}

export type TextPartsResult =
  | { parts: TextPart[]; skipped: number; fallbacks: string[] }
  | { error: 'NON_TEXT_CODEC'; charset: string };

const FALLBACK = ['utf-8', 'windows-1252', 'iso-8859-1'] as const;

/** Patchwork's text collection; never throws for bad input. */
export function findTextParts(msg: ParsedMessage): TextPartsResult {
  const parts: TextPart[] = [];
  const fallbacks: string[] = [];
  let skipped = 0;
  for (const part of walk(msg.root)) {
    if (part.children !== null) continue;
    const ctype = contentType(part);
    const slash = ctype.indexOf('/');
    if (ctype.slice(0, slash) !== 'text') continue;
    const payload = decodedPayload(msg, part);
    const subtype = ctype.slice(slash + 1);
    const declared = contentCharset(part);
    let codec = declared === null ? null : lookupCodec(declared);
    if (codec && !codec.text) return { error: 'NON_TEXT_CODEC', charset: declared! };
    let text: string | null = null;
    if (codec) text = codec.decode(payload);
    else {
      for (const name of FALLBACK) {
        codec = lookupCodec(name);
        text = codec!.decode(payload);
        if (text !== null) {
          if (name !== 'utf-8') fallbacks.push(name);
          break;
        }
      }
    }
    if (text === null) {
      skipped++;
      continue;
    }
    parts.push({ text, subtype });
  }
  return { parts, skipped, fallbacks };
}
