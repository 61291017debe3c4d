/**
 * The options the playbook-driven commands share (`settle draft`, `review`, `score`, `report`):
 * `-h`, `--playbook DIR`, `--now ISO`, plus each command's own. Parsed once here, each failure a
 * one-line usage error naming the command.
 */
import type { Playbook } from '../core/playbook/schema.ts';
import { isUserError } from '../core/errors.ts';
import { loadPlaybook } from '../playbook/load-playbook.ts';
import type { CliIO } from './io.ts';
import { EXIT_USAGE } from './io.ts';
import { parseCliArgs, type OptionSpec, type ValuesOf as OptionValues } from './parse-cli-args.ts';
import { playbookDirFor } from './paths.ts';

type ValuesOf<E extends OptionSpec> = OptionValues<E> & { playbook?: string };

/** The parsed options and the clock for lines without "now", or the exit code to return at once. */
export function parseCommandArgs<E extends OptionSpec>(name: string, args: string[], io: CliIO, help: string, extra: E): { values: ValuesOf<E>; now: Date } | number {
  const parsed = parseCliArgs(name, args, io, help, { playbook: { type: 'string' }, now: { type: 'string' }, ...extra });
  if (typeof parsed === 'number') return parsed;
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const raw = values.now as string | undefined;
  const now = raw ? new Date(raw) : new Date();
  if (Number.isNaN(now.getTime())) {
    io.stderr.write(`settle ${name}: --now '${raw}' is not an ISO-8601 date\n`);
    return EXIT_USAGE;
  }
  return { values: values as ValuesOf<E>, now };
}

/** `--playbook`'s folder loaded, or the exit code (a bad playbook is one line, exit 2). */
export function loadPlaybookArg(name: string, dir: string | undefined, io: CliIO): Playbook | number {
  try {
    return loadPlaybook(playbookDirFor(dir, io.env));
  } catch (e) {
    if (!isUserError(e)) throw e;
    io.stderr.write(`settle ${name}: ${e.message}\n`);
    return EXIT_USAGE;
  }
}

/** For commands with no options of their own: the playbook and the clock, or the exit code. */
export function parsePlaybookArgs(name: string, args: string[], io: CliIO, help: string): { playbook: Playbook; clock: Date } | number {
  const parsed = parseCommandArgs(name, args, io, help, {});
  if (typeof parsed === 'number') return parsed;
  const playbook = loadPlaybookArg(name, parsed.values.playbook, io);
  return typeof playbook === 'number' ? playbook : { playbook, clock: parsed.now };
}
