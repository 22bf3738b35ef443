/**
 * A header as Python's compat32 parser hands it over.
 *
 * `value` is a binary string (one char per byte, latin-1 view) holding the raw
 * value: text after the first `:` with leading spaces/tabs removed, continuation
 * lines kept verbatim with their line breaks, trailing CR/LF removed (spec 1.2).
 */
export interface RawHeader {
  /** Field name, verbatim (case kept, not trimmed). */
  readonly name: string;
  /** Raw value as a binary string (each char code is one byte, 0–255). */
  readonly value: string;
  /** True if the header (name line or any continuation) holds a byte >= 0x80: Python's `unknown-8bit` Header. */
  readonly eightBit: boolean;
}
