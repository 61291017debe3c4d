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
}

/** A case with its current draft revision. */
export interface CaseWithDraft extends CaseRecord {
  draft: Draft;
}

export type NewAudit = Omit<AuditEntry, 'seq'>;

/** What goes to the customer: the JSON body POSTed to the outbox webhook. */
export interface ReleasePayload {
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

export interface OutboxItem {
  id: string;
  caseId: string;
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
}

/** How long a refused edit is kept for its author to continue from. */
export const KEPT_EDIT_DAYS = 7;

/** The `kept_at` before which kept edits are dropped, for an edit kept at `at`. */
export function keptEditCutoff(at: string): string {
  return new Date(Date.parse(at) - KEPT_EDIT_DAYS * 86_400_000).toISOString();
}

export interface CaseFilter {
  status?: WorkflowStatus[];
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
   * audit entries. One transaction per new case: the id costs no extra commit.
   */
  createCase(record: Omit<CaseRecord, 'id'>, first: DraftRevision, audit: Omit<NewAudit, 'caseId'>[]): Promise<string>;
  getCase(id: string): Promise<CaseWithDraft | undefined>;
  listRevisions(caseId: string): Promise<DraftRevision[]>;
  /** Oldest first. */
  listCases(filter?: CaseFilter): Promise<CaseWithDraft[]>;
  /** Compare-and-set: true when applied, false when the case was no longer at `change.from`. */
  applyChange(change: CaseChange): Promise<boolean>;
  setChannel(caseId: string, channel: ChannelRef): Promise<void>;

  appendAudit(entry: NewAudit): Promise<void>;
  listAudit(caseId: string): Promise<AuditEntry[]>;

  getRelease(caseId: string): Promise<OutboxItem | undefined>;
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
   * Read-only, for the weekly report and the labelled export: cases created in `range`, oldest
   * first. SQLite only for now (absent on Postgres: `settle report` says so).
   */
  listReportCases?(range: TimeRange): Promise<ReportCase[]>;
  /** Read-only: training sessions that ended in `range`. */
  trainingFigures?(range: TimeRange): Promise<TrainingFigures>;

  close(): Promise<void>;
}
