/**
 * Opens the case store for a read-only command (`settle report`) through the one store entrance
 * (src/store/open-store.ts): `--db PATH` names a SQLite file, else the config's store
 * (SETTLE_DATABASE_URL, then SETTLE_DB_PATH). A SQLite file that does not exist is a one-line
 * error, never a new store.
 */
import { existsSync } from 'node:fs';
import { loadConfig } from '../../config.ts';
import { UserError } from '../../core/errors.ts';
import { openStores, type OpenedStores, type StoreLocation } from '../../store/open-store.ts';

export async function openExistingStore(flag: string | undefined, env: NodeJS.ProcessEnv): Promise<OpenedStores> {
  const config = loadConfig(env);
  const location: StoreLocation = flag ? { dbPath: flag, ...(config.auditKey ? { auditKey: config.auditKey } : {}) } : config;
  if (!location.databaseUrl && !existsSync(location.dbPath)) {
    throw new UserError('not_found', `no case store at ${location.dbPath} (give --db PATH or set SETTLE_DB_PATH)`);
  }
  return openStores(location);
}
