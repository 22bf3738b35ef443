/**
 * Batches of messages for the per-message stage, and preparing one batch.
 * The same code runs on the main thread (one job) and in worker threads, so
 * the output cannot depend on the number of jobs.
 */
import type { RawMessage } from '../mbox/types.js';
import { prepareMessage, type PrepareEnv, type Prepared } from '../prepare.js';
import { ByteBuilder } from '../util/bytes.js';

/** Messages handed to a worker: their bytes back to back in one buffer. */
export interface Batch {
  /** The messages' bytes, concatenated. */
  bytes: Uint8Array;
  /** `[start, end)` of each message in {@link bytes}. */
  ranges: number[];
  fromLines: Array<string | null>;
}

/** What preparing a batch gives: per message a prepared form or the error it threw, and the pieces. */
export interface BatchResult {
  prepared: Array<Prepared | ThrownError>;
  /** The pieces of every prepared message, as referenced by their `pieces` ranges. */
  arena: Uint8Array;
}

/** An exception from the per-message stage, carried across threads. */
export interface ThrownError {
  kind: 'thrown';
  message: string;
  stack: string;
}

/** Pack messages into one {@link Batch} (their bytes are copied), into `spare` when it is large enough. */
export function makeBatch(messages: readonly RawMessage[], spare?: ArrayBuffer): Batch {
  let total = 0;
  for (const m of messages) total += m.bytes.length;
  // Room to spare, so that the buffer can carry later batches too.
  const bytes = spare !== undefined && spare.byteLength >= total ? new Uint8Array(spare, 0, total) : new Uint8Array(new ArrayBuffer(total + (total >> 2)), 0, total);
  const ranges: number[] = [];
  const fromLines: Array<string | null> = [];
  let o = 0;
  for (const m of messages) {
    bytes.set(m.bytes, o);
    ranges.push(o, o + m.bytes.length);
    o += m.bytes.length;
    fromLines.push(m.fromLine);
  }
  return { bytes, ranges, fromLines };
}

/**
 * An arena for the pieces of messages of `bytes` bytes in all (the pieces are about as long
 * as their messages), in `spare` when it is large enough.
 */
export function arenaFor(bytes: number, spare?: ArrayBuffer): ByteBuilder {
  return new ByteBuilder(bytes + 4096, spare);
}

/** Run the per-message stage over a batch; never throws for bad input. */
export function prepareBatch(batch: Batch, env: PrepareEnv, arena = arenaFor(batch.bytes.length)): BatchResult {
  const messages: Array<Pick<RawMessage, 'bytes' | 'fromLine'>> = [];
  for (let i = 0; i < batch.fromLines.length; i++) {
    messages.push({ bytes: batch.bytes.subarray(batch.ranges[2 * i]!, batch.ranges[2 * i + 1]!), fromLine: batch.fromLines[i]! });
  }
  return prepareMessages(messages, env, arena);
}

/** {@link prepareBatch} of messages as they are (not packed into one buffer). */
export function prepareMessages(messages: ReadonlyArray<Pick<RawMessage, 'bytes' | 'fromLine'>>, env: PrepareEnv, arena: ByteBuilder): BatchResult {
  arena.reset();
  const prepared: Array<Prepared | ThrownError> = [];
  for (const m of messages) {
    const mark = arena.pos;
    try {
      prepared.push(prepareMessage(m.bytes, m.fromLine, env, arena));
    } catch (e) {
      arena.pos = mark;
      const err = e instanceof Error ? e : new Error(String(e));
      prepared.push({ kind: 'thrown', message: err.message, stack: err.stack ?? err.message });
    }
  }
  return { prepared, arena: arena.view() };
}

/** The error a {@link ThrownError} stands for, with the worker's stack. */
export function rethrown(t: ThrownError): Error {
  const e = new Error(t.message);
  e.stack = t.stack;
  return e;
}
