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
  /** SETTLE_AUDIT_KEY (docs/audit.md). */
  auditKey?: string;
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
  if (location.databaseUrl) {
    // Loaded only when configured: an embedded install never loads the Postgres driver.
    const { openPostgresStore } = await import('./postgres-store.ts');
    const store = await openPostgresStore(location.databaseUrl, keyOf(location));
    return { store, training: store.training, describe: `postgres ${store.describe}`, close: () => store.close() };
  }
  const { openSqliteStore } = await import('./sqlite-store.ts');
  const store = openSqliteStore(location.dbPath, { ...keyOf(location), ...(options.describe ? { describe: options.describe } : {}) });
  return { store, training: store.training, describe: `sqlite ${location.dbPath}`, close: () => store.close() };
}

export interface MigrationReport {
  describe: string;
  /** Versions this run applied (empty: already up to date). */
  applied: number[];
  version: number;
}

/** Applies pending migrations to the store at `location` without opening a desk (`settle migrate`). */
export async function migrateStores(location: StoreLocation): Promise<MigrationReport> {
  if (location.databaseUrl) {
    const { openPostgresStore } = await import('./postgres-store.ts');
    const { postgresSchemaVersion } = await import('./migrate-postgres.ts');
    const store = await openPostgresStore(location.databaseUrl, keyOf(location));
    try {
      // Opening migrated, under the advisory lock; what it applied is this run's report.
      return { describe: `postgres ${store.describe}`, applied: store.appliedAtOpen, version: await postgresSchemaVersion(store.pool) };
    } finally {
      await store.close();
    }
  }
  const { openSqliteStore } = await import('./sqlite-store.ts');
  const { schemaVersion } = await import('./migrate-sqlite.ts');
  const store = openSqliteStore(location.dbPath, { ...keyOf(location), backgroundCheckpoint: false });
  try {
    return { describe: `sqlite ${location.dbPath}`, applied: store.appliedAtOpen, version: schemaVersion(store.db) };
  } finally {
    await store.close();
  }
}

const keyOf = (location: StoreLocation): { auditKey?: string } => (location.auditKey ? { auditKey: location.auditKey } : {});
