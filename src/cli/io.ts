import type { Readable, Writable } from 'node:stream';

/** The streams and environment a command runs with: real ones from bin/settle.js, in-memory ones in tests. */
export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** True when stdout/stderr is a terminal (colour, progress bars). */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

/** A subcommand: returns the process exit code (0 ok, 1 some input failed, 2 usage error). */
export type Command = (args: string[], io: CliIO) => Promise<number>;

export const EXIT_OK = 0;
export const EXIT_INPUT_ERROR = 1;
export const EXIT_USAGE = 2;
