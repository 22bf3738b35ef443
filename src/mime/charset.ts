/**
 * Python codec semantics: `codecs.lookup(label)` and strict `bytes.decode` / `str.encode`
 * as CPython 3.11 performs them (spec 1.5, 1.9 and 3.1).
 *
 * Why not `TextDecoder` or plain iconv-lite: WHATWG labels map `iso-8859-1`/`ascii` to
 * windows-1252, Node 20's windows-1252 decodes as latin-1, WHATWG `gb2312` is GBK, and every
 * WHATWG/iconv-lite decoder replaces undefined bytes with U+FFFD where Python raises. Python's
 * answer decides whether Patchwork keeps a body part or relabels a header chunk, so decoding
 * must fail exactly where Python's does. iconv-lite supplies the bulk of the mapping tables;
 * the places where Python's tables differ from it were measured against CPython 3.11 and are
 * recorded as patches in the data section at the end of this file.
 *
 * Coverage: every name Python 3.11 resolves (aliases and normalisation included). Decoding and
 * encoding follow Python exactly for ascii, latin-1, the UTF family (8, 8-sig, 16, 32, 7),
 * every other single-byte table (cp*, iso8859-*, koi8-*, mac-*, ...), gb2312, gbk, gb18030,
 * big5, big5hkscs, cp950, euc_kr, cp949, shift_jis, cp932, euc_jp, iso2022_jp, charmap,
 * undefined and raw_unicode_escape (verified exhaustively against CPython 3.11). A few
 * rarely seen text codecs are recognised but not implemented (`johab`, the JIS X 0213 family,
 * the other iso2022 variants, `hz`, `idna`, `punycode`, `unicode_escape`): their `decode` and
 * `encode` report failure, as if the data were invalid. Non-text codecs (`base64`, `zlib`,
 * `hex`, `rot-13`, `quopri`, `uu`, `bz2`) resolve to a codec with `text: false`.
 */

import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** One Python codec, as returned by {@link lookupCodec}. */
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

// ---------------------------------------------------------------------------------------------
// Name lookup
// ---------------------------------------------------------------------------------------------

/**
 * Python's codec-name normalisation (`_Py_normalize_encoding` in C, then
 * `encodings.normalize_encoding`): ASCII letters are lower-cased, ASCII letters, digits and `.`
 * are kept, every other run of characters becomes one `_` (none at the start or the end).
 * Non-ASCII characters count as punctuation (C sees their UTF-8 bytes). Returns `null` where
 * Python raises before any lookup: an embedded NUL (ValueError) or a lone surrogate (the name
 * cannot be encoded to UTF-8).
 */
export function normalizeEncodingName(label: string): string | null {
  let out = '';
  let punct = false;
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    if (c === 0) return null;
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < label.length ? label.charCodeAt(i + 1) : 0;
      if (c >= 0xdc00 || next < 0xdc00 || next > 0xdfff) return null;
      i++;
      punct = true;
      continue;
    }
    const lower = c >= 0x41 && c <= 0x5a;
    if (lower || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2e) {
      if (punct && out.length > 0) out += '_';
      punct = false;
      out += lower ? String.fromCharCode(c + 32) : label[i];
    } else {
      punct = true;
    }
  }
  return out;
}

let aliasMap: Map<string, string> | undefined;
let moduleMap: Map<string, { name: string; text: boolean }> | undefined;

function tables(): { aliases: Map<string, string>; modules: Map<string, { name: string; text: boolean }> } {
  if (aliasMap === undefined || moduleMap === undefined) {
    aliasMap = new Map();
    for (const group of ALIAS_DATA.split(' ')) {
      const [mod, list] = group.split(':') as [string, string];
      for (const alias of list.split(',')) aliasMap.set(alias, mod);
    }
    moduleMap = new Map();
    for (const entry of MODULE_DATA.split(' ')) {
      const text = !entry.endsWith('!');
      const body = text ? entry : entry.slice(0, -1);
      const eq = body.indexOf('=');
      const mod = eq < 0 ? body : body.slice(0, eq);
      moduleMap.set(mod, { name: eq < 0 ? body : body.slice(eq + 1), text });
    }
  }
  return { aliases: aliasMap, modules: moduleMap };
}

/**
 * The `encodings` module that Python's search function would import for `label`, or `null`
 * (LookupError / ValueError). Mirrors `encodings.search_function`: the alias table is tried
 * with the normalised name and with `.` replaced by `_`; a name still containing `.` is never
 * imported.
 */
function resolveModule(label: string): string | null {
  const norm = normalizeEncodingName(label);
  if (norm === null) return null;
  const { aliases, modules } = tables();
  const aliased = aliases.get(norm) ?? aliases.get(norm.replace(/\./g, '_'));
  for (const candidate of aliased === undefined ? [norm] : [aliased, norm]) {
    if (candidate === '' || candidate.includes('.')) continue;
    if (modules.has(candidate)) return candidate;
  }
  return null;
}

/** Bound on the per-label cache: labels come from mail, so a hostile archive could vary them endlessly. */
const MAX_CACHED_LABELS = 4096;
const labelCache = new Map<string, Codec | null>();
const moduleCache = new Map<string, Codec>();

/**
 * Python `codecs.lookup(label)`: the codec, or `null` where Python raises (LookupError for
 * unknown names, ValueError for an embedded NUL). Results are cached per label.
 *
 * @example
 * lookupCodec('UTF8')?.name        // 'utf-8'
 * lookupCodec('latin-1')?.name     // 'iso8859-1'
 * lookupCodec('base64')?.text      // false
 * lookupCodec('x-unknown')         // null
 */
export function lookupCodec(label: string): Codec | null {
  const cached = labelCache.get(label);
  if (cached !== undefined) return cached;
  if (labelCache.has(label)) return null;
  const mod = resolveModule(label);
  const codec = mod === null ? null : codecForModule(mod);
  if (labelCache.size >= MAX_CACHED_LABELS) labelCache.clear();
  labelCache.set(label, codec);
  return codec;
}

const ADDITIVE = new WeakSet<Codec>();

/**
 * True when the codec encodes a string as the concatenation of the encodings of its code
 * points (no BOM, no shift state, no multi-code-point units). Such codecs let the RFC 2047
 * line filler measure prefixes incrementally instead of re-encoding every prefix.
 */
export function isAdditiveCodec(codec: Codec): boolean {
  return ADDITIVE.has(codec);
}

const ASCII_TRANSPARENT = new WeakSet<Codec>();

/**
 * True when the codec decodes every byte 0x00-0x7F to the same code point and encodes those
 * characters back to the same single byte (ascii, latin-1, utf-8, the ASCII-based single-byte
 * tables and the CJK multi-byte codecs; not utf-7, utf-16/32, iso2022 or EBCDIC). Lets callers
 * skip decoding and encoding of pure ASCII data.
 */
export function isAsciiTransparent(codec: Codec): boolean {
  return ASCII_TRANSPARENT.has(codec);
}

function codecForModule(mod: string): Codec {
  let codec = moduleCache.get(mod);
  if (codec === undefined) {
    codec = buildCodec(mod);
    moduleCache.set(mod, codec);
  }
  return codec;
}

function buildCodec(mod: string): Codec {
  const info = tables().modules.get(mod);
  const name = info?.name ?? mod;
  if (info !== undefined && !info.text) return failing(name, false);
  let codec: Codec;
  let additive = true;
  switch (mod) {
    case 'ascii':
      codec = { ...ASCII_IMPL, name };
      break;
    case 'latin_1':
    case 'iso8859_1':
    case 'charmap': // charmap without a mapping table behaves as latin-1
      codec = { ...LATIN1_IMPL, name };
      break;
    case 'utf_8':
      codec = { ...UTF8_IMPL, name };
      break;
    case 'utf_8_sig':
      codec = utf8Sig(name);
      additive = false;
      break;
    case 'utf_16':
    case 'utf_16_le':
    case 'utf_16_be':
      codec = utf16(name, mod === 'utf_16' ? 'bom' : mod === 'utf_16_le' ? 'le' : 'be');
      additive = mod !== 'utf_16';
      break;
    case 'utf_32':
    case 'utf_32_le':
    case 'utf_32_be':
      codec = utf32(name, mod === 'utf_32' ? 'bom' : mod === 'utf_32_le' ? 'le' : 'be');
      additive = mod !== 'utf_32';
      break;
    case 'utf_7':
      codec = utf7(name);
      additive = false;
      break;
    case 'iso2022_jp':
      codec = iso2022jp(name);
      additive = false;
      break;
    case 'raw_unicode_escape':
      codec = rawUnicodeEscape(name);
      break;
    case 'undefined':
      codec = failing(name, true);
      break;
    default: {
      const sb = SBCS_DATA[mod];
      const db = DBCS_DATA[mod];
      if (sb !== undefined) codec = sbcs(name, mod);
      else if (db !== undefined) {
        codec = dbcs(name, mod, db);
        additive = mod !== 'big5hkscs';
      } else {
        codec = failing(name, true);
        additive = false;
      }
    }
  }
  if (additive) ADDITIVE.add(codec);
  if (asciiTransparentModule(mod)) ASCII_TRANSPARENT.add(codec);
  return codec;
}

function asciiTransparentModule(mod: string): boolean {
  if (mod === 'ascii' || mod === 'latin_1' || mod === 'iso8859_1' || mod === 'charmap' || mod === 'utf_8') return true;
  if (DBCS_DATA[mod] !== undefined) return true;
  if (SBCS_DATA[mod] === undefined) return false;
  const table = sbcsTable(mod);
  for (let b = 0; b < 0x80; b++) if (table[b] !== b) return false;
  return true;
}

function failing(name: string, text: boolean): Codec {
  return { name, text, decode: () => null, encode: () => null };
}

// ---------------------------------------------------------------------------------------------
// Shared utilities
// ---------------------------------------------------------------------------------------------

// ignoreBOM: a U+FEFF produced by a table or a -le/-be codec is data, not a BOM to strip.
const UTF16LE = new TextDecoder('utf-16le', { ignoreBOM: true });

function latin1String(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Turns UTF-16 code units into a string without per-character concatenation. */
function unitsToString(units: Uint16Array, length: number): string {
  return UTF16LE.decode(units.subarray(0, length));
}

function isAllAscii(bytes: Uint8Array): boolean {
  return isAscii(bytes);
}

/** True when `s` contains an unpaired surrogate (Python strict encoders reject those). */
function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return true;
    const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    if (d < 0xdc00 || d > 0xdfff) return true;
    i++;
  }
  return false;
}

/** Growable byte sink for encoders. */
class ByteSink {
  buf: Uint8Array;
  len = 0;
  constructor(size: number) {
    this.buf = new Uint8Array(Math.max(16, size));
  }
  push(...bs: number[]): void {
    for (const b of bs) this.push1(b);
  }
  push1(b: number): void {
    if (this.len === this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.len++] = b;
  }
  result(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

// ---------------------------------------------------------------------------------------------
// ascii, latin-1, utf-8 (the fast paths)
// ---------------------------------------------------------------------------------------------

const ASCII_IMPL = {
  text: true,
  decode(bytes: Uint8Array): string | null {
    return isAllAscii(bytes) ? latin1String(bytes) : null;
  },
  encode(text: string): Uint8Array | null {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return null;
    return Buffer.from(text, 'latin1');
  },
};

const LATIN1_IMPL = {
  text: true,
  decode(bytes: Uint8Array): string | null {
    return latin1String(bytes);
  },
  encode(text: string): Uint8Array | null {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return null;
    return Buffer.from(text, 'latin1');
  },
};

// Python's utf-8 is strict (no surrogates, no overlongs, nothing above U+10FFFF) and keeps a
// BOM as U+FEFF.
function decodeUtf8(bytes: Uint8Array): string | null {
  // Node's validator is strict in the same way (simdutf: no surrogates, overlongs or
  // values past U+10FFFF); a valid buffer then decodes identically.
  if (!isUtf8(bytes)) return null;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

function encodeUtf8(text: string): Uint8Array | null {
  return hasLoneSurrogate(text) ? null : Buffer.from(text, 'utf8');
}

const UTF8_IMPL = { text: true, decode: decodeUtf8, encode: encodeUtf8 };

function utf8Sig(name: string): Codec {
  return {
    name,
    text: true,
    decode(bytes) {
      const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      return decodeUtf8(bom ? bytes.subarray(3) : bytes);
    },
    encode(text) {
      const body = encodeUtf8(text);
      if (body === null) return null;
      const out = new Uint8Array(body.length + 3);
      out.set([0xef, 0xbb, 0xbf]);
      out.set(body, 3);
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// utf-16 / utf-32
// ---------------------------------------------------------------------------------------------

/** `bom`: Python's `utf-16`/`utf-32` (BOM read and removed, little-endian without one; BOM written). */
type Endian = 'bom' | 'le' | 'be';

function utf16(name: string, mode: Endian): Codec {
  return {
    name,
    text: true,
    decode(bytes) {
      let le = mode !== 'be';
      let start = 0;
      if (mode === 'bom' && bytes.length >= 2) {
        if (bytes[0] === 0xff && bytes[1] === 0xfe) start = 2;
        else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
          start = 2;
          le = false;
        }
      }
      if ((bytes.length - start) % 2 !== 0) return null; // truncated data
      const n = (bytes.length - start) / 2;
      const units = new Uint16Array(n);
      for (let i = 0; i < n; i++) {
        const a = bytes[start + 2 * i]!;
        const b = bytes[start + 2 * i + 1]!;
        units[i] = le ? a | (b << 8) : (a << 8) | b;
      }
      // Python rejects unpaired surrogates (illegal encoding / unexpected end of data).
      for (let i = 0; i < n; i++) {
        const c = units[i]!;
        if (c < 0xd800 || c > 0xdfff) continue;
        if (c >= 0xdc00 || i + 1 >= n) return null;
        const d = units[i + 1]!;
        if (d < 0xdc00 || d > 0xdfff) return null;
        i++;
      }
      return unitsToString(units, n);
    },
    encode(text) {
      if (hasLoneSurrogate(text)) return null;
      const off = mode === 'bom' ? 2 : 0;
      const out = new Uint8Array(off + text.length * 2);
      if (off) out.set([0xff, 0xfe]);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        const p = off + 2 * i;
        if (mode === 'be') {
          out[p] = c >> 8;
          out[p + 1] = c & 0xff;
        } else {
          out[p] = c & 0xff;
          out[p + 1] = c >> 8;
        }
      }
      return out;
    },
  };
}

function utf32(name: string, mode: Endian): Codec {
  return {
    name,
    text: true,
    decode(bytes) {
      let le = mode !== 'be';
      let start = 0;
      if (mode === 'bom' && bytes.length >= 4) {
        if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) start = 4;
        else if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) {
          start = 4;
          le = false;
        }
      }
      if ((bytes.length - start) % 4 !== 0) return null;
      const units = new Uint16Array(bytes.length - start); // at most 2 units per 4 bytes
      let u = 0;
      for (let p = start; p < bytes.length; p += 4) {
        const b0 = bytes[p]!;
        const b1 = bytes[p + 1]!;
        const b2 = bytes[p + 2]!;
        const b3 = bytes[p + 3]!;
        const cp = le ? (b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)) >>> 0 : ((b0 << 24) | (b1 << 16) | (b2 << 8) | b3) >>> 0;
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
        if (cp >= 0x10000) {
          units[u++] = 0xd800 + ((cp - 0x10000) >> 10);
          units[u++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
        } else units[u++] = cp;
      }
      return unitsToString(units, u);
    },
    encode(text) {
      if (hasLoneSurrogate(text)) return null;
      const sink = new ByteSink(text.length * 4 + 4);
      if (mode === 'bom') [0xff, 0xfe, 0, 0].forEach((b) => sink.push(b));
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (mode === 'be') [cp >>> 24, (cp >> 16) & 0xff, (cp >> 8) & 0xff, cp & 0xff].forEach((b) => sink.push(b));
        else [cp & 0xff, (cp >> 8) & 0xff, (cp >> 16) & 0xff, cp >>> 24].forEach((b) => sink.push(b));
      }
      return sink.result();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// utf-7 (mirrors PyUnicode_DecodeUTF7Stateful / _PyUnicode_EncodeUTF7, strict, final)
// ---------------------------------------------------------------------------------------------

const B64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function fromBase64Char(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52;
  if (c === 0x2b) return 62;
  if (c === 0x2f) return 63;
  return -1;
}

/**
 * Characters Python's UTF-7 encoder writes directly (RFC 2152 sets D and O plus space, tab,
 * CR, LF); everything else, including `\`, `~`, `+` and control characters, is base64-encoded
 * (`+` becomes `+-`).
 */
function utf7Direct(c: number): boolean {
  if (c === 0x09 || c === 0x0a || c === 0x0d || c === 0x20) return true;
  if (c < 0x21 || c > 0x7d) return false;
  return c !== 0x2b && c !== 0x5c;
}

function utf7(name: string): Codec {
  return {
    name,
    text: true,
    decode(bytes) {
      const units: number[] = [];
      let inShift = false;
      let bits = 0;
      let buffer = 0;
      let surrogate = 0;
      let i = 0;
      while (i < bytes.length) {
        const ch = bytes[i]!;
        if (inShift) {
          const v = fromBase64Char(ch);
          if (v >= 0) {
            buffer = (buffer << 6) | v;
            bits += 6;
            i++;
            if (bits >= 16) {
              const out = (buffer >>> (bits - 16)) & 0xffff;
              bits -= 16;
              buffer &= (1 << bits) - 1;
              if (surrogate) {
                if (out >= 0xdc00 && out <= 0xdfff) {
                  units.push(surrogate, out);
                  surrogate = 0;
                  continue;
                }
                units.push(surrogate);
                surrogate = 0;
              }
              if (out >= 0xd800 && out <= 0xdbff) surrogate = out;
              else units.push(out);
            }
          } else {
            // Leaving the base64 section.
            inShift = false;
            if (bits > 0) {
              if (bits >= 6) return null; // partial character in shift sequence
              if (buffer !== 0) return null; // non-zero padding bits
            }
            if (surrogate && ch <= 0x7f && ch !== 0x2b) units.push(surrogate);
            surrogate = 0;
            if (ch === 0x2d) i++; // '-' is absorbed
          }
        } else if (ch === 0x2b) {
          i++;
          if (i < bytes.length && bytes[i] === 0x2d) {
            i++;
            units.push(0x2b);
          } else if (i < bytes.length && fromBase64Char(bytes[i]!) < 0) {
            return null; // ill-formed sequence
          } else {
            inShift = true;
            surrogate = 0;
            bits = 0;
            buffer = 0;
          }
        } else if (ch <= 0x7f) {
          units.push(ch);
          i++;
        } else return null; // unexpected special character
      }
      if (inShift && (surrogate || bits >= 6 || (bits > 0 && buffer !== 0))) return null; // unterminated shift sequence
      return unitsFromArray(units);
    },
    encode(text) {
      const sink = new ByteSink(text.length * 3);
      let inShift = false;
      let bits = 0;
      let buffer = 0;
      const emitUnit = (u: number): void => {
        bits += 16;
        buffer = (buffer << 16) | u;
        while (bits >= 6) {
          sink.push(B64_ALPHABET.charCodeAt((buffer >>> (bits - 6)) & 0x3f));
          bits -= 6;
        }
        buffer &= (1 << bits) - 1;
      };
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (inShift) {
          if (utf7Direct(c)) {
            if (bits) {
              sink.push(B64_ALPHABET.charCodeAt((buffer << (6 - bits)) & 0x3f));
              buffer = 0;
              bits = 0;
            }
            inShift = false;
            if (fromBase64Char(c) >= 0 || c === 0x2d) sink.push(0x2d);
            sink.push(c);
            continue;
          }
        } else if (c === 0x2b) {
          sink.push(0x2b);
          sink.push(0x2d);
          continue;
        } else if (utf7Direct(c)) {
          sink.push(c);
          continue;
        } else {
          sink.push(0x2b);
          inShift = true;
        }
        emitUnit(c);
      }
      if (bits) sink.push(B64_ALPHABET.charCodeAt((buffer << (6 - bits)) & 0x3f));
      if (inShift) sink.push(0x2d);
      return sink.result();
    },
  };
}

/** Code units (possibly unpaired surrogates, which Python allows here) to a string. */
function unitsFromArray(units: readonly number[]): string {
  let out = '';
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.slice(i, i + 8192));
  return out;
}

// ---------------------------------------------------------------------------------------------
// raw_unicode_escape
// ---------------------------------------------------------------------------------------------

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

function rawUnicodeEscape(name: string): Codec {
  return {
    name,
    text: true,
    decode(bytes) {
      const units: number[] = [];
      let i = 0;
      while (i < bytes.length) {
        const c = bytes[i++]!;
        if (c !== 0x5c || i >= bytes.length) {
          units.push(c);
          continue;
        }
        const k = bytes[i++]!;
        const count = k === 0x75 ? 4 : k === 0x55 ? 8 : 0;
        if (count === 0) {
          units.push(0x5c, k);
          continue;
        }
        let cp = 0;
        for (let j = 0; j < count; j++) {
          if (i >= bytes.length) return null; // truncated escape
          const h = hexValue(bytes[i++]!);
          if (h < 0) return null;
          cp = cp * 16 + h;
        }
        if (cp > 0x10ffff) return null;
        if (cp >= 0x10000) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
        else units.push(cp);
      }
      return unitsFromArray(units);
    },
    encode(text) {
      const sink = new ByteSink(text.length);
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (cp < 0x100) sink.push(cp);
        else {
          const hex = cp >= 0x10000 ? '\\U' + cp.toString(16).padStart(8, '0') : '\\u' + cp.toString(16).padStart(4, '0');
          for (let j = 0; j < hex.length; j++) sink.push(hex.charCodeAt(j));
        }
      }
      return sink.result();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Single-byte tables
// ---------------------------------------------------------------------------------------------

/** How one single-byte table is obtained: from iconv-lite, a full/high-half literal, or another table; then patched. */
interface SbcsSpec {
  /** iconv-lite encoding whose 256 decoded bytes form the base table. */
  readonly iconv?: string;
  /** Another entry of the table as the base. */
  readonly base?: string;
  /** All 256 characters (U+FFFE = undefined byte). */
  readonly table?: string;
  /** Characters for 0x80-0xFF; 0x00-0x7F are ASCII. */
  readonly high?: string;
  /** Space-separated `byte=codepoint` or `from-to=firstcodepoint` (hex; empty code point = undefined). */
  readonly patch?: string;
}

const UNDEFINED_UNIT = 0xfffe;
const sbcsTables = new Map<string, Uint16Array>();

/** Python's decoding table of a single-byte codec module (U+FFFE marks bytes Python rejects). */
function sbcsTable(mod: string): Uint16Array {
  const cached = sbcsTables.get(mod);
  if (cached !== undefined) return cached;
  const spec = SBCS_DATA[mod]!;
  let table: Uint16Array;
  if (spec.iconv !== undefined) {
    const all = new Uint8Array(256);
    for (let b = 0; b < 256; b++) all[b] = b;
    const s = iconv.decode(all, spec.iconv);
    table = new Uint16Array(256);
    for (let b = 0; b < 256; b++) {
      const c = s.charCodeAt(b);
      table[b] = c === 0xfffd ? UNDEFINED_UNIT : c;
    }
  } else if (spec.base !== undefined) {
    table = sbcsTable(spec.base).slice();
  } else {
    table = new Uint16Array(256);
    const src = spec.table ?? spec.high!;
    const off = spec.table !== undefined ? 0 : 128;
    for (let b = 0; b < off; b++) table[b] = b;
    for (let b = off; b < 256; b++) table[b] = src.charCodeAt(b - off);
  }
  if (spec.patch !== undefined) {
    for (const item of spec.patch.split(' ')) {
      const [range, value] = item.split('=') as [string, string];
      const dash = range.indexOf('-');
      const from = parseInt(dash < 0 ? range : range.slice(0, dash), 16);
      const to = dash < 0 ? from : parseInt(range.slice(dash + 1), 16);
      for (let b = from; b <= to; b++) table[b] = value === '' ? UNDEFINED_UNIT : parseInt(value, 16) + (b - from);
    }
  }
  sbcsTables.set(mod, table);
  return table;
}

function sbcs(name: string, mod: string): Codec {
  let inverse: Map<number, number> | undefined;
  return {
    name,
    text: true,
    decode(bytes) {
      const table = sbcsTable(mod);
      const units = new Uint16Array(bytes.length);
      for (let i = 0; i < bytes.length; i++) {
        const u = table[bytes[i]!]!;
        if (u === UNDEFINED_UNIT) return null;
        units[i] = u;
      }
      return unitsToString(units, units.length);
    },
    encode(text) {
      if (inverse === undefined) {
        // Python's charmap_build: when two bytes decode to the same character, the later byte wins.
        const table = sbcsTable(mod);
        inverse = new Map();
        for (let b = 0; b < 256; b++) if (table[b] !== UNDEFINED_UNIT) inverse.set(table[b]!, b);
      }
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) {
        const b = inverse.get(text.charCodeAt(i));
        if (b === undefined) return null;
        out[i] = b;
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Multi-byte CJK codecs
// ---------------------------------------------------------------------------------------------

/** Python's view of a multi-byte codec, as patches over the iconv-lite table. */
interface DbcsSpec {
  /** iconv-lite encoding that provides the base mapping. */
  readonly iconv: string;
  /** Python accepts two-byte units only with lead in [0], [1] and trail in [2], [3]. */
  readonly region?: readonly [number, number, number, number];
  /** Single bytes whose meaning differs (`byte=codepoints`, empty = invalid). */
  readonly singles?: string;
  /** Unit keys (hex, `from-to`) that iconv-lite decodes but Python rejects. */
  readonly exclude?: string;
  /** `key=codepoint[*count]` (consecutive keys to consecutive code points) or `key=cp+cp`. */
  readonly override?: string;
  /** `codepoints=key`: where Python's encoder picks another unit than the first one decoding to it. */
  readonly encode?: string;
}

/** A decoded multi-byte table: single bytes and two-/three-byte units, values are strings. */
interface DbcsTable {
  readonly single: (string | undefined)[];
  /** Index `(lead - 0x80) << 8 | trail`. */
  readonly pair: (string | undefined)[];
  /** euc_jp JIS X 0212 (`0x8F` lead): index `(b2 - 0xA1) * 94 + (b3 - 0xA1)`. */
  readonly triple?: (string | undefined)[];
  /** gb18030 four-byte units in the BMP range (39420 entries). */
  readonly quad?: Uint16Array;
}

const dbcsTables = new Map<string, DbcsTable>();

function parseRanges(spec: string | undefined, fn: (key: number) => void): void {
  if (spec === undefined) return;
  for (const item of spec.split(' ')) {
    const dash = item.indexOf('-');
    const from = parseInt(dash < 0 ? item : item.slice(0, dash), 16);
    const to = dash < 0 ? from : parseInt(item.slice(dash + 1), 16);
    for (let k = from; k <= to; k++) fn(k);
  }
}

function codePointsToString(spec: string): string {
  return spec === '' ? '' : String.fromCodePoint(...spec.split('+').map((h) => parseInt(h, 16)));
}

/** Decodes many small units with one iconv-lite call, each unit followed by LF to keep the decoder in sync. */
function decodeUnits(units: readonly number[][], enc: string): (string | undefined)[] {
  const buf: number[] = [];
  for (const u of units) buf.push(...u, 0x0a);
  const parts = iconv.decode(Uint8Array.from(buf), enc).split('\n');
  const out: (string | undefined)[] = [];
  if (parts.length === units.length + 1) {
    for (let i = 0; i < units.length; i++) {
      const s = parts[i]!;
      out.push(s === '' || s.includes('\ufffd') ? undefined : s);
    }
    return out;
  }
  for (const u of units) {
    const s = iconv.decode(Uint8Array.from(u), enc);
    out.push(s === '' || s.includes('\ufffd') ? undefined : s);
  }
  return out;
}

function dbcsTable(mod: string): DbcsTable {
  const cached = dbcsTables.get(mod);
  if (cached !== undefined) return cached;
  const spec = DBCS_DATA[mod]!;
  const single: (string | undefined)[] = new Array(256);
  const leads: number[] = [];
  const bytes: number[][] = [];
  for (let b = 0; b < 256; b++) bytes.push([b]);
  decodeUnits(bytes, spec.iconv).forEach((s, b) => {
    if (s !== undefined && s.length === 1) single[b] = s;
    else if (b >= 0x80) leads.push(b);
  });
  const pair: (string | undefined)[] = new Array(0x8000);
  const pairUnits: number[][] = [];
  for (const l of leads) for (let t = 0x21; t < 0x100; t++) pairUnits.push([l, t]);
  decodeUnits(pairUnits, spec.iconv).forEach((s, i) => {
    const [l, t] = pairUnits[i] as [number, number];
    const r = spec.region;
    if (s === undefined || (r !== undefined && (l < r[0] || l > r[1] || t < r[2] || t > r[3]))) return;
    pair[((l - 0x80) << 8) | t] = s;
  });
  let triple: (string | undefined)[] | undefined;
  if (mod === 'euc_jp') {
    const units: number[][] = [];
    for (let a = 0xa1; a < 0xff; a++) for (let b = 0xa1; b < 0xff; b++) units.push([0x8f, a, b]);
    triple = decodeUnits(units, spec.iconv);
  }
  let quad: Uint16Array | undefined;
  if (mod === 'gb18030') {
    // Four-byte units U+0080..U+FFFF: every linear index below 39420 is valid in Python.
    const buf = new Uint8Array(39420 * 4);
    for (let n = 0; n < 39420; n++) {
      buf[4 * n] = 0x81 + Math.floor(n / 12600);
      buf[4 * n + 1] = 0x30 + (Math.floor(n / 1260) % 10);
      buf[4 * n + 2] = 0x81 + (Math.floor(n / 10) % 126);
      buf[4 * n + 3] = 0x30 + (n % 10);
    }
    const s = iconv.decode(buf, spec.iconv);
    quad = new Uint16Array(39420);
    for (let n = 0; n < 39420 && n < s.length; n++) quad[n] = s.charCodeAt(n);
  }
  const setKey = (key: number, value: string | undefined): void => {
    if (key < 0x100) single[key] = value;
    else if (key < 0x10000) pair[(((key >> 8) - 0x80) << 8) | (key & 0xff)] = value;
    else if (key < 0x1000000 && triple !== undefined) triple[(((key >> 8) & 0xff) - 0xa1) * 94 + ((key & 0xff) - 0xa1)] = value;
    else if (quad !== undefined) {
      const n = gb18030Linear(key >>> 24, (key >> 16) & 0xff, (key >> 8) & 0xff, key & 0xff);
      quad[n] = value === undefined ? 0 : value.charCodeAt(0);
    }
  };
  if (spec.singles !== undefined) {
    for (const item of spec.singles.split(' ')) {
      const [k, v] = item.split('=') as [string, string];
      single[parseInt(k, 16)] = v === '' ? undefined : codePointsToString(v);
    }
  }
  parseRanges(spec.exclude, (k) => setKey(k, undefined));
  if (spec.override !== undefined) {
    for (const item of spec.override.split(' ')) {
      const [k, v] = item.split('=') as [string, string];
      const key = parseInt(k, 16);
      const star = v.indexOf('*');
      if (star < 0) setKey(key, codePointsToString(v));
      else {
        const cp = parseInt(v.slice(0, star), 16);
        const count = parseInt(v.slice(star + 1), 10);
        for (let j = 0; j < count; j++) setKey(key + j, String.fromCodePoint(cp + j));
      }
    }
  }
  const table: DbcsTable = triple === undefined ? (quad === undefined ? { single, pair } : { single, pair, quad }) : { single, pair, triple };
  dbcsTables.set(mod, table);
  return table;
}

function gb18030Linear(b1: number, b2: number, b3: number, b4: number): number {
  return (((b1 - 0x81) * 10 + (b2 - 0x30)) * 126 + (b3 - 0x81)) * 10 + (b4 - 0x30);
}

// KS X 1001:1998 Annex 3 "make-up" sequences accepted by Python's euc_kr decoder:
// A4 D4 A4 <initial> A4 <medial> A4 <final or D4>, composed into one precomposed syllable.
// Index = byte - 0xA1 over the 30 compatibility consonants; -1 = not usable in that position.
const MAKEUP_INITIAL = [0, 1, -1, 2, -1, -1, 3, 4, 5, -1, -1, -1, -1, -1, -1, -1, 6, 7, 8, -1, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18];
const MAKEUP_FINAL = [1, 2, 3, 4, 5, 6, 7, -1, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, -1, 18, 19, 20, 21, 22, -1, 23, 24, 25, 26, 27];

function eucKrMakeup(bytes: Uint8Array, i: number): number {
  if (i + 8 > bytes.length) return -1;
  if (bytes[i + 2] !== 0xa4 || bytes[i + 4] !== 0xa4 || bytes[i + 6] !== 0xa4) return -1;
  const c3 = bytes[i + 3]!;
  const c5 = bytes[i + 5]!;
  const c7 = bytes[i + 7]!;
  const cho = c3 >= 0xa1 && c3 <= 0xbe ? MAKEUP_INITIAL[c3 - 0xa1]! : -1;
  const jung = c5 >= 0xbf && c5 <= 0xd3 ? c5 - 0xbf : -1;
  const jong = c7 === 0xd4 ? 0 : c7 >= 0xa1 && c7 <= 0xbe ? MAKEUP_FINAL[c7 - 0xa1]! : -1;
  if (cho < 0 || jung < 0 || jong < 0) return -1;
  return 0xac00 + cho * 588 + jung * 28 + jong;
}

function dbcs(name: string, mod: string, spec: DbcsSpec): Codec {
  let inverse: Map<string, number[]> | undefined;
  const isGb18030 = mod === 'gb18030';
  const isEucKr = mod === 'euc_kr';

  const buildInverse = (): Map<string, number[]> => {
    const t = dbcsTable(mod);
    const inv = new Map<string, number[]>();
    // First (lowest) unit wins, single bytes first, then pairs, then euc_jp's three-byte units.
    for (let b = 0; b < 256; b++) {
      const s = t.single[b];
      if (s !== undefined && !inv.has(s)) inv.set(s, [b]);
    }
    for (let i = 0; i < t.pair.length; i++) {
      const s = t.pair[i];
      if (s !== undefined && !inv.has(s)) inv.set(s, [(i >> 8) + 0x80, i & 0xff]);
    }
    if (t.triple !== undefined) {
      for (let i = 0; i < t.triple.length; i++) {
        const s = t.triple[i];
        if (s !== undefined && !inv.has(s)) inv.set(s, [0x8f, 0xa1 + Math.floor(i / 94), 0xa1 + (i % 94)]);
      }
    }
    if (spec.encode !== undefined) {
      for (const item of spec.encode.split(' ')) {
        const [cps, key] = item.split('=') as [string, string];
        const k = parseInt(key, 16);
        inv.set(codePointsToString(cps), k < 0x100 ? [k] : k < 0x10000 ? [k >> 8, k & 0xff] : [k >> 16, (k >> 8) & 0xff, k & 0xff]);
      }
    }
    return inv;
  };

  return {
    name,
    text: true,
    decode(bytes) {
      const t = dbcsTable(mod);
      const units = new Uint16Array(bytes.length);
      let u = 0;
      const put = (s: string): void => {
        for (let j = 0; j < s.length; j++) units[u++] = s.charCodeAt(j);
      };
      let i = 0;
      while (i < bytes.length) {
        const b = bytes[i]!;
        if (b < 0x80) {
          const s = t.single[b];
          if (s === undefined) return null;
          units[u++] = s.charCodeAt(0);
          i++;
          continue;
        }
        const s1 = t.single[b];
        if (s1 !== undefined) {
          put(s1);
          i++;
          continue;
        }
        if (i + 1 >= bytes.length) return null; // incomplete multibyte sequence
        const b2 = bytes[i + 1]!;
        if (isGb18030 && b2 >= 0x30 && b2 <= 0x39) {
          if (i + 3 >= bytes.length) return null;
          const b3 = bytes[i + 2]!;
          const b4 = bytes[i + 3]!;
          if (b < 0x81 || b > 0xfe || b3 < 0x81 || b3 > 0xfe || b4 < 0x30 || b4 > 0x39) return null;
          if (b < 0x85) {
            const n = gb18030Linear(b, b2, b3, b4);
            if (n >= 39420) return null;
            units[u++] = t.quad![n]!;
          } else if (b >= 0x90) {
            const cp = 0x10000 + gb18030Linear(b - 0x0f, b2, b3, b4);
            if (cp > 0x10ffff) return null;
            units[u++] = 0xd800 + ((cp - 0x10000) >> 10);
            units[u++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
          } else return null;
          i += 4;
          continue;
        }
        if (b === 0x8f && t.triple !== undefined) {
          if (i + 2 >= bytes.length) return null;
          const b3 = bytes[i + 2]!;
          if (b2 < 0xa1 || b2 > 0xfe || b3 < 0xa1 || b3 > 0xfe) return null;
          const s = t.triple[(b2 - 0xa1) * 94 + (b3 - 0xa1)];
          if (s === undefined) return null;
          put(s);
          i += 3;
          continue;
        }
        if (isEucKr && b === 0xa4 && b2 === 0xd4) {
          const cp = eucKrMakeup(bytes, i);
          if (cp < 0) return null;
          units[u++] = cp;
          i += 8;
          continue;
        }
        const s = t.pair[((b - 0x80) << 8) | b2];
        if (s === undefined) return null;
        put(s);
        i += 2;
      }
      return unitsToString(units, u);
    },
    encode(text) {
      if (/^[\x00-\x7f]*$/.test(text)) return Buffer.from(text, 'latin1');
      inverse ??= buildInverse();
      const sink = new ByteSink(text.length * 2);
      for (let i = 0; i < text.length; ) {
        const c = text.charCodeAt(i);
        if (c < 0x80) {
          sink.push(c);
          i++;
          continue;
        }
        const width = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
        // big5hkscs has units decoding to two code points (e.g. U+00CA U+0304): try those first.
        if (mod === 'big5hkscs' && i + width < text.length) {
          const two = inverse.get(text.slice(i, i + width + 1));
          if (two !== undefined) {
            two.forEach((b) => sink.push(b));
            i += width + 1;
            continue;
          }
        }
        const ch = text.slice(i, i + width);
        const key = inverse.get(ch);
        if (key !== undefined) key.forEach((b) => sink.push(b));
        else if (isGb18030) {
          const four = gb18030EncodeFour(ch);
          if (four === null) return null;
          four.forEach((b) => sink.push(b));
        } else if (isEucKr && c >= 0xac00 && c <= 0xd7a3) {
          // Python writes syllables missing from KS X 1001 as Annex 3 make-up sequences.
          const n = c - 0xac00;
          const jong = n % 28;
          sink.push(0xa4, 0xd4, 0xa4, 0xa1 + MAKEUP_INITIAL.indexOf(Math.floor(n / 588)), 0xa4, 0xbf + (Math.floor(n / 28) % 21));
          sink.push(0xa4, jong === 0 ? 0xd4 : 0xa1 + MAKEUP_FINAL.indexOf(jong));
        } else return null;
        i += width;
      }
      return sink.result();
    },
  };
}

let gb18030QuadInverse: Map<number, number> | undefined;

/** gb18030 four-byte form of one character absent from the two-byte table. */
function gb18030EncodeFour(ch: string): number[] | null {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0xd800 && cp <= 0xdfff) return null;
  let n: number;
  if (cp >= 0x10000) n = cp - 0x10000 + 189000;
  else {
    if (gb18030QuadInverse === undefined) {
      const quad = dbcsTable('gb18030').quad!;
      gb18030QuadInverse = new Map();
      for (let k = 0; k < quad.length; k++) if (!gb18030QuadInverse.has(quad[k]!)) gb18030QuadInverse.set(quad[k]!, k);
    }
    const k = gb18030QuadInverse.get(cp);
    if (k === undefined) return null;
    n = k;
  }
  const b4 = n % 10;
  const b3 = Math.floor(n / 10) % 126;
  const b2 = Math.floor(n / 1260) % 10;
  const b1 = Math.floor(n / 12600);
  return [0x81 + b1, 0x30 + b2, 0x81 + b3, 0x30 + b4];
}

// ---------------------------------------------------------------------------------------------
// iso2022_jp (mirrors CPython's _codecs_iso2022 with the iso2022_jp configuration)
// ---------------------------------------------------------------------------------------------

const ESC = 0x1b;
type Jp2022Set = 'ascii' | 'jisx0208' | 'roman';

/** JIS X 0208 row/cell (0x21..0x7E each) → string, taken from the euc_jp table. */
function jisx0208(b1: number, b2: number): string | undefined {
  if (b1 < 0x21 || b1 > 0x7e || b2 < 0x21 || b2 > 0x7e) return undefined;
  return dbcsTable('euc_jp').pair[(((b1 | 0x80) - 0x80) << 8) | (b2 | 0x80)];
}

let jisx0208Inverse: Map<string, number> | undefined;

function iso2022jp(name: string): Codec {
  return {
    name,
    text: true,
    decode(bytes) {
      const units: number[] = [];
      let g0: Jp2022Set = 'ascii';
      let escThroughout = false;
      let i = 0;
      while (i < bytes.length) {
        const c = bytes[i]!;
        if (escThroughout) {
          // After an unrecognised ESC, bytes are copied (as latin-1) up to a final byte A-Z or @.
          units.push(c);
          i++;
          if ((c >= 0x41 && c <= 0x5a) || c === 0x40) escThroughout = false;
          continue;
        }
        if (c === ESC) {
          if (i + 1 >= bytes.length) return null;
          const c2 = bytes[i + 1]!;
          if (c2 === 0x28 || c2 === 0x29 || c2 === 0x24 || c2 === 0x2e || c2 === 0x26) {
            let len = 0;
            for (let k = 1; k < 16; k++) {
              if (i + k >= bytes.length) return null;
              const e = bytes[i + k]!;
              if ((e >= 0x41 && e <= 0x5a) || e === 0x40) {
                len = k + 1;
                break;
              }
              // JIS X 0208-1990 announcer `ESC & @` before `ESC $ B`: skipped while scanning.
              if (e === 0x26 && i + k + 1 < bytes.length && bytes[i + k + 1] === 0x40) k += 2;
            }
            if (len === 0) return null;
            let target: Jp2022Set | null = null;
            let plane = -1;
            if (len === 3) {
              const f = bytes[i + 2]!;
              if (c2 === 0x24) {
                plane = 0;
                target = f === 0x42 || f === 0x40 ? 'jisx0208' : null;
              } else if (c2 === 0x28 || c2 === 0x29) {
                plane = c2 === 0x28 ? 0 : 1;
                target = f === 0x42 ? 'ascii' : f === 0x4a ? 'roman' : null;
              }
            } else if (len === 6) {
              plane = 0;
              target = bytes[i + 3] === ESC && bytes[i + 4] === 0x24 && bytes[i + 5] === 0x42 ? 'jisx0208' : null;
            } else if (len === 4 && c2 === 0x24) {
              const p = bytes[i + 2]!;
              const f = bytes[i + 3]!;
              plane = p === 0x28 ? 0 : p === 0x29 ? 1 : -1;
              target = f === 0x42 || f === 0x40 ? 'jisx0208' : null;
            }
            if (target === null || plane < 0) return null;
            if (plane === 0) g0 = target; // G1 is never invoked: iso2022_jp has no shifts
            i += len;
          } else {
            units.push(ESC);
            escThroughout = true;
            i++;
          }
          continue;
        }
        if (c < 0x20 || g0 === 'ascii') {
          if (c >= 0x80) return null;
          units.push(c);
          i++;
          continue;
        }
        if (c >= 0x80) return null;
        if (g0 === 'roman') {
          units.push(c === 0x5c ? 0xa5 : c === 0x7e ? 0x203e : c);
          i++;
          continue;
        }
        if (i + 1 >= bytes.length) return null;
        const s = jisx0208(c, bytes[i + 1]!);
        if (s === undefined) return null;
        for (let j = 0; j < s.length; j++) units.push(s.charCodeAt(j));
        i += 2;
      }
      return unitsFromArray(units);
    },
    encode(text) {
      if (jisx0208Inverse === undefined) {
        jisx0208Inverse = new Map();
        const pair = dbcsTable('euc_jp').pair;
        for (let b1 = 0x21; b1 < 0x7f; b1++) {
          for (let b2 = 0x21; b2 < 0x7f; b2++) {
            const s = pair[((b1 | 0x80) - 0x80) << 8 | (b2 | 0x80)];
            if (s !== undefined && !jisx0208Inverse.has(s)) jisx0208Inverse.set(s, (b1 << 8) | b2);
          }
        }
      }
      const sink = new ByteSink(text.length * 2);
      let g0: Jp2022Set = 'ascii';
      const designate = (set: Jp2022Set): void => {
        if (g0 === set) return;
        g0 = set;
        const seq = set === 'ascii' ? [ESC, 0x28, 0x42] : set === 'roman' ? [ESC, 0x28, 0x4a] : [ESC, 0x24, 0x42];
        seq.forEach((b) => sink.push(b));
      };
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (cp < 0x80) {
          designate('ascii');
          sink.push(cp);
          continue;
        }
        const code = jisx0208Inverse.get(ch);
        if (code !== undefined) {
          designate('jisx0208');
          sink.push(code >> 8);
          sink.push(code & 0xff);
        } else if (cp === 0xa5 || cp === 0x203e) {
          designate('roman');
          sink.push(cp === 0xa5 ? 0x5c : 0x7e);
        } else return null;
      }
      designate('ascii');
      return sink.result();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Data (measured against CPython 3.11; see the module comment)
// ---------------------------------------------------------------------------------------------

// `module:alias,alias,...` groups: encodings.aliases.aliases (keys are already normalised).
const ALIAS_DATA =
  'ascii:646,ansi_x3.4_1968,ansi_x3.4_1986,ansi_x3_4_1968,cp367,csascii,ibm367,iso646_us,iso_646.irv_1991,'
    + 'iso_ir_6,us,us_ascii base64_codec:base64,base_64 big5:big5_tw,csbig5,x_mac_trad_chinese big5hkscs:big5_hkscs,'
    + 'hkscs bz2_codec:bz2 cp037:037,csibm037,ebcdic_cp_ca,ebcdic_cp_nl,ebcdic_cp_us,ebcdic_cp_wt,ibm037,'
    + 'ibm039 cp1026:1026,csibm1026,ibm1026 cp1125:1125,cp866u,ibm1125,ruscii cp1140:1140,ibm1140 cp1250:1250,'
    + 'windows_1250 cp1251:1251,windows_1251 cp1252:1252,windows_1252 cp1253:1253,windows_1253 cp1254:1254,'
    + 'windows_1254 cp1255:1255,windows_1255 cp1256:1256,windows_1256 cp1257:1257,windows_1257 cp1258:1258,'
    + 'windows_1258 cp273:273,csibm273,ibm273 cp424:424,csibm424,ebcdic_cp_he,ibm424 cp437:437,cspc8codepage437,'
    + 'ibm437 cp500:500,csibm500,ebcdic_cp_be,ebcdic_cp_ch,ibm500 cp775:775,cspc775baltic,ibm775 cp850:850,'
    + 'cspc850multilingual,ibm850 cp852:852,cspcp852,ibm852 cp855:855,csibm855,ibm855 cp857:857,csibm857,'
    + 'ibm857 cp858:858,csibm858,ibm858 cp860:860,csibm860,ibm860 cp861:861,cp_is,csibm861,ibm861 cp862:862,'
    + 'cspc862latinhebrew,ibm862 cp863:863,csibm863,ibm863 cp864:864,csibm864,ibm864 cp865:865,csibm865,'
    + 'ibm865 cp866:866,csibm866,ibm866 cp869:869,cp_gr,csibm869,ibm869 cp932:932,ms932,ms_kanji,mskanji '
    + 'cp949:949,ms949,uhc cp950:950,ms950 euc_jis_2004:euc_jis2004,eucjis2004,jisx0213 euc_jisx0213:eucjisx0213 '
    + 'euc_jp:eucjp,u_jis,ujis euc_kr:euckr,korean,ks_c_5601,ks_c_5601_1987,ks_x_1001,ksc5601,ksx1001,x_mac_korean '
    + 'gb18030:gb18030_2000 gb2312:chinese,csiso58gb231280,euc_cn,euccn,eucgb2312_cn,gb2312_1980,gb2312_80,'
    + 'iso_ir_58,x_mac_simp_chinese gbk:936,cp936,ms936 hex_codec:hex hp_roman8:cp1051,csHPRoman8,ibm1051,'
    + 'r8,roman8 hz:hz_gb,hz_gb_2312,hzgb iso2022_jp:csiso2022jp,iso2022jp,iso_2022_jp iso2022_jp_1:iso2022jp_1,'
    + 'iso_2022_jp_1 iso2022_jp_2:iso2022jp_2,iso_2022_jp_2 iso2022_jp_2004:iso2022jp_2004,iso_2022_jp_2004 '
    + 'iso2022_jp_3:iso2022jp_3,iso_2022_jp_3 iso2022_jp_ext:iso2022jp_ext,iso_2022_jp_ext iso2022_kr:csiso2022kr,'
    + 'iso2022kr,iso_2022_kr iso8859_10:csisolatin6,iso_8859_10,iso_8859_10_1992,iso_ir_157,l6,latin6 iso8859_11:iso_8859_11,'
    + 'iso_8859_11_2001,thai iso8859_13:iso_8859_13,l7,latin7 iso8859_14:iso_8859_14,iso_8859_14_1998,iso_celtic,'
    + 'iso_ir_199,l8,latin8 iso8859_15:iso_8859_15,l9,latin9 iso8859_16:iso_8859_16,iso_8859_16_2001,iso_ir_226,'
    + 'l10,latin10 iso8859_2:csisolatin2,iso_8859_2,iso_8859_2_1987,iso_ir_101,l2,latin2 iso8859_3:csisolatin3,'
    + 'iso_8859_3,iso_8859_3_1988,iso_ir_109,l3,latin3 iso8859_4:csisolatin4,iso_8859_4,iso_8859_4_1988,'
    + 'iso_ir_110,l4,latin4 iso8859_5:csisolatincyrillic,cyrillic,iso_8859_5,iso_8859_5_1988,iso_ir_144 '
    + 'iso8859_6:arabic,asmo_708,csisolatinarabic,ecma_114,iso_8859_6,iso_8859_6_1987,iso_ir_127 iso8859_7:csisolatingreek,'
    + 'ecma_118,elot_928,greek,greek8,iso_8859_7,iso_8859_7_1987,iso_ir_126 iso8859_8:csisolatinhebrew,'
    + 'hebrew,iso_8859_8,iso_8859_8_1988,iso_ir_138 iso8859_9:csisolatin5,iso_8859_9,iso_8859_9_1989,iso_ir_148,'
    + 'l5,latin5 johab:cp1361,ms1361 koi8_r:cskoi8r kz1048:kz_1048,rk1048,strk1048_2002 latin_1:8859,cp819,'
    + 'csisolatin1,ibm819,iso8859,iso8859_1,iso_8859_1,iso_8859_1_1987,iso_ir_100,l1,latin,latin1 mac_cyrillic:maccyrillic '
    + 'mac_greek:macgreek mac_iceland:maciceland mac_latin2:mac_centeuro,maccentraleurope,maclatin2 mac_roman:macintosh,'
    + 'macroman mac_turkish:macturkish mbcs:ansi,dbcs ptcp154:cp154,csptcp154,cyrillic_asian,pt154 quopri_codec:quopri,'
    + 'quoted_printable,quotedprintable rot_13:rot13 shift_jis:csshiftjis,s_jis,shiftjis,sjis,x_mac_japanese '
    + 'shift_jis_2004:s_jis_2004,shiftjis2004,sjis_2004 shift_jisx0213:s_jisx0213,shiftjisx0213,sjisx0213 '
    + 'tis_620:iso_ir_166,tis620,tis_620_0,tis_620_2529_0,tis_620_2529_1 utf_16:u16,utf16 utf_16_be:unicodebigunmarked,'
    + 'utf_16be utf_16_le:unicodelittleunmarked,utf_16le utf_32:u32,utf32 utf_32_be:utf_32be utf_32_le:utf_32le '
    + 'utf_7:u7,unicode_1_1_utf_7,utf7 utf_8:cp65001,u8,utf,utf8,utf8_ucs2,utf8_ucs4 uu_codec:uu zlib_codec:zip,'
    + 'zlib';

const MODULE_DATA =
  'ascii base64_codec=base64! big5 big5hkscs bz2_codec=bz2! charmap cp037 cp1006 cp1026 cp1125 cp1140 '
    + 'cp1250 cp1251 cp1252 cp1253 cp1254 cp1255 cp1256 cp1257 cp1258 cp273 cp424 cp437 cp500 cp720 cp737 '
    + 'cp775 cp850 cp852 cp855 cp856 cp857 cp858 cp860 cp861 cp862 cp863 cp864 cp865 cp866 cp869 cp874 '
    + 'cp875 cp932 cp949 cp950 euc_jis_2004 euc_jisx0213 euc_jp euc_kr gb18030 gb2312 gbk hex_codec=hex! '
    + 'hp_roman8=hp-roman8 hz idna iso2022_jp iso2022_jp_1 iso2022_jp_2 iso2022_jp_2004 iso2022_jp_3 iso2022_jp_ext '
    + 'iso2022_kr iso8859_1=iso8859-1 iso8859_10=iso8859-10 iso8859_11=iso8859-11 iso8859_13=iso8859-13 '
    + 'iso8859_14=iso8859-14 iso8859_15=iso8859-15 iso8859_16=iso8859-16 iso8859_2=iso8859-2 iso8859_3=iso8859-3 '
    + 'iso8859_4=iso8859-4 iso8859_5=iso8859-5 iso8859_6=iso8859-6 iso8859_7=iso8859-7 iso8859_8=iso8859-8 '
    + 'iso8859_9=iso8859-9 johab koi8_r=koi8-r koi8_t=koi8-t koi8_u=koi8-u kz1048 latin_1=iso8859-1 mac_arabic=mac-arabic '
    + 'mac_croatian=mac-croatian mac_cyrillic=mac-cyrillic mac_farsi=mac-farsi mac_greek=mac-greek mac_iceland=mac-iceland '
    + 'mac_latin2=mac-latin2 mac_roman=mac-roman mac_romanian=mac-romanian mac_turkish=mac-turkish palmos '
    + 'ptcp154 punycode quopri_codec=quopri! raw_unicode_escape=raw-unicode-escape rot_13=rot-13! shift_jis '
    + 'shift_jis_2004 shift_jisx0213 tis_620=tis-620 undefined unicode_escape=unicode-escape utf_16=utf-16 '
    + 'utf_16_be=utf-16-be utf_16_le=utf-16-le utf_32=utf-32 utf_32_be=utf-32-be utf_32_le=utf-32-le utf_7=utf-7 '
    + 'utf_8=utf-8 utf_8_sig=utf-8-sig uu_codec=uu! zlib_codec=zlib!';

const SBCS_DATA: Readonly<Record<string, SbcsSpec>> = {
  cp037: { table: '\u0000\u0001\u0002\u0003\u009c\u0009\u0086\u007f\u0097\u008d\u008e\u000b\u000c\u000d\u000e\u000f'
      + '\u0010\u0011\u0012\u0013\u009d\u0085\u0008\u0087\u0018\u0019\u0092\u008f\u001c\u001d\u001e\u001f'
      + '\u0080\u0081\u0082\u0083\u0084\u000a\u0017\u001b\u0088\u0089\u008a\u008b\u008c\u0005\u0006\u0007'
      + '\u0090\u0091\u0016\u0093\u0094\u0095\u0096\u0004\u0098\u0099\u009a\u009b\u0014\u0015\u009e\u001a'
      + ' \u00a0âäàáãåçñ¢.<(+|&éêëèíîïìß!$*);¬-/ÂÄÀÁÃÅÇÑ¦,%_>?øÉÊËÈÍÎÏÌ`:#@\u0027="Øabcdefghi«»ðýþ±°jklmnopqrªºæ¸Æ¤µ~stuvwxyz¡¿ÐÝÞ®^£¥·©§¶¼½¾[]¯¨´×{ABCDEFGHI\u00ad'
      + 'ôöòóõ}JKLMNOPQR¹ûüùúÿ\u005c÷STUVWXYZ²ÔÖÒÓÕ0123456789³ÛÜÙÚ\u009f' },
  cp1006: { high: '\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008a\u008b\u008c\u008d\u008e\u008f'
      + '\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009a\u009b\u009c\u009d\u009e\u009f'
      + '\u00a0\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9\u060c\u061b\u00ad\u061f\ufe81'
      + '\ufe8d\ufe8e\ufe8e\ufe8f\ufe91\ufb56\ufb58\ufe93\ufe95\ufe97\ufb66\ufb68\ufe99\ufe9b\ufe9d\ufe9f'
      + '\ufb7a\ufb7c\ufea1\ufea3\ufea5\ufea7\ufea9\ufb84\ufeab\ufead\ufb8c\ufeaf\ufb8a\ufeb1\ufeb3\ufeb5'
      + '\ufeb7\ufeb9\ufebb\ufebd\ufebf\ufec1\ufec5\ufec9\ufeca\ufecb\ufecc\ufecd\ufece\ufecf\ufed0\ufed1'
      + '\ufed3\ufed5\ufed7\ufed9\ufedb\ufb92\ufb94\ufedd\ufedf\ufee0\ufee1\ufee3\ufb9e\ufee5\ufee7\ufe85'
      + '\ufeed\ufba6\ufba8\ufba9\ufbaa\ufe80\ufe89\ufe8a\ufe8b\ufef1\ufef2\ufef3\ufbb0\ufbae\ufe7c\ufe7d' },
  cp1026: { base: 'cp037', patch: '48=7b 4a=c7 4f=21 5a=11e 5b=130 5f=5e 68=5b 6a=15f 79=131 7b=d6 7c=15e 7f=dc 8c=7d 8d=60 8e=a6 a1=f6 '
      + 'ac=5d ad=24 ae=40 b0=a2 ba=ac bb=7c c0=e7 cc=7e d0=11f dc=5c e0=fc ec=23 fc=22' },
  cp1125: { iconv: 'cp1125' },
  cp1140: { base: 'cp037', patch: '9f=20ac' },
  cp1250: { iconv: 'cp1250' },
  cp1251: { iconv: 'cp1251' },
  cp1252: { iconv: 'cp1252' },
  cp1253: { iconv: 'cp1253' },
  cp1254: { iconv: 'cp1254' },
  cp1255: { iconv: 'cp1255', patch: 'ca=' },
  cp1256: { iconv: 'cp1256' },
  cp1257: { iconv: 'cp1257' },
  cp1258: { iconv: 'cp1258' },
  cp273: { base: 'cp037', patch: '43=7b 4a=c4 4f=21 59=7e 5a=dc 5f=5e 63=5b 6a=f6 7c=a7 a1=df b0=a2 b5=40 ba=ac bb=7c bc=203e c0=e4 '
      + 'cc=a6 d0=fc dc=7d e0=d6 ec=5c fc=5d' },
  cp424: { base: 'cp037', patch: '41-49=5d0 51-59=5d9 62-69=5e2 70= 71=5ea 72-73= 74=a0 75-77= 78=2017 80= 8c-8e= 9a-9c= 9e= aa-ae= '
      + 'cb-cf= db-df= eb-ef= fb-fe=' },
  cp437: { iconv: 'cp437' },
  cp500: { base: 'cp037', patch: '4a=5b 4f=21 5a=5d 5f=5e b0=a2 ba=ac bb=7c' },
  cp720: { iconv: 'cp720' },
  cp737: { iconv: 'cp737' },
  cp775: { iconv: 'cp775' },
  cp850: { iconv: 'cp850' },
  cp852: { iconv: 'cp852' },
  cp855: { iconv: 'cp855' },
  cp856: { iconv: 'cp856' },
  cp857: { iconv: 'cp857' },
  cp858: { iconv: 'cp858' },
  cp860: { iconv: 'cp860' },
  cp861: { iconv: 'cp861' },
  cp862: { iconv: 'cp862' },
  cp863: { iconv: 'cp863' },
  cp864: { iconv: 'cp864' },
  cp865: { iconv: 'cp865' },
  cp866: { iconv: 'cp866' },
  cp869: { iconv: 'cp869' },
  cp874: { iconv: 'cp874' },
  cp875: { base: 'cp500', patch: '41-49=391 51-58=39a 59=3a3 62-69=3a4 6a=7c 70=a8 71=386 72-73=388 74=a0 75=38a 76=38c 77-78=38e '
      + '80=385 8a-8f=3b1 9a-9f=3b7 a0=b4 aa-ae=3bd af=3c3 b0=a3 b1-b3=3ac b4=3ca b5=3af b6-b7=3cc b8=3cb '
      + 'b9=3ce ba=3c2 bb-bf=3c4 cb=3c9 cc=390 cd=3b0 ce=2018 cf=2015 da=b1 db=bd dc=1a dd=387 de=2019 df=a6 '
      + 'e1=1a eb=a7 ec=1a ed=1a ee-ef=ab fb=a9 fc=1a fd=1a fe=bb' },
  hp_roman8: { iconv: 'hproman8' },
  iso8859_10: { iconv: 'iso885910' },
  iso8859_11: { iconv: 'iso885911' },
  iso8859_13: { iconv: 'iso885913' },
  iso8859_14: { iconv: 'iso885914' },
  iso8859_15: { iconv: 'iso885915' },
  iso8859_16: { iconv: 'iso885916' },
  iso8859_2: { iconv: 'iso88592' },
  iso8859_3: { iconv: 'iso88593' },
  iso8859_4: { iconv: 'iso88594' },
  iso8859_5: { iconv: 'iso88595' },
  iso8859_6: { iconv: 'iso88596' },
  iso8859_7: { iconv: 'iso88597' },
  iso8859_8: { iconv: 'iso88598' },
  iso8859_9: { iconv: 'iso88599' },
  koi8_r: { iconv: 'koi8r' },
  koi8_t: { iconv: 'koi8t' },
  koi8_u: { iconv: 'koi8u' },
  kz1048: { iconv: 'rk1048' },
  mac_arabic: { base: 'iso8859_6', patch: '80=c4 81=a0 82=c7 83=c9 84=d1 85=d6 86=dc 87=e1 88=e0 89=e2 8a=e4 8b=6ba 8c=ab 8d=e7 8e=e9 8f=e8 '
      + '90-91=ea 92=ed 93=2026 94-95=ee 96=f1 97=f3 98=bb 99=f4 9a-9b=f6 9c=fa 9d=f9 9e-9f=fb a0-a4=20 a5=66a '
      + 'a6-ab=26 ad-af=2d b0-b9=660 ba=3a bc-be=3c c0=274a db-df=5b f3=67e f4=679 f5=686 f6=6d5 f7=6a4 f8=6af '
      + 'f9=688 fa=691 fb-fd=7b fe=698 ff=6d2' },
  mac_croatian: { iconv: 'maccroatian', patch: 'bd=3a9 d8=f8ff db=20ac' },
  mac_cyrillic: { iconv: 'maccyrillic', patch: 'a2=490 b6=491 ff=20ac' },
  mac_farsi: { base: 'mac_arabic', patch: 'b0-b9=6f0' },
  mac_greek: { iconv: 'macgreek', patch: '9c=20ac af=b7 ff=ad' },
  mac_iceland: { iconv: 'maciceland', patch: 'bd=3a9 db=20ac f0=f8ff' },
  mac_latin2: { iconv: 'maccenteuro' },
  mac_roman: { iconv: 'macroman', patch: 'bd=3a9 db=20ac f0=f8ff' },
  mac_romanian: { iconv: 'macromania', patch: 'af=218 bd=3a9 bf=219 db=20ac de-df=21a f0=f8ff' },
  mac_turkish: { iconv: 'macturkish', patch: 'bd=3a9 f0=f8ff f5=f8a0' },
  palmos: { base: 'cp1252', patch: '81=81 8d=2666 8e=2663 8f=2665 90=2660 9b=9b 9d-9e=9d' },
  ptcp154: { iconv: 'pt154' },
  tis_620: { iconv: 'tis620', patch: '80-9f=80' },
};

const DBCS_DATA: Readonly<Record<string, DbcsSpec>> = {
  gb2312: {
    iconv: 'gbk',
    region: [0xa1, 0xfe, 0xa1, 0xfe],
    singles: '80=',
    exclude: 'a2a1-a2b0 a2e3-a2e4 a2ef-a2f0 a2fd-a2fe a4f4-a4fe a5f7-a5fe a6b9-a6c0 a6d9-a6fe a7c2-a7d0 a7f2-a7fe '
      + 'a8bb-a8c4 a8ea-a8fe a9a1-a9a3 a9f0-a9fe aaa1-aafe aba1-abfe aca1-acfe ada1-adfe aea1-aefe afa1-affe '
      + 'd7fa-d7fe f8a1-f8fe f9a1-f9fe faa1-fafe fba1-fbfe fca1-fcfe fda1-fdfe fea1-fefe',
    override: 'a1a4=30fb a1aa=2015',
  },
  gbk: {
    iconv: 'gbk',
    singles: '80=',
    exclude: 'a140-a17e a180-a1a0 a240-a27e a280-a2a0 a2ab-a2b0 a2e3-a2e4 a2ef-a2f0 a2fd-a2fe a340-a37e a380-a3a0 '
      + 'a440-a47e a480-a4a0 a4f4-a4fe a540-a57e a580-a5a0 a5f7-a5fe a640-a67e a680-a6a0 a6b9-a6c0 a6d9-a6df '
      + 'a6ec-a6ed a6f3 a6f6-a6fe a740-a77e a780-a7a0 a7c2-a7d0 a7f2-a7fe a896-a8a0 a8bc a8bf a8c1-a8c4 a8ea-a8fe '
      + 'a958 a95b a95d-a95f a989-a995 a997-a9a3 a9f0-a9fe aaa1-aafe aba1-abfe aca1-acfe ada1-adfe aea1-aefe '
      + 'afa1-affe d7fa-d7fe f8a1-f8fe f9a1-f9fe faa1-fafe fba1-fbfe fca1-fcfe fda1-fdfe fe50-fe7e fe80-fefe',
  },
  gb18030: {
    iconv: 'gb18030',
    singles: '80=',
    override: 'a3a0=e5e5 a8bc=e7c7 8135f437=1e3f',
  },
  big5: {
    iconv: 'big5',
    region: [0xa1, 0xf9, 0x40, 0xfe],
    exclude: 'a3c0-a3e1 c7fd-c7fe c840-c87e c8a1-c8a4 c8cd-c8f1 c8f5-c8fe f9d6-f9fe',
    override: 'a145=2022 a14e=ff64 a1c2=203e a1e3=223c a1f2=2641 a1f3=2609 a241=ff0f a242=ff3c a244=a5 a246=a2*2 '
      + 'c6a1=30fe c6a2=309d*2 c6a4=3005 c6a5=3041*83 c6f8=30a1*7 c740=30a8*63 c7a1=30e7*16 c7b1=414*2 c7b3=401 '
      + 'c7b4=416*7 c7bb=423*19 c7ce=451 c7cf=436*26 c7e9=2460*10 c7f3=2474*10',
    encode: 'ff0f=a241 ff3c=a242 5341=a451 5345=a4ca',
  },
  big5hkscs: {
    iconv: 'big5hkscs',
    exclude: '877a-877e 87a1-87df 8e69 8e6f 8e7e 8eab 8eb4 8ecd 8ed0 8f57 8f69 8f6e 8fcb-8fcc 8ffe 906d 907a 90dc '
      + '90f1 91bf 9244 92af-92b2 92c8 92d1 9447 94ca 95d9 9644 96ed 96fc 9b76 9b78 9b7b 9bc6 9bde 9bec 9bf6 '
      + '9c42 9c53 9c62 9c68 9c6b 9c77 9cbc-9cbd 9cd0 9d57 9d5a 9dc4 9ea9 9eef 9efd 9f60 9f66 9fcb 9fd8 a063 '
      + 'a077 a0d5 a0df a0e4 a3c0-a3e1 c6cf c6d3 c6d5 c6d7 c6de-c6df fa5f fa66 fabd fac5 fad5 fb48 fbb8 fbf3 '
      + 'fbf9 fc4f fc6c fcb9 fce2 fcf1 fdb7-fdb8 fdbb fdf1 fe52 fe6f feaa fedd',
    override: 'a145=2022 a14e=ff64 a1c2=203e a1e3=223c a1f2=2641 a1f3=2609 a241=ff0f a242=ff3c a244=a5 a246=a2*2',
    encode: 'ff0f=a241 ff3c=a242 256d=f9fa 256e=f9fb 2570=f9fc 256f=f9fd 2550=f9f9 255e=f9e9 256a=f9ea 2561=f9eb '
      + '5341=a451 5345=a4ca',
  },
  cp950: {
    iconv: 'cp950',
    override: 'c6a1=30fe c6a2=309d*2 c6a4=3005 c6a5=3041*83 c6f8=30a1*7 c740=30a8*63 c7a1=30e7*16 c7b1=414*2 c7b3=401 '
      + 'c7b4=416*7 c7bb=423*19 c7ce=451 c7cf=436*26 c7e9=2460*10 c7f3=2474*10',
    encode: '5341=a451 5345=a4ca a2=a246 a3=a247 a5=a244 2022=a145 203e=a1c2 223c=a1e3 2609=a1f3 2641=a1f2 ff64=a14e',
  },
  euc_kr: {
    iconv: 'euckr',
    region: [0xa1, 0xfe, 0xa1, 0xfe],
    exclude: 'a4d4',
    encode: '3164=a4d4',
  },
  cp949: {
    iconv: 'cp949',
  },
  shift_jis: {
    iconv: 'shiftjis',
    singles: '80=',
    exclude: '8740-875d 875f-8775 877e 8780-879c ed40-ed7e ed80-edfc ee40-ee7e ee80-eeec eeef-eefc f040-f07e f080-f0fc '
      + 'f140-f17e f180-f1fc f240-f27e f280-f2fc f340-f37e f380-f3fc f440-f47e f480-f4fc f540-f57e f580-f5fc '
      + 'f640-f67e f680-f6fc f740-f77e f780-f7fc f840-f87e f880-f8fc f940 fa40-fa7e fa80-fafc fb40-fb7e fb80-fbfc '
      + 'fc40-fc4b',
    override: '8160=301c 8161=2016 817c=2212 8191=a2*2 81ca=ac',
    encode: 'a5=5c 203e=7e',
  },
  cp932: {
    iconv: 'cp932',
    singles: 'a0=f8f0 fd=f8f1 fe=f8f2 ff=f8f3',
    override: 'f941=e69d*62 f980=e6db*125',
    encode: 'a2=8191 a3=8192 ac=81ca 2016=8161 2212=817c 301c=8160',
  },
  euc_jp: {
    iconv: 'eucjp',
    exclude: 'ada1-adbe adc0-add6 addf-adfc f9a1-f9fe faa1-fafe fba1-fbfe fca1-fcee fcf1-fcfe',
    override: 'a1c1=301c a1c2=2016 a1dd=2212 a1f1=a2*2 a2cc=ac 8fa2b7=7e',
    encode: 'a5=5c 203e=7e',
  },
};
