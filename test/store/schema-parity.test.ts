/**
 * Schema parity: after every migration, a SQLite file and a Postgres database have the same
 * tables, columns (and their NOT NULL) and indexes, apart from the differences listed here, each
 * with its reason. A migration written for one dialect only fails this test.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migratePostgres } from '../../src/store/migrate-postgres.ts';
import { migrateSqlite } from '../../src/store/migrate-sqlite.ts';
import { MIGRATIONS } from '../../src/store/migrations/index.ts';
import { freshSchema, TEST_DATABASE_URL, warnSkipped } from './pg-schema.ts';

/** What only one dialect has, and why. */
const ONLY_SQLITE = new Set([
  'case_ids', // the case id counter: a table in SQLite, a sequence of the same name in Postgres
  'sqlite_sequence', // SQLite's own AUTOINCREMENT bookkeeping
]);
const ONLY_POSTGRES = new Set([
  'cases.seq', // insertion order for cases filed in one millisecond: SQLite's rowid
]);

type Shape = Record<string, { columns: string[]; indexes: string[] }>;

function sqliteShape(): Shape {
  const db = new Database(':memory:');
  migrateSqlite(db);
  const shape: Shape = {};
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) {
    if (ONLY_SQLITE.has(name)) continue;
    const cols = db.prepare(`PRAGMA table_info(${name})`).all() as { name: string; notnull: number; pk: number }[];
    const idx = (db.prepare(`PRAGMA index_list(${name})`).all() as { name: string; origin: string }[]).filter((i) => i.origin === 'c').map((i) => i.name);
    shape[name] = {
      columns: cols.map((c) => `${c.name}${c.notnull || c.pk ? ' not null' : ''}`).sort(),
      indexes: idx.sort(),
    };
  }
  db.close();
  return shape;
}

async function postgresShape(url: string): Promise<Shape> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    await migratePostgres(pool);
    const shape: Shape = {};
    const { rows: tables } = await pool.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name');
    for (const { table_name: name } of tables) {
      const { rows: cols } = await pool.query<{ column_name: string; is_nullable: string }>(
        'SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1', [name]);
      const { rows: idx } = await pool.query<{ indexname: string }>(
        "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1 AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key'", [name]);
      shape[name] = {
        columns: cols.filter((c) => !ONLY_POSTGRES.has(`${name}.${c.column_name}`)).map((c) => `${c.column_name}${c.is_nullable === 'NO' ? ' not null' : ''}`).sort(),
        indexes: idx.map((i) => i.indexname).sort(),
      };
    }
    return shape;
  } finally {
    await pool.end();
  }
}

it('every migration is written for both dialects under one version', () => {
  expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  for (const m of MIGRATIONS) {
    expect(m.sql.sqlite.trim(), `v${m.version} sqlite`).not.toBe('');
    expect(m.sql.postgres.trim(), `v${m.version} postgres`).not.toBe('');
  }
});

const base = TEST_DATABASE_URL;
if (!base) {
  warnSkipped('schema parity');
  describe.skip('schema parity with Postgres (needs SETTLE_TEST_DATABASE_URL)', () => {
    it('compares the schemas', () => undefined);
  });
} else {
  describe('schema parity with Postgres', () => {
    it('SQLite and Postgres have the same tables, columns and indexes after every migration', async () => {
      const schema = await freshSchema(base, 'parity');
      try {
        const pgShape = await postgresShape(schema.url);
        const liteShape = sqliteShape();
        expect(Object.keys(liteShape)).toEqual(expect.arrayContaining(['cases', 'audit_log', 'outbox', 'training_sessions', 'leases', 'schema_version']));
        expect(liteShape.cases?.indexes).toEqual(['cases_created_by', 'cases_status_created']);
        expect(Object.keys(pgShape).sort()).toEqual(Object.keys(liteShape).sort());
        expect(pgShape).toEqual(liteShape);
      } finally {
        await schema.drop();
      }
    });
  });
}
