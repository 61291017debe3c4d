import type { Migration } from './migration.ts';

const STATES = "'released','executed','followed_up','resolved','reopened'";
const KINDS = "'first_reply','refund_unshipped','reship_tracking','follow_up','refund_after_return','cross_border'";

const CASES = `
ALTER TABLE cases ADD COLUMN lifecycle TEXT CHECK (lifecycle IN (${STATES}));
ALTER TABLE cases ADD COLUMN lifecycle_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN lifecycle_data TEXT NOT NULL DEFAULT '{}';
UPDATE cases SET lifecycle = 'released' WHERE status = 'released';
`;

const DEADLINES = `
CREATE TABLE case_deadlines (
  case_id TEXT NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL CHECK (kind IN (${KINDS})),
  opened_at TEXT NOT NULL,
  due_at TEXT NOT NULL,
  remind_at TEXT NOT NULL,
  met_at TEXT,
  reminded_at TEXT,
  escalated_at TEXT,
  PRIMARY KEY (case_id, kind)
);
CREATE INDEX case_deadlines_open ON case_deadlines (met_at, remind_at);
`;

/**
 * The lifecycle after release (docs/lifecycle.md): the lifecycle state, its compare-and-set
 * sequence and what was recorded (executions, the follow-up) on the case; the case's §6 deadlines
 * with when each reminder and escalation was claimed; and a second outbox message per case (the
 * follow-up), so the outbox holds one message per (case, kind) instead of one per case (SQLite
 * rebuilds the table, its rows kept as they are, and its version-3 guard triggers with it). Cases
 * released before this version start the lifecycle at `released`.
 */
export const lifecycle: Migration = {
  version: 4,
  name: 'lifecycle',
  sql: {
    sqlite: `${CASES}${DEADLINES}
CREATE TABLE outbox_v4 (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL DEFAULT 'reply' CHECK (kind IN ('reply','follow_up')),
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','delivered')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  delivered_at TEXT,
  UNIQUE (case_id, kind)
);
INSERT INTO outbox_v4 (id, case_id, kind, payload, status, attempts, next_attempt_at, last_error, created_at, delivered_at)
  SELECT id, case_id, 'reply', payload, status, attempts, next_attempt_at, last_error, created_at, delivered_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v4 RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox BEGIN SELECT RAISE(ABORT, 'releases are never deleted'); END;
CREATE TRIGGER outbox_no_rewrite BEFORE UPDATE ON outbox WHEN NEW.id IS NOT OLD.id OR NEW.case_id IS NOT OLD.case_id OR NEW.kind IS NOT OLD.kind OR NEW.payload IS NOT OLD.payload OR NEW.created_at IS NOT OLD.created_at BEGIN SELECT RAISE(ABORT, 'a release payload is never rewritten'); END;
CREATE TRIGGER outbox_no_replace BEFORE INSERT ON outbox WHEN EXISTS (SELECT 1 FROM outbox WHERE id = NEW.id OR (case_id = NEW.case_id AND kind = NEW.kind)) BEGIN SELECT RAISE(ABORT, 'one message of each kind per case: UNIQUE (case_id, kind), never replaced'); END;
`,
    postgres: `${CASES}${DEADLINES.replace(/(\b\w*_at) TEXT/g, '$1 TEXT COLLATE "C"')}
ALTER TABLE outbox DROP CONSTRAINT outbox_case_id_key;
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'reply' CHECK (kind IN ('reply','follow_up'));
ALTER TABLE outbox ADD CONSTRAINT outbox_case_kind_key UNIQUE (case_id, kind);
`,
  },
};
