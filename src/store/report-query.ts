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

/** The cases query; `$1`/`$2` are the range, `ORDER` the dialect's insertion order (rowid, seq). */
function casesSql(order: string, p: [string, string]): string {
  return `SELECT c.id, c.status, c.message, c.order_id, c.lang, c.customer, c.created_at, c.classification, c.revision,
    r1.draft AS first_draft, rc.draft AS final_draft,
    d.decision, d.actor_id AS decision_actor, d.decided_at, o.payload
  FROM cases c
  JOIN draft_revisions r1 ON r1.case_id = c.id AND r1.revision = 1
  JOIN draft_revisions rc ON rc.case_id = c.id AND rc.revision = c.revision
  LEFT JOIN decisions d ON d.case_id = c.id
  LEFT JOIN outbox o ON o.case_id = c.id
  WHERE c.created_at >= ${p[0]} AND c.created_at < ${p[1]}
  ORDER BY c.created_at, ${order}`;
}

function correctionsSql(p: [string, string, string]): string {
  return `SELECT a.case_id, a.actor_id, a.at, a.detail FROM audit_log a
  JOIN cases c ON c.id = a.case_id
  WHERE a.action = ${p[0]} AND c.created_at >= ${p[1]} AND c.created_at < ${p[2]}
  ORDER BY a.seq`;
}

const TRAINING_SQL = (p: [string, string]) => `SELECT COUNT(*) AS n, AVG(total) AS mean FROM training_sessions
  WHERE ended_at >= ${p[0]} AND ended_at < ${p[1]} AND total IS NOT NULL`;

interface CorrectionRow { case_id: string; actor_id: string; at: string; detail: string }

/** The rows of both dialects → report cases (the latest correction of each case wins). */
function toReportCases(rows: Row[], correctionRows: CorrectionRow[]): ReportCase[] {
  const corrections = new Map<string, ReportCase['correction']>();
  for (const r of correctionRows) {
    const d = JSON.parse(r.detail) as { category: Category; subtype: Subtype | '' };
    corrections.set(r.case_id, { category: d.category, subtype: d.subtype, actorId: r.actor_id, at: r.at });
  }
  return rows.map((r) => {
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
      revisions: Number(r.revision),
      ...(r.decision && r.decision_actor && r.decided_at ? { decision: { kind: r.decision, actorId: r.decision_actor, at: r.decided_at } } : {}),
      ...(payload ? { release: { text: payload.text, offers: payload.offers, at: payload.releasedAt } } : {}),
      ...(correction ? { correction } : {}),
    };
  });
}

const figures = (r: { n: unknown; mean: unknown } | undefined): TrainingFigures =>
  ({ sessions: Number(r?.n ?? 0), meanTotal: r?.mean === null || r?.mean === undefined ? null : Number(r.mean) });

/** SQLite: cases created in `range`, oldest first. */
export function queryReportCases(db: Database.Database, range: TimeRange): ReportCase[] {
  const corrections = db.prepare(correctionsSql(['?', '?', '?'])).all(CATEGORY_CORRECTED, range.from, range.to) as CorrectionRow[];
  return toReportCases(db.prepare(casesSql('c.rowid', ['?', '?'])).all(range.from, range.to) as Row[], corrections);
}

/** SQLite: training sessions that ended in `range`, and their mean total score. */
export function queryTrainingFigures(db: Database.Database, range: TimeRange): TrainingFigures {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'training_sessions'").get();
  if (!exists) return { sessions: 0, meanTotal: null };
  return figures(db.prepare(TRAINING_SQL(['?', '?'])).get(range.from, range.to) as { n: number; mean: number | null });
}

/** What the Postgres queries need of a pool or client (`pg`). */
export interface PgQueryable {
  query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Postgres: cases created in `range`, oldest first (the same SQL, `$n` parameters, `seq` order). */
export async function queryReportCasesPg(pool: PgQueryable, range: TimeRange): Promise<ReportCase[]> {
  const corrections = (await pool.query(correctionsSql(['$1', '$2', '$3']), [CATEGORY_CORRECTED, range.from, range.to])).rows as CorrectionRow[];
  return toReportCases((await pool.query(casesSql('c.seq', ['$1', '$2']), [range.from, range.to])).rows as Row[], corrections);
}

/** Postgres: training sessions that ended in `range` (COUNT and AVG come back as strings). */
export async function queryTrainingFiguresPg(pool: PgQueryable, range: TimeRange): Promise<TrainingFigures> {
  return figures((await pool.query(TRAINING_SQL(['$1', '$2']), [range.from, range.to])).rows[0] as { n: unknown; mean: unknown } | undefined);
}
