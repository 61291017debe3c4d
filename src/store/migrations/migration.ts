/** One versioned schema change. Versions are consecutive from 1; applied ones are never edited. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
