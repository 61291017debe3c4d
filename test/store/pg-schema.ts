/**
 * Postgres for tests and the bench: SETTLE_TEST_DATABASE_URL names a server (CI starts one; see
 * .ci/run). Each test gets its own schema (a URL with `options=-c search_path=…`), so tests never
 * see each other's rows and nothing needs a fresh database. Without the variable, the Postgres
 * suites are skipped with a printed notice, never silently; with it, an unreachable server fails.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.SETTLE_TEST_DATABASE_URL || undefined;

/** Prints why a Postgres suite does not run (vitest shows it in the run's output). */
export function warnSkipped(suite: string): void {
  console.warn(`[${suite}] skipped: SETTLE_TEST_DATABASE_URL is not set (CI sets it; locally: see docs/postgres.md)`);
}

/** A fresh, empty schema on the test server and the URL whose connections use it. */
export async function freshSchema(base: string, prefix = 't'): Promise<{ url: string; schema: string; drop(): Promise<void> }> {
  const schema = `settle_${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    schema,
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}
