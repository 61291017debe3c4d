/**
 * Applies pending migrations at start, inside one IMMEDIATE transaction, so two processes
 * starting on a fresh file cannot both apply version 1. A file written by a newer Settle is
 * refused rather than guessed at.
 */
import type Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.ts';
import { pendingMigrations, SCHEMA_VERSION_TABLE, type Migration } from './migrations/migration.ts';

/** Returns the versions applied by this call (empty when the file was up to date). */
/**
 * `afterApply` runs inside the same transaction with the versions just applied (the store adopts
 * rows that predate the audit ledger there, so no other process writes in between).
 */
export function migrateSqlite(
  db: Database.Database, migrations: readonly Migration[] = MIGRATIONS, now = () => new Date(), afterApply?: (applied: number[]) => void,
): number[] {
  db.exec(SCHEMA_VERSION_TABLE);
  const run = db.transaction(() => {
    const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
    const applied: number[] = [];
    for (const m of pendingMigrations(row.v ?? 0, migrations)) {
      db.exec(m.sql.sqlite);
      db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, now().toISOString());
      applied.push(m.version);
    }
    if (applied.length) afterApply?.(applied);
    return applied;
  });
  return run.immediate();
}

/** The highest applied schema version (0 for an empty file). */
export function schemaVersion(db: Database.Database): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null } | undefined;
  return row?.v ?? 0;
}
