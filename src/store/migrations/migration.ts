import { UserError } from '../../core/errors.ts';

/** The SQL dialects Settle's stores speak. */
export type Dialect = 'sqlite' | 'postgres';

/**
 * One versioned schema change, written once per dialect under ONE version number, so a SQLite
 * file and a Postgres database at version N have the same tables (test/store/schema-parity.test.ts).
 * Versions are consecutive from 1; applied ones are never edited.
 */
export interface Migration {
  version: number;
  name: string;
  sql: Record<Dialect, string>;
}

/** The version-table row's shape, the same in every dialect. */
export const SCHEMA_VERSION_TABLE = 'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)';

/** The migrations after `current`, in order; a database newer than this code is refused. */
export function pendingMigrations(current: number, migrations: readonly Migration[]): Migration[] {
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new UserError('invalid_input', `The database is at schema version ${current}, newer than this Settle knows (${latest}); upgrade Settle.`);
  }
  return migrations.filter((m) => m.version > current);
}
