/**
 * The lifecycle's SQL, written once for both dialects where it can be (`?` placeholders; the
 * Postgres store numbers them): deadline plans, the next-deadline column of case listings, and
 * the claim condition that mirrors `dueNotices` (core/lifecycle/deadlines.ts).
 */
import type { Deadline, DeadlinePlan } from '../core/lifecycle/deadlines.ts';

/** The earliest unmet deadline of a case, as a column of case listings. */
export const NEXT_DUE = '(SELECT MIN(d.due_at) FROM case_deadlines d WHERE d.case_id = c.id AND d.met_at IS NULL) AS next_due_at';

/** Cases with work left: a draft to decide, or a released case not yet resolved. */
export const OPEN_CASES = "(c.status = 'drafted' OR (c.status = 'released' AND c.lifecycle <> 'resolved'))";

/** A deadline row whose notice is due at `?` (three times): escalation past due, else a reminder. */
export const DUE_CONDITION = 'met_at IS NULL AND ((due_at <= ? AND escalated_at IS NULL) OR (remind_at <= ? AND reminded_at IS NULL AND due_at > ?))';

export const MEET_DEADLINE = 'UPDATE case_deadlines SET met_at = ? WHERE case_id = ? AND kind = ? AND met_at IS NULL';

/** Opens a deadline, or starts it again (a second execution opens the follow-up anew). */
export const OPEN_DEADLINE = `INSERT INTO case_deadlines (case_id, kind, opened_at, due_at, remind_at) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (case_id, kind) DO UPDATE SET opened_at = excluded.opened_at, due_at = excluded.due_at, remind_at = excluded.remind_at,
    met_at = NULL, reminded_at = NULL, escalated_at = NULL`;

/** The statements (SQL, arguments) that apply a deadline plan: meet first, then open. */
export function deadlineStatements(caseId: string, plan: DeadlinePlan | undefined, at: string): [string, unknown[]][] {
  if (!plan) return [];
  return [
    ...plan.meet.map((kind): [string, unknown[]] => [MEET_DEADLINE, [at, caseId, kind]]),
    ...plan.open.map((d: Deadline): [string, unknown[]] => [OPEN_DEADLINE, [caseId, d.kind, d.openedAt, d.dueAt, d.remindAt]]),
  ];
}

/** `?` → `$1, $2, …` for Postgres. */
export function numbered(sql: string, from = 1): string {
  let n = from - 1;
  return sql.replace(/\?/g, () => `$${++n}`);
}
