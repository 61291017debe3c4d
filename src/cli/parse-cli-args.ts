/**
 * The start every `settle` command shares: its options parsed (with `-h`), a parse failure one
 * usage line naming the command followed by its help, `-h` the help. Commands then check their
 * own values.
 */
import { parseArgs } from 'node:util';
import type { CliIO } from './io.ts';
import { EXIT_OK, EXIT_USAGE } from './io.ts';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;
export type ValuesOf<O extends OptionSpec> = { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };

/** The options and positionals, or the exit code to return at once (help shown, or a usage error). */
export function parseCliArgs<O extends OptionSpec>(
  name: string, args: string[], io: CliIO, help: string, options: O, opts: { positionals?: boolean } = {},
): { values: ValuesOf<O>; positionals: string[] } | number {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args, strict: true, allowPositionals: opts.positionals ?? false, options: { help: { type: 'boolean', short: 'h' }, ...options } }) as typeof parsed;
  } catch (e) {
    io.stderr.write(`settle ${name}: ${(e as Error).message}\n\n${help}`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    io.stdout.write(help);
    return EXIT_OK;
  }
  return { values: parsed.values as ValuesOf<O>, positionals: parsed.positionals };
}
