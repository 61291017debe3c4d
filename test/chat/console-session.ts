/**
 * A console kept open on piped lines, for the front-end tables (test/chat/*.test.ts): each step
 * types lines and reads what they printed; `/whoami` after a step marks where its output ends.
 */
import { PassThrough, Writable } from 'node:stream';
import { runConsole, type ConsoleOptions } from '../../src/adapters/console/run-console.ts';
import { waitFor } from '../adapters/slack/slack-harness.ts';

export interface ConsoleSession {
  /** Types `lines` and resolves with what they printed. */
  type(...lines: string[]): Promise<string>;
  /** Everything printed so far. */
  output(): string;
  /** Ends the input and waits for the console to finish. */
  end(): Promise<void>;
}

export function startConsoleSession(options: Omit<ConsoleOptions, 'input' | 'output' | 'interactive' | 'color'>): ConsoleSession {
  const input = new PassThrough();
  let out = '';
  const output = new Writable({ write(c, _e, cb) { out += String(c); cb(); } });
  const done = runConsole({ ...options, input, output, interactive: false, color: false });
  let marks = 0;
  return {
    async type(...lines) {
      const from = out.length;
      input.write([...lines, '/whoami'].map((l) => `${l}\n`).join(''));
      marks++;
      await waitFor(() => (out.match(/^You are /gm)?.length ?? 0) >= marks || undefined, `the output of ${lines.join(' · ')}`);
      return out.slice(from);
    },
    output: () => out,
    async end() {
      input.end();
      await done;
    },
  };
}
