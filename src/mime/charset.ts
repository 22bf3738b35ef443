/**
 * Python codec semantics (`codecs.lookup`, strict `bytes.decode` / `str.encode`).
 *
 * STUB: minimal placeholder with the final interface; the full registry (aliases,
 * single-byte tables, CJK through iconv-lite, utf-7, ...) replaces it.
 */

export interface Codec {
  /** Python's canonical codec name (`codecs.lookup(x).name`), e.g. `utf-8`, `iso8859-1`, `cp1252`. */
  readonly name: string;
  /** False for codecs that are not text encodings (`base64`, `zlib`, ...): Patchwork raises on them. */
  readonly text: boolean;
  /** Strict decode; `null` where Python would raise UnicodeDecodeError. */
  decode(bytes: Uint8Array): string | null;
  /** Strict encode; `null` where Python would raise UnicodeEncodeError. */
  encode(text: string): Uint8Array | null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const UTF8: Codec = {
  name: 'utf-8',
  text: true,
  decode(bytes) {
    try {
      return utf8.decode(bytes);
    } catch {
      return null;
    }
  },
  encode(text) {
    return Buffer.from(text, 'utf8');
  },
};

const LATIN1: Codec = {
  name: 'iso8859-1',
  text: true,
  decode: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
  encode(text) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return null;
    return Buffer.from(text, 'latin1');
  },
};

const ASCII: Codec = {
  name: 'ascii',
  text: true,
  decode(bytes) {
    for (const b of bytes) if (b > 0x7f) return null;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  },
  encode(text) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return null;
    return Buffer.from(text, 'latin1');
  },
};

const CP1252_HIGH = '€\uFFFE‚ƒ„…†‡ˆ‰Š‹Œ\uFFFEŽ\uFFFE\uFFFE‘’“”•–—˜™š›œ\uFFFEžŸ';
const CP1252: Codec = {
  name: 'cp1252',
  text: true,
  decode(bytes) {
    let out = '';
    for (const b of bytes) {
      if (b >= 0x80 && b < 0xa0) {
        const c = CP1252_HIGH[b - 0x80]!;
        if (c === '\uFFFE') return null;
        out += c;
      } else out += String.fromCharCode(b);
    }
    return out;
  },
  encode() {
    return null;
  },
};

/** Python `codecs.lookup(label)`; `null` for LookupError. */
export function lookupCodec(label: string): Codec | null {
  const n = label.trim().toLowerCase().replace(/[-\s]+/g, '_');
  if (n === 'utf_8' || n === 'utf8') return UTF8;
  if (n === 'us_ascii' || n === 'ascii') return ASCII;
  if (n === 'iso_8859_1' || n === 'latin_1' || n === 'latin1' || n === 'iso8859_1') return LATIN1;
  if (n === 'windows_1252' || n === 'cp1252') return CP1252;
  return null;
}
