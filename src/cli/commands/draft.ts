import { parseArgs } from 'node:util';
import { parseCaseLine } from '../../core/contract/parse-case.ts';
import { isUserError } from '../../core/errors.ts';
import { draftCase } from '../../core/settle-case.ts';
import { loadPlaybook } from '../../playbook/load-playbook.ts';
import type { Command } from '../io.ts';
import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_USAGE } from '../io.ts';
import { playbookDirFor } from '../paths.ts';
import { runJsonl } from '../run-jsonl.ts';

const HELP = `usage: settle draft [--playbook DIR] [--now ISO-8601] < cases.jsonl

Reads one case per line (CONTRACT.md: {"id", "message", "lang"?, "now"?, "order"?, "customer"?, "facts"?},
money in major units) and writes one draft per line: category, subtype, confidence, rules, offers
(amountMinor in minor units), shipping, approval, escalate, reply, checklist, questions.

  --playbook DIR   store playbook folder (default: SETTLE_PLAYBOOK_DIR or the bundled playbooks/)
  --now ISO        the clock for lines without "now" (default: the current time)
`;

/** `settle draft` — CONTRACT.md. */
export const draftCommand: Command = async (args, io) => {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { help: { type: 'boolean', short: 'h' }, playbook: { type: 'string' }, now: { type: 'string' } },
      allowPositionals: false,
    }));
  } catch (e) {
    io.stderr.write(`settle draft: ${(e as Error).message}\n\n${HELP}`);
    return EXIT_USAGE;
  }
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  const clock = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(clock.getTime())) {
    io.stderr.write(`settle draft: --now '${values.now}' is not an ISO-8601 date\n`);
    return EXIT_USAGE;
  }
  let playbook;
  try {
    playbook = loadPlaybook(playbookDirFor(values.playbook, io.env));
  } catch (e) {
    if (!isUserError(e)) throw e;
    io.stderr.write(`settle draft: ${e.message}\n`);
    return EXIT_USAGE;
  }
  const stats = await runJsonl(io.stdin, io.stdout, (value) => {
    const { value: c, warnings } = parseCaseLine(value, clock);
    const draft = draftCase(c, playbook);
    return { ...draft, ...(warnings.length ? { warnings } : {}) };
  }, (e, id) => io.stderr.write(`settle draft: case ${String(id)} crashed: ${(e as Error)?.stack ?? String(e)}\n`));
  return stats.failed > 0 ? EXIT_INPUT_ERROR : EXIT_OK;
};
