/**
 * `settle label CASE CATEGORY [SUBTYPE]` — a supervisor corrects (or confirms) what a stored
 * case's message is, through the same desk call as the console's `/label`: audited as
 * `category_corrected`, read by `settle export --labelled`.
 */
import { Writable } from 'node:stream';
import { createDesk } from '../../app/create-desk.ts';
import type { Actor } from '../../app/desk.ts';
import { isUserError } from '../../core/errors.ts';
import { createLogger } from '../../logger.ts';
import type { Command } from '../io.ts';
import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_USAGE } from '../io.ts';
import { parseCliArgs } from '../parse-cli-args.ts';
import { loadPlaybookArg } from '../playbook-args.ts';
import { openExistingStore } from './open-report-store.ts';

const HELP = `usage: settle label CASE CATEGORY [SUBTYPE] [--by NAME] [--db PATH]

Corrects a case's category and subtype (POLICY.md §1) as a supervisor; the correction is audited
(category_corrected) and the draft is unchanged. A subtype alone names its category
(settle label c4 price_drop); 'other' has no subtype.

  --by NAME      the supervisor, recorded as cli:NAME (default: supervisor)
  --db PATH      the case store (default: SETTLE_DATABASE_URL, else SETTLE_DB_PATH or ./data/settle.db)
  --playbook DIR store playbook folder
`;

const quiet = new Writable({ write(_c, _e, cb) { cb(); } });

/** `settle label` — docs/CONTRACT.md (addition). */
export const labelCommand: Command = async (args, io) => {
  const parsed = parseCliArgs('label', args, io, HELP, { by: { type: 'string' }, db: { type: 'string' }, playbook: { type: 'string' } }, { positionals: true });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [caseId, category, subtype, ...extra] = positionals;
  if (!caseId || !category || extra.length > 0) {
    io.stderr.write(`settle label: give a case id and a category (and a subtype)\n\n${HELP}`);
    return EXIT_USAGE;
  }
  const name = values.by ?? 'supervisor';
  if (!/^[\p{L}\p{N}_.-]{1,40}$/u.test(name)) {
    io.stderr.write('settle label: --by is one word: letters, digits, _ . -\n');
    return EXIT_USAGE;
  }
  const playbook = loadPlaybookArg('label', values.playbook, io);
  if (typeof playbook === 'number') return playbook;
  try {
    const opened = await openExistingStore(values.db, io.env);
    try {
      const desk = createDesk({ store: opened.store, playbook, clock: () => new Date(), logger: createLogger({ destination: quiet, level: 'error' }) });
      const actor: Actor = { id: `cli:${name}`, displayName: name, role: 'supervisor', platform: 'cli' };
      const l = await desk.label(caseId, actor, category, subtype);
      io.stdout.write(`${JSON.stringify({ id: l.caseId, before: l.before, after: l.after, by: actor.id })}\n`);
      return EXIT_OK;
    } finally {
      await opened.close();
    }
  } catch (e) {
    if (!isUserError(e)) throw e;
    io.stderr.write(`settle label: ${e.message}\n`);
    return EXIT_INPUT_ERROR;
  }
};
