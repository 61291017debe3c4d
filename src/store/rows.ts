/** Row shapes of the SQLite schema and their mapping to store records (JSON columns parsed). */
import type { AuditEntry, DraftRevision } from './records.ts';
import type { WorkflowStatus } from '../core/workflow/case-state.ts';
import type { Lang } from '../core/types.ts';
import type { CaseWithDraft, OutboxItem, OutboxStatus } from './store.ts';

export interface CaseRow {
  id: string;
  status: WorkflowStatus;
  revision: number;
  message: string;
  order_id: string | null;
  lang: string | null;
  facts: string;
  customer: string | null;
  classification: string;
  created_by: string;
  authors: string;
  created_at: string;
  updated_at: string;
  decided_by: string | null;
  decided_at: string | null;
  reject_reason: string | null;
  channel: string | null;
  draft: string;
}

export interface RevisionRow {
  case_id: string;
  revision: number;
  draft: string;
  author_id: string;
  cause: DraftRevision['cause'];
  created_at: string;
}

export interface AuditRow {
  seq: number;
  case_id: string;
  at: string;
  actor_id: string;
  action: string;
  detail: string;
}

export interface OutboxRow {
  id: string;
  case_id: string;
  payload: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

export function rowToCase(r: CaseRow): CaseWithDraft {
  return {
    id: r.id,
    status: r.status,
    revision: r.revision,
    message: r.message,
    orderId: opt(r.order_id),
    lang: opt(r.lang) as Lang | undefined,
    facts: JSON.parse(r.facts),
    customer: r.customer ? JSON.parse(r.customer) : undefined,
    classification: JSON.parse(r.classification),
    createdBy: r.created_by,
    authors: JSON.parse(r.authors),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    decidedBy: opt(r.decided_by),
    decidedAt: opt(r.decided_at),
    rejectReason: opt(r.reject_reason),
    channel: r.channel ? JSON.parse(r.channel) : undefined,
    draft: JSON.parse(r.draft),
  };
}

export function rowToRevision(r: RevisionRow): DraftRevision {
  return { revision: r.revision, draft: JSON.parse(r.draft), authorId: r.author_id, cause: r.cause, createdAt: r.created_at };
}

export function rowToAudit(r: AuditRow): AuditEntry {
  return { seq: r.seq, caseId: r.case_id, at: r.at, actorId: r.actor_id, action: r.action, detail: JSON.parse(r.detail) };
}

export function rowToOutbox(r: OutboxRow): OutboxItem {
  return {
    id: r.id,
    caseId: r.case_id,
    payload: JSON.parse(r.payload),
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: opt(r.last_error),
    createdAt: r.created_at,
    deliveredAt: opt(r.delivered_at),
  };
}
