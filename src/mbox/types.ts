/** One message as the mbox reader delimits it. */
export interface RawMessage {
  /** Zero-based index of the message in this input (the pipeline renumbers across inputs). */
  index: number;
  /** Byte offset of the first byte of the message's From_ line in the (decompressed) input. */
  offset: number;
  /** Byte offset of the first byte of the next message's From_ line, or of the end of input (half-open). */
  end: number;
  /** The envelope (From_) line without its line ending, or `null` when there is none (eml). */
  fromLine: string | null;
  /** The message as the MIME parser must see it: envelope removed, dialect unescaping applied. */
  bytes: Uint8Array;
}

/** Input dialects. */
export type MboxFormat = 'auto' | 'mboxo' | 'mboxrd' | 'mboxcl2' | 'mboxcl' | 'eml';
export type FromRule = 'bare' | 'strict';
