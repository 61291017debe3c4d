/**
 * Applies pending migrations to a Postgres database in ONE transaction under a transaction-level
 * advisory lock, so N Settle processes starting at once migrate once: the first takes the lock
 * and applies; the others wait on it, then find the versions applied and apply nothing. Postgres
 * DDL is transactional, so a failed migration leaves the database at the version before it.
 */
import type pg from 'pg';
import { MIGRATIONS } from './migrations/index.ts';
import { pendingMigrations, SCHEMA_VERSION_TABLE, type Migration } from './migrations/migration.ts';

/** The advisory lock key of Settle's migrations (any constant; it names nothing else). */
export const MIGRATION_LOCK_KEY = 0x5e771e;

/** Returns the versions applied by this call (empty when the database was up to date). */
/** `afterApply` runs in the same transaction, under the lock, with the versions just applied. */
export async function migratePostgres(
  pool: pg.Pool, migrations: readonly Migration[] = MIGRATIONS, now = () => new Date(),
  afterApply?: (client: pg.PoolClient, applied: number[]) => Promise<void>,
): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(SCHEMA_VERSION_TABLE);
    const current = Number((await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_version')).rows[0]?.v ?? 0);
    const applied: number[] = [];
    for (const m of pendingMigrations(current, migrations)) {
      await client.query(m.sql.postgres);
      await client.query('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, now().toISOString()]);
      applied.push(m.version);
    }
    if (applied.length && afterApply) await afterApply(client, applied);
    await client.query('COMMIT');
    return applied;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** The highest applied schema version (0 for an empty database). */
export async function postgresSchemaVersion(pool: pg.Pool): Promise<number> {
  const exists = await pool.query("SELECT to_regclass('schema_version') IS NOT NULL AS ok");
  if (!exists.rows[0]?.ok) return 0;
  return Number((await pool.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_version')).rows[0]?.v ?? 0);
}
