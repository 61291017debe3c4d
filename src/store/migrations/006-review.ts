import type { Migration } from './migration.ts';

const KINDS = "'first_reply','refund_unshipped','reship_tracking','follow_up','refund_after_return','cross_border','review_analysis','review_contact','review_sms'";
const OUTBOX_KINDS = "'reply','follow_up','review_sms','review_public'";

/**
 * Negative reviews as cases (core/review/review-case.ts): their three deadlines (analysis,
 * private contact, SMS fallback) join the deadline kinds, and a review case's SMS fallback and
 * public reply join the outbox kinds (still one message of each kind per case). SQLite cannot
 * alter a CHECK: both tables are rebuilt with their rows as they are, and the outbox's guard
 * triggers with it; Postgres swaps the constraints.
 */
export const review: Migration = {
  version: 6,
  name: 'review',
  sql: {
    sqlite: `
CREATE TABLE case_deadlines_v5 (
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
INSERT INTO case_deadlines_v5 SELECT case_id, kind, opened_at, due_at, remind_at, met_at, reminded_at, escalated_at FROM case_deadlines;
DROP TABLE case_deadlines;
ALTER TABLE case_deadlines_v5 RENAME TO case_deadlines;
CREATE INDEX case_deadlines_open ON case_deadlines (met_at, remind_at);
CREATE TABLE outbox_v5 (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL DEFAULT 'reply' CHECK (kind IN (${OUTBOX_KINDS})),
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','delivered')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  delivered_at TEXT,
  UNIQUE (case_id, kind)
);
INSERT INTO outbox_v5 (id, case_id, kind, payload, status, attempts, next_attempt_at, last_error, created_at, delivered_at)
  SELECT id, case_id, kind, payload, status, attempts, next_attempt_at, last_error, created_at, delivered_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v5 RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox BEGIN SELECT RAISE(ABORT, 'releases are never deleted'); END;
CREATE TRIGGER outbox_no_rewrite BEFORE UPDATE ON outbox WHEN NEW.id IS NOT OLD.id OR NEW.case_id IS NOT OLD.case_id OR NEW.kind IS NOT OLD.kind OR NEW.payload IS NOT OLD.payload OR NEW.created_at IS NOT OLD.created_at BEGIN SELECT RAISE(ABORT, 'a release payload is never rewritten'); END;
CREATE TRIGGER outbox_no_replace BEFORE INSERT ON outbox WHEN EXISTS (SELECT 1 FROM outbox WHERE id = NEW.id OR (case_id = NEW.case_id AND kind = NEW.kind)) BEGIN SELECT RAISE(ABORT, 'one message of each kind per case: UNIQUE (case_id, kind), never replaced'); END;
`,
    postgres: `
ALTER TABLE case_deadlines DROP CONSTRAINT case_deadlines_kind_check;
ALTER TABLE case_deadlines ADD CONSTRAINT case_deadlines_kind_check CHECK (kind IN (${KINDS}));
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN (${OUTBOX_KINDS}));
`,
  },
};
