/**
 * `settle migrate` — applies pending schema migrations to the configured store (Postgres when
 * SETTLE_DATABASE_URL is set, else the SQLite file) and says what it did. Every Settle process
 * also migrates when it opens the store; this command lets a deployment migrate once, before
 * starting several processes (they would wait on the same advisory lock and apply nothing).
 */
import { loadConfig } from '../../config.ts';
import { isUserError } from '../../core/errors.ts';
import { migrateStores } from '../../store/open-store.ts';
import type { Command } from '../io.ts';
import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_USAGE } from '../io.ts';

const USAGE = `usage: settle migrate

Applies pending migrations to SETTLE_DATABASE_URL (Postgres) when set, else SETTLE_DB_PATH
(SQLite, default ./data/settle.db), and prints the schema version.
`;

export const migrateCommand: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  if (args.length > 0) {
    io.stderr.write(`settle migrate: unknown argument '${args[0]}'\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    const r = await migrateStores(loadConfig(io.env));
    const what = r.applied.length ? `applied ${r.applied.map((v) => `v${v}`).join(', ')}` : 'already up to date';
    io.stdout.write(`settle migrate: ${r.describe}: ${what}; schema version ${r.version}\n`);
    return EXIT_OK;
  } catch (e) {
    if (!isUserError(e)) throw e;
    io.stderr.write(`settle migrate: ${e.message}\n`);
    return EXIT_INPUT_ERROR;
  }
};
