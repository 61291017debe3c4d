import { z } from 'zod';
import { describeZodError, parseCaseLine } from '../../core/contract/parse-case.ts';
import { UserError, isUserError } from '../../core/errors.ts';
import { scoreTranscript } from '../../core/training/score-transcript.ts';
import { LANGS } from '../../core/types.ts';
import { loadPlaybook } from '../../playbook/load-playbook.ts';
import { findScenario, loadScenarios, scenarioDirOf } from '../../training/load-scenarios.ts';
import type { Command } from '../io.ts';
import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_USAGE } from '../io.ts';
import { playbookDirFor } from '../paths.ts';
import { parseCommandArgs } from '../playbook-args.ts';
import { runJsonl } from '../run-jsonl.ts';

const HELP = `usage: settle score [--playbook DIR] [--scenarios DIR] [--now ISO-8601] < transcripts.jsonl

Scores role-play transcripts (CONTRACT.md): one per line,
  {"id", "scenario"?, "lang"?, "case"?, "public"?, "turns": [{"role": "customer"|"agent", "text", "at"?}]}
and writes one scorecard per line: {"id", "total" 0..100, "criteria": [{"id", "score" 1..5, "evidence"}],
"violations": [{"rule", "quote"}], "replyTimes", "revealed", "policy"}.
Criteria (POLICY.md §8): empathy, listening, analysis, solution, commitment, taboo, compliance, privacy, timeliness.
Without "scenario" the transcript is scored against the core's draft of what the customer said,
or of "case" (a \`settle draft\` input: order, facts, customer) when given. "public": true judges the
replies as public ones (T-6: no personal data at all).

  --playbook DIR    store playbook folder (default: SETTLE_PLAYBOOK_DIR or the bundled playbooks/)
  --scenarios DIR   scenario folder (default: scenarios/ in the playbook folder, else the bundled ones)
  --now ISO         the clock for transcripts without a scenario or timestamps (default: now)
`;

const lineSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  scenario: z.string().optional(),
  lang: z.enum(LANGS).optional(),
  case: z.record(z.string(), z.unknown()).optional(),
  public: z.boolean().optional(),
  turns: z.array(z.looseObject({
    role: z.enum(['customer', 'agent']),
    text: z.string().max(20_000),
    at: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO-8601 date').optional(),
  })).min(1, 'a transcript needs at least one turn'),
});

/** `settle score` — CONTRACT.md: a transcript in, a scorecard out. */
export const scoreCommand: Command = async (args, io) => {
  const parsed = parseCommandArgs('score', args, io, HELP, { scenarios: { type: 'string' } });
  if (typeof parsed === 'number') return parsed;
  const { values, now } = parsed;
  let playbook;
  let library;
  try {
    playbook = loadPlaybook(playbookDirFor(values.playbook, io.env));
    library = loadScenarios(values.scenarios ?? scenarioDirOf(playbookDirFor(values.playbook, io.env)));
  } catch (e) {
    if (!isUserError(e)) throw e;
    io.stderr.write(`settle score: ${e.message}\n`);
    return EXIT_USAGE;
  }
  const stats = await runJsonl(io.stdin, io.stdout, (value) => {
    const r = lineSchema.safeParse(value);
    if (!r.success) throw new UserError('invalid_input', describeZodError(r.error));
    const line = r.data;
    const scenario = line.scenario ? findScenario(library, line.scenario) : null;
    const turns = line.turns.map((t) => ({ role: t.role, text: t.text, ...(t.at ? { at: t.at } : {}) }));
    const customerWords = turns.filter((t) => t.role === 'customer').map((t) => t.text).join('\n');
    const caseInput = line.case ? parseCaseLine({ id: line.id, message: customerWords, ...(line.lang ? { lang: line.lang } : {}), ...line.case }, now).value : undefined;
    const card = scoreTranscript(scenario, turns, playbook, {
      replySeconds: library.settings.replySeconds, now, lang: line.lang, ...(caseInput ? { caseInput } : {}), ...(line.public !== undefined ? { public: line.public } : {}),
    });
    return {
      id: line.id, total: card.total, criteria: card.criteria, violations: card.violations,
      scenario: card.scenario, replyTimes: card.replyTimes, revealed: card.revealed, policy: card.policy,
    };
  }, (e, id) => io.stderr.write(`settle score: transcript ${String(id)} crashed: ${(e as Error)?.stack ?? String(e)}\n`));
  return stats.failed > 0 ? EXIT_INPUT_ERROR : EXIT_OK;
};
