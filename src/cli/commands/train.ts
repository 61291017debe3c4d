import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.ts';
import { UserError, isUserError } from '../../core/errors.ts';
import { CRITERIA, type CriterionId } from '../../core/training/criteria.ts';
import { buildReport } from '../../core/training/report.ts';
import type { Lang } from '../../core/types.ts';
import { LANGS } from '../../core/types.ts';
import { loadPlaybook } from '../../playbook/load-playbook.ts';
import { collectRatings, runPlaySession, runSwapSession } from '../../training/console-session.ts';
import { createLineReader } from '../../training/line-reader.ts';
import { findScenario, loadScenarios, scenarioDirOf, scenariosIn, type ScenarioLibrary } from '../../training/load-scenarios.ts';
import { renderReport } from '../../training/render-scorecard.ts';
import { openStores, type OpenedStores } from '../../store/open-store.ts';
import type { CliIO, Command } from '../io.ts';
import { EXIT_OK, EXIT_USAGE } from '../io.ts';
import { playbookDirFor } from '../paths.ts';

const HELP = `usage:
  settle train [SCENARIO] [--lang zh|en] [--trainee NAME]   role-play: Settle plays the customer
  settle train list [--lang zh|en]                          the scenarios
  settle train swap [SCENARIO] [--lang zh|en]               role swap: you are the customer, Settle the agent
  settle train rate SESSION --as NAME [--instructor] [--scores empathy=4,listening=3,…]
  settle train report [--trainee NAME] [--json]             sessions, average per criterion, trend

A session ends when you resolve the case, type /giveup, or the customer walks away; then the
scorecard (POLICY.md §8) and the policy-correct resolution are shown, the session is saved in
the case store (SETTLE_DATABASE_URL or SETTLE_DB_PATH, or the SQLite file --db) and you rate yourself 1–5 per criterion.

  --playbook DIR   store playbook folder     --scenarios DIR   scenario folder (default: its scenarios/)
  --db PATH        SQLite file               --trainee NAME    who is training (default: $USER)
  --scripted       the scripted customer even when an LLM is configured (OPENAI_API_KEY)
Criteria: ${CRITERIA.join(', ')}
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  lang: { type: 'string' },
  trainee: { type: 'string' },
  as: { type: 'string' },
  instructor: { type: 'boolean' },
  scores: { type: 'string' },
  json: { type: 'boolean' },
  scripted: { type: 'boolean' },
  db: { type: 'string' },
  playbook: { type: 'string' },
  scenarios: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function parseScores(raw: string): Partial<Record<CriterionId, number>> {
  const out: Partial<Record<CriterionId, number>> = {};
  for (const part of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [k, v] = part.split('=').map((s) => s.trim());
    if (!k || !(CRITERIA as readonly string[]).includes(k)) throw new UserError('usage', `unknown criterion '${k ?? ''}'; known: ${CRITERIA.join(', ')}`);
    if (!v || !/^[1-5]$/.test(v)) throw new UserError('usage', `${k}: a rating is 1–5, not '${v ?? ''}'`);
    out[k as CriterionId] = Number(v);
  }
  return out;
}

/** The training store: `--db` names a SQLite file; else the config's store (SETTLE_DATABASE_URL, then SETTLE_DB_PATH). */
function openTraining(values: Values, io: CliIO): Promise<OpenedStores> {
  const config = loadConfig(io.env);
  return openStores(values.db ? { dbPath: values.db } : config, { describe: { what: 'training store', setting: '--db or SETTLE_DB_PATH' } });
}

async function chooseScenario(library: ScenarioLibrary, id: string | undefined, lang: Lang | undefined, io: CliIO, reader: ReturnType<typeof createLineReader>) {
  if (id) return findScenario(library, id);
  const list = scenariosIn(library, lang);
  io.stdout.write('Scenarios:\n');
  list.forEach((s, i) => io.stdout.write(`  ${String(i + 1).padStart(2)}. ${s.id.padEnd(22)} ${s.lang}  ${s.category}/${s.subtype}  ${s.title}\n`));
  for (;;) {
    const answer = (await reader.ask('Pick a scenario (number or id): '))?.trim();
    if (answer === undefined) throw new UserError('usage', 'no scenario chosen');
    const byNumber = /^\d+$/.test(answer) ? list[Number(answer) - 1] : undefined;
    const chosen = byNumber ?? list.find((s) => s.id === answer);
    if (chosen) return chosen;
    io.stdout.write(`  '${answer}' is not in the list\n`);
  }
}

/** `settle train` — role-play, swap, ratings and the supervisor report (issue 6). */
export const trainCommand: Command = async (args, io) => {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true }));
  } catch (e) {
    io.stderr.write(`settle train: ${(e as Error).message}\n\n${HELP}`);
    return EXIT_USAGE;
  }
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  const lang = values.lang as Lang | undefined;
  if (lang !== undefined && !(LANGS as readonly string[]).includes(lang)) {
    io.stderr.write(`settle train: --lang must be zh or en\n`);
    return EXIT_USAGE;
  }
  const [sub, ...rest] = positionals;
  const reader = createLineReader(io.stdin, io.stdout);
  try {
    if (sub === 'list') {
      const library = loadScenarios(values.scenarios ?? scenarioDirOf(playbookDirFor(values.playbook, io.env)));
      for (const s of scenariosIn(library, lang)) io.stdout.write(`${s.id.padEnd(22)} ${s.lang}  ${`${s.category}/${s.subtype}`.padEnd(28)} ${s.title}\n`);
      return EXIT_OK;
    }
    if (sub === 'report') {
      const stores = await openTraining(values, io);
      const store = stores.training;
      try {
        const reports = buildReport(await store.sessions(values.trainee), await store.ratings());
        io.stdout.write(values.json ? `${JSON.stringify(reports, null, 2)}\n` : renderReport(reports));
      } finally {
        await stores.close();
      }
      return EXIT_OK;
    }
    if (sub === 'rate') {
      const sessionId = rest[0];
      if (!sessionId || !values.as) throw new UserError('usage', 'usage: settle train rate SESSION --as NAME');
      const stores = await openTraining(values, io);
      const store = stores.training;
      try {
        const saved = await store.getSession(sessionId);
        const kind = values.instructor ? 'instructor' : values.as === saved.trainee ? 'self' : 'peer';
        if (values.scores) {
          const scores = parseScores(values.scores);
          await store.rate(sessionId, values.as, kind, scores, new Date());
          io.stdout.write(`${Object.keys(scores).length} rating(s) saved for ${sessionId} by ${values.as} (${kind}).\n`);
        } else {
          if (saved.scorecard) io.stdout.write(`Session ${sessionId}: ${saved.trainee}, ${saved.scenarioId ?? 'no scenario'}, score ${saved.scorecard.total}/100\n`);
          await collectRatings(sessionId, values.as, kind, { reader, out: io.stdout, store, clock: () => new Date() });
        }
      } finally {
        await stores.close();
      }
      return EXIT_OK;
    }
    const playbook = loadPlaybook(playbookDirFor(values.playbook, io.env));
    const library = loadScenarios(values.scenarios ?? scenarioDirOf(playbookDirFor(values.playbook, io.env)));
    const trainee = values.trainee ?? io.env.USER ?? 'trainee';
    const stores = await openTraining(values, io);
    const store = stores.training;
    // The LLM persona speaks when one is configured (and --scripted is not given); offline, the script.
    const llm = values.scripted ? null : (await import('../../llm/create-llm.ts')).createLlm(loadConfig(io.env).llm);
    if (llm) io.stdout.write(`Customer voice: ${llm.model} (the script decides; the model phrases it)\n`);
    const deps = { reader, out: io.stdout, store, playbook, clock: () => new Date(), library, ...(llm ? { voice: llm.voice } : {}) };
    try {
      if (sub === 'swap') {
        const scenario = rest[0] ? findScenario(library, rest[0]) : null;
        await runSwapSession(scenario, lang ?? scenario?.lang ?? 'zh', trainee, deps);
      } else {
        const scenario = await chooseScenario(library, sub, lang, io, reader);
        await runPlaySession(scenario, trainee, deps);
      }
    } finally {
      await stores.close();
    }
    return EXIT_OK;
  } catch (e) {
    if (!isUserError(e)) throw e;
    io.stderr.write(`settle train: ${e.message}\n`);
    // Everything train reads comes from its command line or its config: a bad value is a usage error.
    return EXIT_USAGE;
  } finally {
    reader.close();
  }
};
