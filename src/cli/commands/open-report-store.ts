/**
 * Opens the case store for a read-only command (`settle report`, `settle export`): the path is
 * `--db` or SETTLE_DB_PATH; a file that does not exist is a one-line error, never a new store.
 */
import { existsSync } from 'node:fs';
import { loadConfig } from '../../config.ts';
import { UserError } from '../../core/errors.ts';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite-store.ts';

export function openExistingStore(flag: string | undefined, env: NodeJS.ProcessEnv): { store: SqliteStore; path: string } {
  const path = flag ?? loadConfig(env).dbPath;
  if (!existsSync(path)) throw new UserError('not_found', `no case store at ${path} (give --db PATH or set SETTLE_DB_PATH)`);
  return { store: openSqliteStore(path, { backgroundCheckpoint: false }), path };
}
