/**
 * Supervisor view of training (POLICY.md §8: self-, peer- and instructor assessment): per
 * trainee, how many sessions, the scorer's average per criterion, the trainee's own and peers'
 * ratings beside it, and the trend of the totals over time.
 */
import type { CriterionId } from './criteria.ts';
import { CRITERIA } from './criteria.ts';

export type RatingKind = 'self' | 'peer' | 'instructor';

export interface SessionRecord {
  id: string;
  trainee: string;
  scenarioId: string | null;
  startedAt: string;
  total: number | null;
  scores: Partial<Record<CriterionId, number>>;
}

export interface RatingRecord {
  sessionId: string;
  rater: string;
  kind: RatingKind;
  criterion: CriterionId;
  score: number;
}

export interface TraineeReport {
  trainee: string;
  sessions: number;
  averageTotal: number | null;
  /** Average per criterion: by the scorer, by the trainee, by peers, by instructors. */
  criteria: { id: CriterionId; scored: number | null; self: number | null; peer: number | null; instructor: number | null }[];
  /** Totals in session order, and the change from the first half to the second half. */
  totals: number[];
  trend: number | null;
}

function average(xs: number[]): number | null {
  return xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null;
}

/** Change of the average total from the earlier half of the sessions to the later half. */
export function trendOf(totals: number[]): number | null {
  if (totals.length < 2) return null;
  const half = Math.floor(totals.length / 2);
  const early = average(totals.slice(0, half)) ?? 0;
  const late = average(totals.slice(totals.length - half)) ?? 0;
  return Math.round((late - early) * 10) / 10;
}

/** One report per trainee, alphabetical; sessions in time order. */
export function buildReport(sessions: SessionRecord[], ratings: RatingRecord[]): TraineeReport[] {
  const byTrainee = new Map<string, SessionRecord[]>();
  for (const s of [...sessions].sort((a, b) => a.startedAt.localeCompare(b.startedAt))) {
    byTrainee.set(s.trainee, [...(byTrainee.get(s.trainee) ?? []), s]);
  }
  return [...byTrainee.keys()].sort().map((trainee) => {
    const own = byTrainee.get(trainee) ?? [];
    const ids = new Set(own.map((s) => s.id));
    const mine = ratings.filter((r) => ids.has(r.sessionId));
    const totals = own.map((s) => s.total).filter((t): t is number => t !== null);
    return {
      trainee,
      sessions: own.length,
      averageTotal: average(totals),
      criteria: CRITERIA.map((id) => ({
        id,
        scored: average(own.map((s) => s.scores[id]).filter((x): x is number => x !== undefined)),
        self: average(mine.filter((r) => r.kind === 'self' && r.criterion === id).map((r) => r.score)),
        peer: average(mine.filter((r) => r.kind === 'peer' && r.criterion === id).map((r) => r.score)),
        instructor: average(mine.filter((r) => r.kind === 'instructor' && r.criterion === id).map((r) => r.score)),
      })),
      totals,
      trend: trendOf(totals),
    };
  });
}
