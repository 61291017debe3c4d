/** The training store on Postgres: the same tables as SQLite (migration 2), on the case pool. */
import type pg from 'pg';
import type { CriterionId } from '../core/training/criteria.ts';
import type { RatingKind } from '../core/training/report.ts';
import { UserError } from '../core/errors.ts';
import {
  checkedRatings, RATING_ON_CONFLICT, rowToSession, rowToSessionRecord, SESSION_COLUMNS, SESSION_ON_CONFLICT, sessionToRow, TURN_COLUMNS,
  type SessionRow, type TrainingStore,
} from './training-store.ts';

type Tx = <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>;

export function postgresTrainingStore(pool: pg.Pool, tx: Tx): TrainingStore {
  const getSession = async (id: string) => {
    const { rows } = await pool.query<SessionRow>('SELECT * FROM training_sessions WHERE id = $1', [id]);
    if (!rows[0]) throw new UserError('not_found', `no training session '${id}'`);
    return rowToSession(rows[0]);
  };
  return {
    async saveSession(s) {
      const row = sessionToRow(s);
      await pool.query(`INSERT INTO training_sessions (${SESSION_COLUMNS.join(', ')})
        VALUES (${SESSION_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) ${SESSION_ON_CONFLICT}`, SESSION_COLUMNS.map((c) => row[c]));
    },
    async saveTurn(s, expectedTurn) {
      const row = sessionToRow(s);
      const n = TURN_COLUMNS.length;
      const r = await pool.query(`UPDATE training_sessions SET ${TURN_COLUMNS.map((c, i) => `${c} = $${i + 1}`).join(', ')}, turn = turn + 1
        WHERE id = $${n + 1} AND turn = $${n + 2} AND ended_at IS NULL`, [...TURN_COLUMNS.map((c) => row[c]), row.id, expectedTurn]);
      return (r.rowCount ?? 0) > 0;
    },
    getSession,
    async activeInThread(threadKey) {
      const { rows } = await pool.query<SessionRow>('SELECT * FROM training_sessions WHERE thread_key = $1 AND ended_at IS NULL ORDER BY started_at DESC LIMIT 1', [threadKey]);
      return rows[0] ? rowToSession(rows[0]) : undefined;
    },
    async rate(sessionId: string, rater: string, kind: RatingKind, scores: Partial<Record<CriterionId, number>>, at: Date) {
      await getSession(sessionId);
      const entries = checkedRatings(scores);
      await tx(async (c) => {
        for (const [criterion, score] of entries) {
          await c.query(`INSERT INTO training_ratings (session_id, rater, kind, criterion, score, rated_at) VALUES ($1, $2, $3, $4, $5, $6) ${RATING_ON_CONFLICT}`,
            [sessionId, rater, kind, criterion, score, at.toISOString()]);
        }
      });
    },
    async sessions(trainee) {
      const { rows } = trainee
        ? await pool.query<SessionRow>('SELECT * FROM training_sessions WHERE trainee = $1 ORDER BY started_at', [trainee])
        : await pool.query<SessionRow>('SELECT * FROM training_sessions ORDER BY started_at');
      return rows.map(rowToSessionRecord);
    },
    async ratings() {
      const { rows } = await pool.query<{ session_id: string; rater: string; kind: RatingKind; criterion: CriterionId; score: number }>(
        'SELECT session_id, rater, kind, criterion, score FROM training_ratings ORDER BY rated_at');
      return rows.map((r) => ({ sessionId: r.session_id, rater: r.rater, kind: r.kind, criterion: r.criterion, score: r.score }));
    },
  };
}
