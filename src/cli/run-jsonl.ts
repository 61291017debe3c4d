/**
 * JSON Lines in, JSON Lines out, one answer per input line in input order (CONTRACT.md).
 * A line that is not JSON or fails its schema answers `{id?, error:{code,message}}` and the run
 * goes on; the caller turns `failed > 0` into exit code 1.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { isUserError, UserError } from '../core/errors.ts';

export interface JsonlStats {
  lines: number;
  failed: number;
}

/** Handles one parsed line; throw UserError for a bad line, anything else is a crash of that line. */
export type LineHandler = (value: unknown) => object;

function readableId(value: unknown): string | number | undefined {
  if (value && typeof value === 'object' && 'id' in value) {
    const id = (value as { id: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return id;
  }
  return undefined;
}

/** Streams `input` line by line through `handle`, writing one JSON answer per non-blank line. */
export async function runJsonl(input: Readable, output: Writable, handle: LineHandler, onCrash?: (e: unknown, id: unknown) => void): Promise<JsonlStats> {
  const stats: JsonlStats = { lines: 0, failed: 0 };
  const rl = createInterface({ input, crlfDelay: Infinity });
  for await (const raw of rl) {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (!line) continue;
    stats.lines++;
    let value: unknown;
    let answer: object;
    try {
      value = JSON.parse(line);
    } catch (e) {
      stats.failed++;
      const detail = e instanceof Error ? e.message : String(e);
      answer = { error: { code: 'invalid_json', message: `line ${stats.lines} is not valid JSON: ${detail}` } };
      await write(output, answer);
      continue;
    }
    const id = readableId(value);
    try {
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        throw new UserError('invalid_input', 'each line must be a JSON object');
      }
      answer = handle(value);
    } catch (e) {
      stats.failed++;
      if (isUserError(e)) {
        answer = { id, error: { code: e.code, message: e.message } };
      } else {
        onCrash?.(e, id);
        answer = { id, error: { code: 'internal', message: 'Settle could not process this line; the error was logged.' } };
      }
    }
    await write(output, answer);
  }
  return stats;
}

function write(output: Writable, answer: object): Promise<void> {
  const text = `${JSON.stringify(answer)}\n`;
  return new Promise((resolve, reject) => {
    if (output.write(text)) resolve();
    else output.once('drain', resolve).once('error', reject);
  });
}
