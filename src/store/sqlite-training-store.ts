/** The training store on the case store's SQLite connection (tables from migration 2). */
import type Database from 'better-sqlite3';
import type { CriterionId } from '../core/training/criteria.ts';
import type { RatingKind } from '../core/training/report.ts';
import { UserError } from '../core/errors.ts';
import {
  checkedRatings, RATING_ON_CONFLICT, rowToSession, rowToSessionRecord, SESSION_COLUMNS, SESSION_ON_CONFLICT, sessionToRow, TURN_COLUMNS,
  type SessionRow, type TrainingStore,
} from './training-store.ts';

export function sqliteTrainingStore(db: Database.Database): TrainingStore {
  const insert = db.prepare(`INSERT INTO training_sessions (${SESSION_COLUMNS.join(', ')})
    VALUES (${SESSION_COLUMNS.map((c) => `@${c}`).join(', ')}) ${SESSION_ON_CONFLICT}`);
  const turn = db.prepare(`UPDATE training_sessions SET ${TURN_COLUMNS.map((c) => `${c} = @${c}`).join(', ')}, turn = turn + 1
    WHERE id = @id AND turn = @expected AND ended_at IS NULL`);
  const activeByThread = db.prepare<[string], SessionRow>('SELECT * FROM training_sessions WHERE thread_key = ? AND ended_at IS NULL ORDER BY started_at DESC LIMIT 1');
  const byId = db.prepare<[string], SessionRow>('SELECT * FROM training_sessions WHERE id = ?');
  const upsertRating = db.prepare(`INSERT INTO training_ratings (session_id, rater, kind, criterion, score, rated_at) VALUES (?, ?, ?, ?, ?, ?) ${RATING_ON_CONFLICT}`);
  const getSession = async (id: string) => {
    const row = byId.get(id);
    if (!row) throw new UserError('not_found', `no training session '${id}'`);
    return rowToSession(row);
  };
  return {
    async saveSession(s) {
      insert.run(sessionToRow(s));
    },
    async saveTurn(s, expectedTurn) {
      const row = sessionToRow(s);
      return turn.run({ ...Object.fromEntries(TURN_COLUMNS.map((c) => [c, row[c]])), id: row.id, expected: expectedTurn }).changes > 0;
    },
    getSession,
    async activeInThread(threadKey) {
      const row = activeByThread.get(threadKey);
      return row ? rowToSession(row) : undefined;
    },
    async rate(sessionId: string, rater: string, kind: RatingKind, scores: Partial<Record<CriterionId, number>>, at: Date) {
      await getSession(sessionId);
      const entries = checkedRatings(scores);
      db.transaction(() => {
        for (const [criterion, score] of entries) upsertRating.run(sessionId, rater, kind, criterion, score, at.toISOString());
      })();
    },
    async sessions(trainee) {
      const rows = trainee
        ? db.prepare<[string], SessionRow>('SELECT * FROM training_sessions WHERE trainee = ? ORDER BY started_at').all(trainee)
        : db.prepare<[], SessionRow>('SELECT * FROM training_sessions ORDER BY started_at').all();
      return rows.map(rowToSessionRecord);
    },
    async ratings() {
      return db.prepare<[], { session_id: string; rater: string; kind: RatingKind; criterion: CriterionId; score: number }>(
        'SELECT session_id, rater, kind, criterion, score FROM training_ratings ORDER BY rated_at',
      ).all().map((r) => ({ sessionId: r.session_id, rater: r.rater, kind: r.kind, criterion: r.criterion, score: r.score }));
    },
  };
}
