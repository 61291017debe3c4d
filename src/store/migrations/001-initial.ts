import type { Migration } from './migration.ts';

/**
 * The first schema. Guarantees the database itself enforces, whatever the code does:
 * one decision per case, one release per case, an audit log that cannot be updated or deleted.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial',
  sql: {
    sqlite: `
CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  currency TEXT NOT NULL,
  total_minor INTEGER NOT NULL,
  data TEXT NOT NULL,
  imported_at TEXT NOT NULL
);

CREATE TABLE case_ids (n INTEGER PRIMARY KEY AUTOINCREMENT, taken_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));

CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('drafted','approved','rejected','released')),
  revision INTEGER NOT NULL CHECK (revision >= 1),
  message TEXT NOT NULL,
  order_id TEXT,
  lang TEXT,
  facts TEXT NOT NULL,
  customer TEXT,
  classification TEXT NOT NULL,
  created_by TEXT NOT NULL,
  authors TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT,
  reject_reason TEXT,
  channel TEXT
);
CREATE INDEX cases_status_created ON cases (status, created_at);
CREATE INDEX cases_created_by ON cases (created_by, created_at);

CREATE TABLE draft_revisions (
  case_id TEXT NOT NULL REFERENCES cases (id),
  revision INTEGER NOT NULL,
  draft TEXT NOT NULL,
  author_id TEXT NOT NULL,
  cause TEXT NOT NULL CHECK (cause IN ('decided','answered','edited')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (case_id, revision)
);

CREATE TABLE decisions (
  case_id TEXT PRIMARY KEY REFERENCES cases (id),
  decision TEXT NOT NULL CHECK (decision IN ('approved','rejected')),
  revision INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  reason TEXT,
  decided_at TEXT NOT NULL
);

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id TEXT NOT NULL,
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_log_case ON audit_log (case_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL UNIQUE REFERENCES cases (id),
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','delivered')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  delivered_at TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
`,
    // Times are ISO-8601 text in both dialects; COLLATE "C" makes Postgres compare them byte by
    // byte, as SQLite does, whatever the database's locale.
    postgres: `
CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  currency TEXT NOT NULL,
  total_minor BIGINT NOT NULL,
  data TEXT NOT NULL,
  imported_at TEXT COLLATE "C" NOT NULL
);

CREATE SEQUENCE case_ids;

CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('drafted','approved','rejected','released')),
  revision INTEGER NOT NULL CHECK (revision >= 1),
  message TEXT NOT NULL,
  order_id TEXT,
  lang TEXT,
  facts TEXT NOT NULL,
  customer TEXT,
  classification TEXT NOT NULL,
  created_by TEXT NOT NULL,
  authors TEXT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  decided_by TEXT,
  decided_at TEXT COLLATE "C",
  reject_reason TEXT,
  channel TEXT,
  -- Insertion order, for listing cases filed in the same millisecond (SQLite's rowid).
  seq BIGSERIAL NOT NULL
);
CREATE INDEX cases_status_created ON cases (status, created_at);
CREATE INDEX cases_created_by ON cases (created_by, created_at);

CREATE TABLE draft_revisions (
  case_id TEXT NOT NULL REFERENCES cases (id),
  revision INTEGER NOT NULL,
  draft TEXT NOT NULL,
  author_id TEXT NOT NULL,
  cause TEXT NOT NULL CHECK (cause IN ('decided','answered','edited')),
  created_at TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (case_id, revision)
);

CREATE TABLE decisions (
  case_id TEXT PRIMARY KEY REFERENCES cases (id),
  decision TEXT NOT NULL CHECK (decision IN ('approved','rejected')),
  revision INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  reason TEXT,
  decided_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE audit_log (
  seq BIGSERIAL PRIMARY KEY,
  case_id TEXT NOT NULL,
  at TEXT COLLATE "C" NOT NULL,
  actor_id TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_log_case ON audit_log (case_id, seq);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL UNIQUE REFERENCES cases (id),
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','delivered')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT COLLATE "C" NOT NULL,
  last_error TEXT,
  created_at TEXT COLLATE "C" NOT NULL,
  delivered_at TEXT COLLATE "C"
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
`,
  },
};
