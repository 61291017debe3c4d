/**
 * The training store port: role-play sessions and ratings (issue 6). Async, like the case store
 * port, so the same service runs on SQLite (sqlite-training-store.ts, the tables in the case
 * file) and on Postgres (postgres-training-store.ts). Opened with the case store, in one place
 * (open-store.ts); test/store/conformance.ts runs against both.
 */
import { randomUUID } from 'node:crypto';
import { CRITERIA, type CriterionId } from '../core/training/criteria.ts';
import type { RatingKind, RatingRecord, SessionRecord } from '../core/training/report.ts';
import type { Scorecard } from '../core/training/score-transcript.ts';
import type { EndReason, Turn } from '../core/training/transcript.ts';
import { UserError } from '../core/errors.ts';

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
  /** Turns saved so far (read back from the store; `saveTurn` compares and bumps it). */
  turn?: number;
}

export interface TrainingStore {
  /** Inserts a session or updates its progress (transcript, state, end, scorecard). */
  saveSession(s: SavedSession): Promise<void>;
  /**
   * Saves one turn's progress as a compare-and-set: only if the session is still open and at
   * `expectedTurn` turns, and then at `expectedTurn + 1`. False when another turn (another
   * process playing a line of the same thread) or the session's end got there first: the caller
   * reads the session again and plays its line on top.
   */
  saveTurn(s: SavedSession, expectedTurn: number): Promise<boolean>;
  /** Throws UserError('not_found') for an unknown id. */
  getSession(id: string): Promise<SavedSession>;
  /** The newest unfinished session in a chat thread, if any. */
  activeInThread(threadKey: string): Promise<SavedSession | undefined>;
  /** Records ratings; a rater re-rating a criterion replaces their earlier score. */
  rate(sessionId: string, rater: string, kind: RatingKind, scores: Partial<Record<CriterionId, number>>, at: Date): Promise<void>;
  sessions(trainee?: string): Promise<SessionRecord[]>;
  ratings(): Promise<RatingRecord[]>;
}

/** The rubric's criteria among `scores`, each checked to be a whole number 1–5 (a UserError otherwise). */
export function checkedRatings(scores: Partial<Record<CriterionId, number>>): [CriterionId, number][] {
  const entries = Object.entries(scores).filter(([k]) => (CRITERIA as readonly string[]).includes(k)) as [CriterionId, number][];
  for (const [, v] of entries) {
    if (!Number.isInteger(v) || v < 1 || v > 5) throw new UserError('invalid_input', `a rating is a whole number 1–5, not ${String(v)}`);
  }
  return entries;
}

/** A training_sessions row, the same in both dialects. */
export interface SessionRow {
  id: string; trainee: string; scenario_id: string | null; lang: string; mode: 'play' | 'swap'; started_at: string;
  ended_at: string | null; end_reason: EndReason | null; total: number | null; scorecard_json: string | null; transcript_json: string;
  thread_key: string | null; state_json: string | null; turn?: number;
}

export function sessionToRow(s: SavedSession): SessionRow {
  return {
    id: s.id, trainee: s.trainee, scenario_id: s.scenarioId, lang: s.lang, mode: s.mode, started_at: s.startedAt,
    ended_at: s.endedAt ?? null, end_reason: s.endReason ?? null, total: s.scorecard?.total ?? null,
    scorecard_json: s.scorecard ? JSON.stringify(s.scorecard) : null, transcript_json: JSON.stringify(s.transcript),
    thread_key: s.threadKey ?? null, state_json: s.state === undefined ? null : JSON.stringify(s.state),
  };
}

export function rowToSession(r: SessionRow): SavedSession {
  return {
    id: r.id, trainee: r.trainee, scenarioId: r.scenario_id, lang: r.lang, mode: r.mode, startedAt: r.started_at,
    ...(r.ended_at ? { endedAt: r.ended_at } : {}),
    ...(r.end_reason ? { endReason: r.end_reason } : {}),
    ...(r.scorecard_json ? { scorecard: JSON.parse(r.scorecard_json) as Scorecard } : {}),
    transcript: JSON.parse(r.transcript_json) as Turn[],
    ...(r.thread_key ? { threadKey: r.thread_key } : {}),
    ...(r.state_json ? { state: JSON.parse(r.state_json) as unknown } : {}),
    turn: Number(r.turn ?? 0),
  };
}

export function rowToSessionRecord(r: SessionRow): SessionRecord {
  const card = r.scorecard_json ? (JSON.parse(r.scorecard_json) as Scorecard) : undefined;
  return {
    id: r.id, trainee: r.trainee, scenarioId: r.scenario_id, startedAt: r.started_at, total: r.total,
    scores: Object.fromEntries((card?.criteria ?? []).map((c) => [c.id, c.score])) as Partial<Record<CriterionId, number>>,
  };
}

/** Column order of the session upsert, shared by both dialects. */
export const SESSION_COLUMNS = ['id', 'trainee', 'scenario_id', 'lang', 'mode', 'started_at', 'ended_at', 'end_reason', 'total', 'scorecard_json', 'transcript_json', 'thread_key', 'state_json'] as const;

/** The upsert's conflict clause: a session's identity never changes, its progress does. */
export const SESSION_ON_CONFLICT = `ON CONFLICT (id) DO UPDATE SET ended_at = excluded.ended_at, end_reason = excluded.end_reason, total = excluded.total,
  scorecard_json = excluded.scorecard_json, transcript_json = excluded.transcript_json, state_json = excluded.state_json`;

/** The progress columns a turn writes (its compare-and-set is on `turn`). */
export const TURN_COLUMNS = ['ended_at', 'end_reason', 'total', 'scorecard_json', 'transcript_json', 'state_json'] as const;

export const RATING_ON_CONFLICT = 'ON CONFLICT (session_id, rater, criterion) DO UPDATE SET score = excluded.score, kind = excluded.kind, rated_at = excluded.rated_at';
