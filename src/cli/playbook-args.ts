/**
 * The options every playbook-driven JSON Lines command takes (`settle draft`, `settle review`):
 * `--playbook DIR`, `--now ISO`, `-h`. Parsed once here, each failure a one-line usage error.
 */
import { parseArgs } from 'node:util';
import type { Playbook } from '../core/playbook/schema.ts';
import { isUserError } from '../core/errors.ts';
import { loadPlaybook } from '../playbook/load-playbook.ts';
import type { CliIO } from './io.ts';
import { EXIT_OK, EXIT_USAGE } from './io.ts';
import { playbookDirFor } from './paths.ts';

/** The playbook and the clock for lines without "now", or the exit code to return at once. */
export function parsePlaybookArgs(name: string, args: string[], io: CliIO, help: string): { playbook: Playbook; clock: Date } | number {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { help: { type: 'boolean', short: 'h' }, playbook: { type: 'string' }, now: { type: 'string' } },
      allowPositionals: false,
    }));
  } catch (e) {
    io.stderr.write(`settle ${name}: ${(e as Error).message}\n\n${help}`);
    return EXIT_USAGE;
  }
  if (values.help) {
    io.stdout.write(help);
    return EXIT_OK;
  }
  const clock = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(clock.getTime())) {
    io.stderr.write(`settle ${name}: --now '${values.now}' is not an ISO-8601 date\n`);
    return EXIT_USAGE;
  }
  try {
    return { playbook: loadPlaybook(playbookDirFor(values.playbook, io.env)), clock };
  } catch (e) {
    if (!isUserError(e)) throw e;
    io.stderr.write(`settle ${name}: ${e.message}\n`);
    return EXIT_USAGE;
  }
}
