import type { Migration } from './migration.ts';

const TRAINING = `
CREATE TABLE IF NOT EXISTS training_sessions (
  id TEXT PRIMARY KEY,
  trainee TEXT NOT NULL,
  scenario_id TEXT,
  lang TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('play', 'swap')),
  started_at TEXT NOT NULL,
  ended_at TEXT,
  end_reason TEXT,
  total INTEGER,
  scorecard_json TEXT,
  transcript_json TEXT NOT NULL,
  thread_key TEXT,
  state_json TEXT
);
CREATE INDEX IF NOT EXISTS training_sessions_trainee ON training_sessions (trainee, started_at);
CREATE INDEX IF NOT EXISTS training_sessions_thread ON training_sessions (thread_key);
CREATE TABLE IF NOT EXISTS training_ratings (
  session_id TEXT NOT NULL REFERENCES training_sessions (id),
  rater TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('self', 'peer', 'instructor')),
  criterion TEXT NOT NULL,
  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  rated_at TEXT NOT NULL,
  PRIMARY KEY (session_id, rater, criterion)
);
`;

const SHARED = `
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE seen_requests (
  key TEXT PRIMARY KEY,
  expires_at TEXT NOT NULL
);
CREATE INDEX seen_requests_expiry ON seen_requests (expires_at);
`;

/**
 * State that two processes on one database must agree on: the training tables (before this
 * version the training store created them itself with IF NOT EXISTS, so a file that has them
 * keeps them), leases for background work that runs on one process, and the request ids a
 * platform may retry (Slack's dedup).
 */
export const sharedState: Migration = {
  version: 2,
  name: 'shared-state',
  sql: {
    sqlite: TRAINING + SHARED,
    postgres: (TRAINING + SHARED).replace(/(\b\w*_at) TEXT/g, '$1 TEXT COLLATE "C"'),
  },
};
