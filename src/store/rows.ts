/** Row shapes of the SQLite schema and their mapping to store records (JSON columns parsed). */
import type { AuditEntry, DraftRevision } from './records.ts';
import type { WorkflowStatus } from '../core/workflow/case-state.ts';
import type { Lang } from '../core/types.ts';
import type { CaseWithDraft, OutboxItem, OutboxKind, OutboxStatus } from './store.ts';
import type { Deadline, DeadlineKind } from '../core/lifecycle/deadlines.ts';
import type { LifecycleState } from '../core/workflow/lifecycle.ts';

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
  lifecycle: LifecycleState | null;
  lifecycle_seq: number;
  lifecycle_data: string;
  next_due_at: string | null;
  draft: string;
}

export interface DeadlineRow {
  case_id: string;
  kind: DeadlineKind;
  opened_at: string;
  due_at: string;
  remind_at: string;
  met_at: string | null;
  reminded_at: string | null;
  escalated_at: string | null;
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
  kind: OutboxKind;
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
    lifecycle: opt(r.lifecycle),
    lifecycleSeq: Number(r.lifecycle_seq),
    lifecycleData: JSON.parse(r.lifecycle_data),
    nextDueAt: opt(r.next_due_at),
    draft: JSON.parse(r.draft),
  };
}

export function rowToDeadline(r: DeadlineRow): Deadline {
  const d: Deadline = { kind: r.kind, openedAt: r.opened_at, dueAt: r.due_at, remindAt: r.remind_at };
  if (r.met_at !== null) d.metAt = r.met_at;
  if (r.reminded_at !== null) d.remindedAt = r.reminded_at;
  if (r.escalated_at !== null) d.escalatedAt = r.escalated_at;
  return d;
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
    kind: r.kind,
    payload: JSON.parse(r.payload),
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: opt(r.last_error),
    createdAt: r.created_at,
    deliveredAt: opt(r.delivered_at),
  };
}
