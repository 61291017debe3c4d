/**
 * The case store port: everything Settle records — orders, cases, every draft revision,
 * decisions, the append-only audit log and the outbox of released replies.
 *
 * Two implementations, one conformance suite (test/store/conformance.ts):
 * - `SqliteStore` (src/store/sqlite-store.ts), the embedded default: one SQLite file in WAL mode,
 *   for ONE host. Several processes on that host may share the file (writes are serialised by
 *   SQLite's write lock, readers never block); not for a network file system or several hosts.
 * - `PostgresStore` (src/store/postgres-store.ts), chosen by SETTLE_DATABASE_URL: several Settle
 *   processes on several hosts share one database; outbox rows are claimed with
 *   `FOR UPDATE SKIP LOCKED`, so each due row goes to one process at a time.
 * Every method is async, and every write that must be atomic is ONE method (no transaction
 * handles leak out of the store). The app and the CLI see only this port (open-store.ts).
 */
import type { AuditEntry, ChannelRef, DraftRevision, KeptEdit } from './records.ts';
import type { WorkflowStatus } from '../core/workflow/case-state.ts';
import type { Classification, CustomerContext, Draft, Facts, Lang, Offer, Order } from '../core/types.ts';
import type { ReportCase, TimeRange, TrainingFigures } from './report-query.ts';
import type { LedgerItem, LedgerLink } from './audit-chain.ts';
import type { Deadline, DeadlineKind, DeadlinePlan, ExecutionRecord, NoticeKind } from '../core/lifecycle/deadlines.ts';
import type { FollowUpAnswer, LifecycleState } from '../core/workflow/lifecycle.ts';
import type { MessageChannel, ReviewRecord } from '../core/review/review-case.ts';

/** What the lifecycle recorded on a case (docs/lifecycle.md), kept as one JSON document. */
export interface LifecycleData {
  executions?: { at: string; by: string; record: ExecutionRecord }[];
  returnArrivedAt?: string;
  /** The follow-up message: drafted by Settle when due, approved by a person, then sent via the outbox. */
  followUp?: {
    text: string;
    lang: Lang;
    draftedAt: string;
    status: 'drafted' | 'sent';
    approvedBy?: string;
    sentAt?: string;
    messageId?: string;
  };
  answer?: { at: string; by: string } & FollowUpAnswer;
  resolved?: { at: string; by: string; note?: string };
  reopened?: { at: string; by: string; reason: string }[];
  /** A negative review's own record (core/review/review-case.ts): set when the review is filed. */
  review?: ReviewRecord;
}

/** A case row. Money inside `facts` is in minor units. */
export interface CaseRecord {
  id: string;
  status: WorkflowStatus;
  revision: number;
  message: string;
  orderId?: string;
  lang?: Lang;
  facts: Facts;
  customer?: CustomerContext;
  classification: Classification;
  createdBy: string;
  /** Actor ids who answered or edited the current draft (the filer is `createdBy`). */
  authors: string[];
  createdAt: string;
  updatedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  rejectReason?: string;
  channel?: ChannelRef;
  /** The lifecycle state once released (the store sets `released` on release). */
  lifecycle?: LifecycleState;
  /** Compare-and-set token of lifecycle moves; 0 until the first. */
  lifecycleSeq?: number;
  lifecycleData?: LifecycleData;
}

/** A case with its current draft revision. */
export interface CaseWithDraft extends CaseRecord {
  draft: Draft;
  /** The earliest unmet deadline's due time, when the case has one. */
  nextDueAt?: string;
}

export type NewAudit = Omit<AuditEntry, 'seq'>;

/** What goes to the customer: the JSON body POSTed to the outbox webhook. */
export interface ReleasePayload {
  /** `follow_up` for the lifecycle's follow-up message; absent for the reply. */
  kind?: OutboxKind;
  /** Where it goes, named for a review's messages: the private message, an SMS, the public reply. */
  channel?: MessageChannel;
  releaseId: string;
  caseId: string;
  orderId?: string;
  lang: Lang;
  text: string;
  offers: Offer[];
  approvedBy: string;
  releasedAt: string;
  playbookVersion: string;
}

export type OutboxStatus = 'pending' | 'delivered';
/** A case sends the customer at most one message of each kind. */
export type OutboxKind = 'reply' | 'follow_up' | 'review_sms' | 'review_public';

export interface OutboxItem {
  id: string;
  caseId: string;
  kind: OutboxKind;
  payload: ReleasePayload;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  createdAt: string;
  deliveredAt?: string;
}

/**
 * One workflow move, applied atomically as a compare-and-set: only if the case is still at
 * `from` (status and revision). Everything else in it — the new revision, the decision, the
 * audit entries, the outbox row — is written in the same transaction or not at all.
 */
export interface CaseChange {
  caseId: string;
  from: { status: WorkflowStatus; revision: number };
  to: { status: WorkflowStatus; revision: number };
  authors: string[];
  at: string;
  /** Facts after the move (answers). */
  facts?: Facts;
  /** A new draft revision (answers, edits); its number must equal `to.revision`. */
  newRevision?: DraftRevision;
  decision?: { kind: 'approved' | 'rejected'; actorId: string; reason?: string };
  audit: NewAudit[];
  /** The released reply (approval): one per case, ever. */
  release?: ReleasePayload;
  /** Deadlines the move opens and meets (release meets the first reply, opens refunds/reships). */
  deadlines?: DeadlinePlan;
}

/**
 * One lifecycle move (docs/lifecycle.md), a compare-and-set on (case id, lifecycle state,
 * sequence), with its recorded data, deadline changes, audit entries and — when a follow-up is
 * approved — its outbox message, in one transaction or not at all.
 */
export interface LifecycleChange {
  caseId: string;
  from: { state: LifecycleState; seq: number };
  to: { state: LifecycleState; seq: number };
  at: string;
  data: LifecycleData;
  deadlines?: DeadlinePlan;
  audit: NewAudit[];
  /** The approved follow-up (kind `follow_up`) or review message (`review_sms`, `review_public`): one of each per case. */
  message?: ReleasePayload;
}

/** A reminder or escalation claimed by this process: it alone posts it. */
export interface ClaimedNotice {
  caseId: string;
  notice: NoticeKind;
  kind: DeadlineKind;
  dueAt: string;
}

/** How long a refused edit is kept for its author to continue from. */
export const KEPT_EDIT_DAYS = 7;

/** The `kept_at` before which kept edits are dropped, for an edit kept at `at`. */
export function keptEditCutoff(at: string): string {
  return new Date(Date.parse(at) - KEPT_EDIT_DAYS * 86_400_000).toISOString();
}

export interface CaseFilter {
  status?: WorkflowStatus[];
  /** Work still to do: drafted cases and released ones not yet resolved (overrides `status`). */
  open?: boolean;
  /** `deadline`: by the next unmet deadline, overdue first, cases without one last; default oldest first. */
  order?: 'created' | 'deadline';
  createdBy?: string;
  limit?: number;
  offset?: number;
}

export interface Store {
  /** Inserts or replaces orders by id; returns how many were written. */
  upsertOrders(orders: Order[], at: string): Promise<number>;
  getOrder(id: string): Promise<Order | undefined>;

  /**
   * Creates a case with revision 1 of its draft and its first audit entries, atomically, under
   * the next case id (`c1`, `c2`, …), which it also writes into the draft (`draft.id`) and the
   * audit entries. One transaction per new case: the id costs no extra commit. `record.lifecycleData`
   * (a review's record) is stored with it.
   */
  createCase(record: Omit<CaseRecord, 'id'>, first: DraftRevision, audit: Omit<NewAudit, 'caseId'>[], deadlines?: Deadline[]): Promise<string>;
  getCase(id: string): Promise<CaseWithDraft | undefined>;
  listRevisions(caseId: string): Promise<DraftRevision[]>;
  /** Oldest first. */
  listCases(filter?: CaseFilter): Promise<CaseWithDraft[]>;
  /** Compare-and-set: true when applied, false when the case was no longer at `change.from`. */
  applyChange(change: CaseChange): Promise<boolean>;
  setChannel(caseId: string, channel: ChannelRef): Promise<void>;

  /** Appends one entry (personal data in `detail` masked), with its ledger link. */
  appendAudit(entry: NewAudit): Promise<void>;
  listAudit(caseId: string): Promise<AuditEntry[]>;

  /**
   * For `settle audit verify` (audit-chain.ts): the ledger's links, oldest first. Every write
   * above that stores a case, a revision, a decision, a release or an audit entry appends one
   * link covering them, in the same transaction.
   */
  ledgerLinks(): AsyncIterable<LedgerLink>;
  /** For verify: every protected row as it is now, as the ledger item that should cover it. */
  protectedItems(): AsyncIterable<LedgerItem>;

  /** Compare-and-set of a lifecycle move: true when applied, false when the case moved on. */
  applyLifecycleChange(change: LifecycleChange): Promise<boolean>;
  /** The case's deadlines, earliest due first. */
  listDeadlines(caseId: string): Promise<Deadline[]>;
  /**
   * Claims up to `limit` notices due at `now`, atomically across processes, and audits each in
   * the same transaction: an escalation for an unmet deadline past due and not yet escalated
   * (a missed reminder is then marked claimed too: never reminded late), else a reminder for one
   * whose reminder time has come. Each notice is claimed once, ever. SQLite: one conditional
   * UPDATE … RETURNING under the write lock; Postgres: UPDATE … FROM (… FOR UPDATE SKIP LOCKED).
   */
  claimDueDeadlines(now: string, limit: number): Promise<ClaimedNotice[]>;

  /** The case's outbox message of `kind` (default: the released reply). */
  getRelease(caseId: string, kind?: OutboxKind): Promise<OutboxItem | undefined>;
  /** Pending outbox rows due at `now`, oldest first (a read: nothing is claimed). */
  listDueReleases(now: string, limit: number): Promise<OutboxItem[]>;
  /**
   * Claims up to `limit` pending rows due at `now`, oldest first, by moving their
   * `nextAttemptAt` to `leaseUntil`: no other process (or pass) gets them before then. A process
   * that dies holding a claim loses it when the lease runs out and another delivers the row, with
   * the same release id as its Idempotency-Key. Postgres: `FOR UPDATE SKIP LOCKED`.
   */
  claimDueReleases(now: string, limit: number, leaseUntil: string): Promise<OutboxItem[]>;
  countPendingReleases(): Promise<number>;
  markDelivered(id: string, at: string): Promise<void>;
  markAttemptFailed(id: string, error: string, nextAttemptAt: string): Promise<void>;

  /**
   * A named lease for background work that must run on ONE process (the WAL checkpoint, the
   * lifecycle scheduler): takes it when free or expired, renews it when `holder` already holds it,
   * and answers whether `holder` holds it until `until`. A dead holder stops renewing; the lease
   * expires and another process takes it over. Times are ISO strings from the injected clock.
   */
  tryLease(name: string, holder: string, now: string, until: string): Promise<boolean>;
  /** Gives a lease up at once (a clean stop), when `holder` holds it. */
  releaseLease(name: string, holder: string): Promise<void>;

  /**
   * Remembers a request id (a platform's retry of the same event) until `expiresAt`: true the
   * first time, false for a repeat, across every process on this store.
   */
  rememberRequest(key: string, now: string, expiresAt: string): Promise<boolean>;

  /**
   * Keeps (replacing) what `actorId` typed into a refused edit of `caseId`, for every process:
   * their next Edit, wherever it lands, starts from it. Kept edits older than KEPT_EDIT_DAYS are
   * dropped on the way.
   */
  keepEdit(caseId: string, actorId: string, edit: KeptEdit, at: string): Promise<void>;
  getKeptEdit(caseId: string, actorId: string): Promise<KeptEdit | undefined>;
  /** Drops the kept edit (it was saved, or given up). */
  forgetEdit(caseId: string, actorId: string): Promise<void>;

  /** Records the case `actorId` last opened: a bare command (the console's `/approve`) acts on it. */
  setLastOpened(actorId: string, caseId: string, at: string): Promise<void>;
  getLastOpened(actorId: string): Promise<string | undefined>;

  /**
   * Read-only, for the weekly report and the labelled export: cases created in `range`
   * (`[from, to)`), oldest first (ties in filing order), each with its first and current draft,
   * decision, release and latest category correction (report-query.ts, one SQL for both stores).
   */
  listReportCases(range: TimeRange): Promise<ReportCase[]>;
  /** Read-only: training sessions that ended in `range`, and their mean total. */
  trainingFigures(range: TimeRange): Promise<TrainingFigures>;

  close(): Promise<void>;
}
