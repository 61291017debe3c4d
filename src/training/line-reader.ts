/**
 * Prompted line input that works on a terminal and on piped stdin alike: lines that arrive
 * before a prompt is shown are queued, never lost, and end of input answers `undefined`.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export interface LineReader {
  /** Writes `prompt` and resolves with the next line, or undefined at end of input. */
  ask(prompt: string): Promise<string | undefined>;
  close(): void;
}

export function createLineReader(input: Readable, output: Writable): LineReader {
  // Piped input is not echoed by a terminal: echo it, so the output reads as a transcript.
  const echo = !(input as Readable & { isTTY?: boolean }).isTTY;
  const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  let done = false;
  return {
    async ask(prompt) {
      if (done) return undefined;
      output.write(prompt);
      const next = await lines.next();
      if (next.done) {
        done = true;
        output.write('\n');
        return undefined;
      }
      if (echo) output.write(`${next.value}\n`);
      return next.value;
    },
    close() {
      done = true;
      rl.close();
    },
  };
}
