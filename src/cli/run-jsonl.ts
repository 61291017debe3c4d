/**
 * JSON Lines in, JSON Lines out, one answer per input line in input order (CONTRACT.md).
 * A line that is not JSON or fails its schema answers `{id?, error:{code,message}}` and the run
 * goes on; the caller turns `failed > 0` into exit code 1.
 *
 * Lines end at `\n` only (`\r\n` is one ending; a lone `\r` stays inside its line, where JSON
 * reads it as white space). A line over `maxLineBytes` is answered `line_too_long` without being
 * held in memory; a blank line is answered `empty_line`. A reader that goes away (`| head -1`,
 * EPIPE) ends the run quietly.
 */
import type { Readable, Writable } from 'node:stream';
import { isUserError, UserError } from '../core/errors.ts';

export interface JsonlStats {
  lines: number;
  failed: number;
  /** True when the output closed before every line was answered (the reader went away). */
  outputClosed?: boolean;
}

/** Handles one parsed line; throw UserError for a bad line, anything else is a crash of that line. */
export type LineHandler = (value: unknown) => object;

/** 1 MiB: far above the contract's 20 000-character message, far below what hurts the process. */
export const MAX_LINE_BYTES = 1024 * 1024;

type RawLine = { text: string } | { tooLong: number };

/**
 * Splits a byte stream into lines on `\n`, dropping one `\r` before it. A line longer than
 * `maxBytes` is skipped to its end and reported by its size; its bytes are never kept.
 */
export async function* readLines(input: Readable, maxBytes = MAX_LINE_BYTES): AsyncGenerator<RawLine> {
  const decoder = new TextDecoder('utf-8');
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = 0; // > 0 while inside an over-long line: bytes seen so far
  const finish = (): RawLine => {
    if (skipping > 0) {
      const r = { tooLong: skipping };
      skipping = 0;
      return r;
    }
    let text = decoder.decode(Buffer.concat(parts, size));
    if (text.endsWith('\r')) text = text.slice(0, -1);
    parts = [];
    size = 0;
    return { text };
  };
  for await (const chunk of input) {
    let buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    while (buf.length > 0) {
      const nl = buf.indexOf(0x0a);
      const piece = nl >= 0 ? buf.subarray(0, nl) : buf;
      if (skipping > 0) skipping += piece.length;
      else if (size + piece.length > maxBytes) {
        skipping = size + piece.length;
        parts = [];
        size = 0;
      } else {
        parts.push(piece);
        size += piece.length;
      }
      if (nl < 0) break;
      yield finish();
      buf = buf.subarray(nl + 1);
    }
  }
  if (size > 0 || skipping > 0) yield finish();
}

function readableId(value: unknown): string | number | undefined {
  if (value && typeof value === 'object' && 'id' in value) {
    const id = (value as { id: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return id;
  }
  return undefined;
}

/** One answer for one raw line; `failed` says whether it is an error answer. */
function answerLine(raw: RawLine, n: number, handle: LineHandler, onCrash?: (e: unknown, id: unknown) => void): { answer: object; failed: boolean } {
  if ('tooLong' in raw) {
    return { failed: true, answer: { error: { code: 'line_too_long', message: `line ${n} is ${raw.tooLong} bytes; a line may hold at most ${MAX_LINE_BYTES} bytes (1 MiB)` } } };
  }
  const line = raw.text.replace(/^\uFEFF/, '').trim();
  if (!line) return { failed: true, answer: { error: { code: 'empty_line', message: `line ${n} is blank; each line must be one JSON object` } } };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { failed: true, answer: { error: { code: 'invalid_json', message: `line ${n} is not valid JSON: ${detail}` } } };
  }
  const id = readableId(value);
  try {
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw new UserError('invalid_input', 'each line must be a JSON object');
    }
    return { failed: false, answer: handle(value) };
  } catch (e) {
    if (isUserError(e)) return { failed: true, answer: { id, error: { code: e.code, message: e.message } } };
    onCrash?.(e, id);
    return { failed: true, answer: { id, error: { code: 'internal', message: 'Settle could not process this line; the error was logged.' } } };
  }
}

/** Streams `input` line by line through `handle`, writing one JSON answer per line. */
export async function runJsonl(input: Readable, output: Writable, handle: LineHandler, onCrash?: (e: unknown, id: unknown) => void, maxLineBytes = MAX_LINE_BYTES): Promise<JsonlStats> {
  const stats: JsonlStats = { lines: 0, failed: 0 };
  // One listener for the whole run (not one per write): EPIPE and friends end the run quietly.
  let closed = false;
  const onError = () => {
    closed = true;
  };
  output.on('error', onError);
  try {
    for await (const raw of readLines(input, maxLineBytes)) {
      if (closed) break;
      stats.lines++;
      const { answer, failed } = answerLine(raw, stats.lines, handle, onCrash);
      if (failed) stats.failed++;
      if (!(await write(output, answer, () => closed))) {
        closed = true;
        break;
      }
    }
  } finally {
    // Leave the listener a moment longer than the run: a late EPIPE must not crash the process.
    if (!closed) output.off('error', onError);
  }
  if (closed) stats.outputClosed = true;
  return stats;
}

/** Writes one answer, waiting for `drain` when the reader is slow; false when the output closed. */
function write(output: Writable, answer: object, isClosed: () => boolean): Promise<boolean> {
  if (isClosed() || output.destroyed || output.writableEnded) return Promise.resolve(false);
  if (output.write(`${JSON.stringify(answer)}\n`)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = () => {
      output.off('drain', done);
      output.off('close', done);
      output.off('error', done);
      resolve(!isClosed() && !output.destroyed);
    };
    output.on('drain', done);
    output.on('close', done);
    output.on('error', done);
  });
}
