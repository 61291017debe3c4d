/**
 * Read-only queries behind the supervisor's weekly report and the labelled export: every case
 * created in a time range with its first draft (Settle's), its current draft, its decision, what
 * was released, and any supervisor category correction from the audit log; plus the training
 * sessions that ended in the range. Kept out of sqlite-store.ts so the store can change shape
 * around it; the port's types live here too, depending on nothing above the store.
 */
import type Database from 'better-sqlite3';
import type { Category, Classification, CustomerContext, Draft, Lang, Offer, Subtype } from '../core/types.ts';
import type { WorkflowStatus } from '../core/workflow/case-state.ts';

/** A half-open range of ISO-8601 instants, `[from, to)`. */
export interface TimeRange {
  from: string;
  to: string;
}

/** The audit action a supervisor's category correction is recorded under. */
export const CATEGORY_CORRECTED = 'category_corrected';

/** One case as the report reads it. */
export interface ReportCase {
  id: string;
  status: WorkflowStatus;
  message: string;
  orderId?: string;
  lang?: Lang;
  customer?: CustomerContext;
  createdAt: string;
  classification: Classification;
  /** Revision 1: Settle's own draft, before anyone answered or edited it. */
  firstDraft: Draft;
  /** The current revision: what was approved, rejected or is still waiting. */
  finalDraft: Draft;
  revisions: number;
  decision?: { kind: 'approved' | 'rejected'; actorId: string; at: string };
  release?: { text: string; offers: Offer[]; at: string };
  /** The latest supervisor correction of the category, when there is one. */
  correction?: { category: Category; subtype: Subtype | ''; actorId: string; at: string };
}

/** Training sessions that ended in the range (0 and null when the training tables do not exist). */
export interface TrainingFigures {
  sessions: number;
  meanTotal: number | null;
}

interface Row {
  id: string;
  status: WorkflowStatus;
  message: string;
  order_id: string | null;
  lang: Lang | null;
  customer: string | null;
  created_at: string;
  classification: string;
  revision: number;
  first_draft: string;
  final_draft: string;
  decision: 'approved' | 'rejected' | null;
  decision_actor: string | null;
  decided_at: string | null;
  payload: string | null;
}

const CASES_SQL = `SELECT c.id, c.status, c.message, c.order_id, c.lang, c.customer, c.created_at, c.classification, c.revision,
    r1.draft AS first_draft, rc.draft AS final_draft,
    d.decision, d.actor_id AS decision_actor, d.decided_at, o.payload
  FROM cases c
  JOIN draft_revisions r1 ON r1.case_id = c.id AND r1.revision = 1
  JOIN draft_revisions rc ON rc.case_id = c.id AND rc.revision = c.revision
  LEFT JOIN decisions d ON d.case_id = c.id
  LEFT JOIN outbox o ON o.case_id = c.id
  WHERE c.created_at >= ? AND c.created_at < ?
  ORDER BY c.created_at, c.id`;

const CORRECTIONS_SQL = `SELECT a.case_id, a.actor_id, a.at, a.detail FROM audit_log a
  JOIN cases c ON c.id = a.case_id
  WHERE a.action = ? AND c.created_at >= ? AND c.created_at < ?
  ORDER BY a.seq`;

/** Cases created in `range`, oldest first. */
export function queryReportCases(db: Database.Database, range: TimeRange): ReportCase[] {
  const corrections = new Map<string, ReportCase['correction']>();
  for (const r of db.prepare(CORRECTIONS_SQL).all(CATEGORY_CORRECTED, range.from, range.to) as { case_id: string; actor_id: string; at: string; detail: string }[]) {
    const d = JSON.parse(r.detail) as { category: Category; subtype: Subtype | '' };
    corrections.set(r.case_id, { category: d.category, subtype: d.subtype, actorId: r.actor_id, at: r.at });
  }
  return (db.prepare(CASES_SQL).all(range.from, range.to) as Row[]).map((r) => {
    const payload = r.payload ? (JSON.parse(r.payload) as { text: string; offers: Offer[]; releasedAt: string }) : undefined;
    const correction = corrections.get(r.id);
    return {
      id: r.id,
      status: r.status,
      message: r.message,
      ...(r.order_id ? { orderId: r.order_id } : {}),
      ...(r.lang ? { lang: r.lang } : {}),
      ...(r.customer ? { customer: JSON.parse(r.customer) as CustomerContext } : {}),
      createdAt: r.created_at,
      classification: JSON.parse(r.classification) as Classification,
      firstDraft: JSON.parse(r.first_draft) as Draft,
      finalDraft: JSON.parse(r.final_draft) as Draft,
      revisions: r.revision,
      ...(r.decision && r.decision_actor && r.decided_at ? { decision: { kind: r.decision, actorId: r.decision_actor, at: r.decided_at } } : {}),
      ...(payload ? { release: { text: payload.text, offers: payload.offers, at: payload.releasedAt } } : {}),
      ...(correction ? { correction } : {}),
    };
  });
}

/** Training sessions that ended in `range`, and their mean total score. */
export function queryTrainingFigures(db: Database.Database, range: TimeRange): TrainingFigures {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'training_sessions'").get();
  if (!exists) return { sessions: 0, meanTotal: null };
  const r = db.prepare('SELECT COUNT(*) AS n, AVG(total) AS mean FROM training_sessions WHERE ended_at >= ? AND ended_at < ? AND total IS NOT NULL')
    .get(range.from, range.to) as { n: number; mean: number | null };
  return { sessions: r.n, meanTotal: r.mean };
}
