/**
 * The one place a running Settle opens its stores: the case store and the training store on the
 * same database — Postgres when SETTLE_DATABASE_URL is set (it wins over SETTLE_DB_PATH), else
 * the embedded SQLite file. Everything above this file sees only the ports.
 */
import type { Store } from './store.ts';
import type { TrainingStore } from './training-store.ts';

/** Where the stores live, as the config names it. */
export interface StoreLocation {
  dbPath: string;
  databaseUrl?: string;
}

export interface OpenedStores {
  store: Store;
  training: TrainingStore;
  /** `sqlite /path/settle.db` or `postgres host:port/db` — for logs and banners (no password). */
  describe: string;
  close(): Promise<void>;
}

export interface OpenStoresOptions {
  /** How a SQLite open failure names the store and its setting (`settle train` says "training store"). */
  describe?: { what: string; setting: string };
}

/** Opens and migrates the stores at `location`. */
export async function openStores(location: StoreLocation, options: OpenStoresOptions = {}): Promise<OpenedStores> {
  if (location.databaseUrl) throw new Error('SETTLE_DATABASE_URL: the Postgres store comes in the next commit');
  const { openSqliteStore } = await import('./sqlite-store.ts');
  const store = openSqliteStore(location.dbPath, options.describe ? { describe: options.describe } : {});
  return { store, training: store.training, describe: `sqlite ${location.dbPath}`, close: () => store.close() };
}
