import { parseCaseLine } from '../../core/contract/parse-case.ts';
import { draftCase } from '../../core/settle-case.ts';
import type { Command } from '../io.ts';
import { EXIT_INPUT_ERROR, EXIT_OK } from '../io.ts';
import { parsePlaybookArgs } from '../playbook-args.ts';
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
  const parsed = parsePlaybookArgs('draft', args, io, HELP);
  if (typeof parsed === 'number') return parsed;
  const { playbook, clock } = parsed;
  const stats = await runJsonl(io.stdin, io.stdout, (value) => {
    const { value: c, warnings } = parseCaseLine(value, clock);
    const draft = draftCase(c, playbook);
    return { ...draft, ...(warnings.length ? { warnings } : {}) };
  }, (e, id) => io.stderr.write(`settle draft: case ${String(id)} crashed: ${(e as Error)?.stack ?? String(e)}\n`));
  return stats.failed > 0 ? EXIT_INPUT_ERROR : EXIT_OK;
};
