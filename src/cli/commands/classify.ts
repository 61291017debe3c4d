import { parseArgs } from 'node:util';
import { classify } from '../../core/classify/classify.ts';
import { parseClassifyLine } from '../../core/contract/parse-case.ts';
import type { Command } from '../io.ts';
import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_USAGE } from '../io.ts';
import { runJsonl } from '../run-jsonl.ts';

const HELP = `usage: settle classify < messages.jsonl

Reads JSON Lines {"id", "text", "lang"?, "customer"?} and writes one classification per line:
{"id", "category", "subtype", "confidence", "secondary", "signals", "lang"}.
A bad line answers {"id"?, "error": {"code", "message"}}; exit code 1 if any line failed.
`;

/** `settle classify` — CONTRACT.md. */
export const classifyCommand: Command = async (args, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: false });
  } catch (e) {
    io.stderr.write(`settle classify: ${(e as Error).message}\n\n${HELP}`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  const stats = await runJsonl(io.stdin, io.stdout, (value) => {
    const { value: input, warnings } = parseClassifyLine(value);
    const c = classify(input);
    return { id: input.id, ...c, ...(warnings.length ? { warnings } : {}) };
  }, (e, id) => io.stderr.write(`settle classify: line ${String(id)} crashed: ${(e as Error)?.stack ?? String(e)}\n`));
  return stats.failed > 0 ? EXIT_INPUT_ERROR : EXIT_OK;
};
