/**
 * Training sessions and assessments on disk: own `training_*` tables in the store's SQLite file
 * (SETTLE_DB_PATH), created with CREATE TABLE IF NOT EXISTS so they never collide with the case
 * store's versioned migrations. Single-process use (the console); WAL lets a desk share the file.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { CriterionId } from '../core/training/criteria.ts';
import { CRITERIA } from '../core/training/criteria.ts';
import type { RatingKind, RatingRecord, SessionRecord } from '../core/training/report.ts';
import type { Scorecard } from '../core/training/score-transcript.ts';
import type { EndReason, Turn } from '../core/training/transcript.ts';
import { UserError } from '../core/errors.ts';
import { preparePrivateFile } from '../private-files.ts';

const SCHEMA = `
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
  -- Where a chat session runs (Slack thread, Discord thread); NULL for the console.
  thread_key TEXT,
  -- What a live session needs beside the transcript (mood, revealed facts, swap answers).
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

/** A short session id people can type: `tr-` and 8 hex digits. */
export function newSessionId(): string {
  return `tr-${randomUUID().replace(/-/g, '').slice(0, 8)}`;
}

export interface SavedSession {
  id: string;
  trainee: string;
  scenarioId: string | null;
  lang: string;
  mode: 'play' | 'swap';
  startedAt: string;
  endedAt?: string;
  endReason?: EndReason;
  scorecard?: Scorecard;
  transcript: Turn[];
  threadKey?: string;
  state?: unknown;
}

interface SessionRow {
  id: string; trainee: string; scenario_id: string | null; lang: string; mode: 'play' | 'swap'; started_at: string;
  ended_at: string | null; end_reason: EndReason | null; total: number | null; scorecard_json: string | null; transcript_json: string;
  thread_key: string | null; state_json: string | null;
}

export interface TrainingStore {
  saveSession(s: SavedSession): void;
  getSession(id: string): SavedSession;
  /** The newest unfinished session in a chat thread, if any. */
  activeInThread(threadKey: string): SavedSession | undefined;
  /** Records ratings; a rater re-rating a criterion replaces their earlier score. */
  rate(sessionId: string, rater: string, kind: RatingKind, scores: Partial<Record<CriterionId, number>>, at: Date): void;
  sessions(trainee?: string): SessionRecord[];
  ratings(): RatingRecord[];
  close(): void;
}

function toSaved(r: SessionRow): SavedSession {
  return {
    id: r.id, trainee: r.trainee, scenarioId: r.scenario_id, lang: r.lang, mode: r.mode, startedAt: r.started_at,
    ...(r.ended_at ? { endedAt: r.ended_at } : {}),
    ...(r.end_reason ? { endReason: r.end_reason } : {}),
    ...(r.scorecard_json ? { scorecard: JSON.parse(r.scorecard_json) as Scorecard } : {}),
    transcript: JSON.parse(r.transcript_json) as Turn[],
    ...(r.thread_key ? { threadKey: r.thread_key } : {}),
    ...(r.state_json ? { state: JSON.parse(r.state_json) as unknown } : {}),
  };
}

/** Opens (creating if needed) the SQLite file at `path` and its training tables. */
export function openTrainingStore(path: string): TrainingStore {
  let db: Database.Database | undefined;
  try {
    if (path !== ':memory:') preparePrivateFile(path);
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.exec(SCHEMA);
  } catch (e) {
    db?.close();
    // A directory, a path under a file, a file that is not SQLite: one line naming the file.
    throw new UserError('config_invalid', `Cannot open the training store at ${path} (--db or SETTLE_DB_PATH): ${(e as Error).message}`);
  }
  return trainingStoreOn(db);
}

function trainingStoreOn(db: Database.Database): TrainingStore {
  const insert = db.prepare(`INSERT INTO training_sessions (id, trainee, scenario_id, lang, mode, started_at, ended_at, end_reason, total, scorecard_json, transcript_json, thread_key, state_json)
    VALUES (@id, @trainee, @scenario_id, @lang, @mode, @started_at, @ended_at, @end_reason, @total, @scorecard_json, @transcript_json, @thread_key, @state_json)
    ON CONFLICT (id) DO UPDATE SET ended_at = excluded.ended_at, end_reason = excluded.end_reason, total = excluded.total,
      scorecard_json = excluded.scorecard_json, transcript_json = excluded.transcript_json, state_json = excluded.state_json`);
  const activeByThread = db.prepare<[string], SessionRow>('SELECT * FROM training_sessions WHERE thread_key = ? AND ended_at IS NULL ORDER BY started_at DESC LIMIT 1');
  const byId = db.prepare<[string], SessionRow>('SELECT * FROM training_sessions WHERE id = ?');
  const upsertRating = db.prepare(`INSERT INTO training_ratings (session_id, rater, kind, criterion, score, rated_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (session_id, rater, criterion) DO UPDATE SET score = excluded.score, kind = excluded.kind, rated_at = excluded.rated_at`);
  return {
    saveSession(s) {
      insert.run({
        id: s.id, trainee: s.trainee, scenario_id: s.scenarioId, lang: s.lang, mode: s.mode, started_at: s.startedAt,
        ended_at: s.endedAt ?? null, end_reason: s.endReason ?? null, total: s.scorecard?.total ?? null,
        scorecard_json: s.scorecard ? JSON.stringify(s.scorecard) : null, transcript_json: JSON.stringify(s.transcript),
        thread_key: s.threadKey ?? null, state_json: s.state === undefined ? null : JSON.stringify(s.state),
      });
    },
    getSession(id) {
      const row = byId.get(id);
      if (!row) throw new UserError('not_found', `no training session '${id}'`);
      return toSaved(row);
    },
    activeInThread(threadKey) {
      const row = activeByThread.get(threadKey);
      return row ? toSaved(row) : undefined;
    },
    rate(sessionId, rater, kind, scores, at) {
      this.getSession(sessionId);
      const entries = Object.entries(scores).filter(([k]) => (CRITERIA as readonly string[]).includes(k));
      for (const [, v] of entries) {
        if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 5) throw new UserError('invalid_input', `a rating is a whole number 1–5, not ${String(v)}`);
      }
      db.transaction(() => {
        for (const [criterion, score] of entries) upsertRating.run(sessionId, rater, kind, criterion, score, at.toISOString());
      })();
    },
    sessions(trainee) {
      const rows = trainee
        ? db.prepare<[string], SessionRow>('SELECT * FROM training_sessions WHERE trainee = ? ORDER BY started_at').all(trainee)
        : db.prepare<[], SessionRow>('SELECT * FROM training_sessions ORDER BY started_at').all();
      return rows.map((r) => {
        const card = r.scorecard_json ? (JSON.parse(r.scorecard_json) as Scorecard) : undefined;
        return {
          id: r.id, trainee: r.trainee, scenarioId: r.scenario_id, startedAt: r.started_at, total: r.total,
          scores: Object.fromEntries((card?.criteria ?? []).map((c) => [c.id, c.score])) as Partial<Record<CriterionId, number>>,
        };
      });
    },
    ratings() {
      return db.prepare<[], { session_id: string; rater: string; kind: RatingKind; criterion: CriterionId; score: number }>(
        'SELECT session_id, rater, kind, criterion, score FROM training_ratings ORDER BY rated_at',
      ).all().map((r) => ({ sessionId: r.session_id, rater: r.rater, kind: r.kind, criterion: r.criterion, score: r.score }));
    },
    close() {
      db.close();
    },
  };
}
