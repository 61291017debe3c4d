import type { Migration } from './migration.ts';

const SQL = `
ALTER TABLE training_sessions ADD COLUMN turn INTEGER NOT NULL DEFAULT 0;

CREATE TABLE kept_edits (
  case_id TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  edit TEXT NOT NULL,
  kept_at TEXT NOT NULL,
  PRIMARY KEY (case_id, actor_id)
);
CREATE INDEX kept_edits_kept_at ON kept_edits (kept_at);

CREATE TABLE last_opened (
  actor_id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  opened_at TEXT NOT NULL
);
`;

/**
 * State a person's next step depends on, which two processes (or two consoles) on one database
 * must agree on: a training session's turn count (each turn is a compare-and-set on it, so two
 * processes playing lines of one thread at once never lose a turn), the edits the desk refused
 * that a person continues from, and the case each person last opened.
 */
export const personState: Migration = {
  version: 5,
  name: 'person-state',
  sql: {
    sqlite: SQL,
    postgres: SQL.replace(/(\b\w*_at) TEXT/g, '$1 TEXT COLLATE "C"'),
  },
};
