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
