/**
 * The desk: the one application service every front end (console, Slack, Discord) calls.
 * Adapters translate platform events into these calls and render the results; they hold no
 * complaint logic of their own. The implementation composes the pure core (classify, decide,
 * the approval state machine) with the ports (store, clock, LLM, outbox).
 *
 * Errors a person can act on are thrown as `UserError` (src/core/errors.ts) with a code:
 * `not_found`, `unknown_order`, `stale_revision`, `already_decided`, `forbidden_role`,
 * `forbidden_author`, `over_cap`, `release_refused` (the reply breaks a release rule or names money
 * no offer backs: `details.rule` and `details.quote`), `invalid_transition`, `invalid_input`,
 * `message_too_long`, `empty_message`. Adapters show them politely; anything else is a crash.
 */
import type { Classification, Draft, Facts, FactKey, Lang, Offer, Role } from '../core/types.ts';
import type { AuditEntry, ChannelRef, KeptEdit, Platform } from '../store/records.ts';
import type { Deadline } from '../core/lifecycle/deadlines.ts';
import type { LifecycleAction, LifecycleMove, LifecycleState } from '../core/workflow/lifecycle.ts';
import type { LifecycleData } from '../store/store.ts';
import type { ReviewMove, ReviewRecord } from '../core/review/review-case.ts';

// The store port owns these records; the desk shows them as they are.
export type { AuditEntry, ChannelRef, DraftRevision, KeptEdit, Platform } from '../store/records.ts';

/** Who acts. `role` is decided by the adapter from platform config (supervisor ids, roles) at click time. */
export interface Actor {
  /** Stable id, prefixed by platform: `slack:U123`, `discord:456`, `console:li`. */
  id: string;
  displayName: string;
  role: Role;
  platform: Platform;
}

/** drafted → (edited)* → approved | rejected; approved → released. */
export type CaseStatus = 'drafted' | 'approved' | 'rejected' | 'released';

export interface SubmitInput {
  actor: Actor;
  message: string;
  orderId?: string;
  lang?: Lang;
  /** Facts in CONTRACT.md form (money facts in major units). */
  facts?: Partial<Record<FactKey, boolean | number | string>>;
  customer?: import('../core/types.ts').CustomerContext;
  channel?: ChannelRef;
}

/** What adapters render: the case with its current draft. */
export interface CaseView {
  id: string;
  status: CaseStatus;
  /** Compare-and-set token: pass it back on approve/edit/reject/answer. */
  revision: number;
  message: string;
  orderId?: string;
  facts: Facts;
  classification: Classification;
  draft: Draft;
  /** Actor id of whoever filed the case. */
  createdBy: string;
  /** Actor ids who authored or edited the current draft: none of them may approve it. */
  authors: string[];
  createdAt: string;
  updatedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  rejectReason?: string;
  /** Set once released: the exact text and offers that went out. */
  release?: { id: string; text: string; offers: Offer[]; releasedAt: string };
  channel?: ChannelRef;
  /** The case's §6 deadlines, earliest due first (empty when the playbook keeps none). */
  deadlines: Deadline[];
  /** Set once released: where the case is after release (docs/lifecycle.md). */
  lifecycle?: LifecycleView;
  /** A negative review's record (kind review): its analysis, contacts, SMS and public reply. */
  review?: ReviewRecord;
}

/** A negative review to file as a case (`/settle review`, `/review`). */
export interface ReviewSubmitInput {
  actor: Actor;
  /** Stars, 1 to 5. */
  rating: number;
  /** The review's words. */
  text: string;
  orderId?: string;
  /** When the review was posted (ISO-8601); default now. Its deadlines count from here. */
  postedAt?: string;
  lang?: Lang;
  channel?: ChannelRef;
}

export interface LifecycleView {
  state: LifecycleState;
  /** Compare-and-set token: pass it back on a lifecycle move. */
  seq: number;
  /** The moves the table opens from this state. */
  moves: LifecycleAction[];
  data: LifecycleData;
  /** T-4: the polite review-update request, offered only when the customer said it is solved. */
  reviewRequest?: string;
}

export interface CaseSummary {
  id: string;
  status: CaseStatus;
  category: Draft['category'];
  subtype: Draft['subtype'];
  approval: Role;
  escalate: boolean;
  createdBy: string;
  createdAt: string;
  /** First 80 characters of the customer's message. */
  preview: string;
  lifecycle?: LifecycleState;
  /** The earliest unmet deadline's due time. */
  nextDueAt?: string;
}

export interface EditInput {
  replyText?: string;
  /** Amounts by offer index, minor units. */
  amounts?: { index: number; amountMinor: number }[];
}

/** Result of an approval click: `released` the first time, `already` for a repeat. */
export interface ApproveResult {
  outcome: 'released' | 'already';
  view: CaseView;
}

/** A label correction: what the case was labelled before and what it is now. */
export interface LabelResult {
  caseId: string;
  before: { category: Draft['category']; subtype: Draft['subtype'] };
  after: { category: Draft['category']; subtype: Draft['subtype'] };
}

/** How long a delivery id is remembered: Slack and proxies replay within minutes. */
export const DELIVERY_MEMORY_MS = 15 * 60_000;

export interface Desk {
  submit(input: SubmitInput): Promise<CaseView>;
  /**
   * Claims a platform delivery id (Slack's trigger_id, Discord's interaction id) in the store:
   * true the first time, false for a replay — after a restart or at another process too — so a
   * replayed request files nothing. Remembered for DELIVERY_MEMORY_MS.
   */
  claimDelivery(key: string): Promise<boolean>;
  get(caseId: string): Promise<CaseView>;
  /** Answer one of the draft's questions; the draft is decided again with the new fact. */
  answer(caseId: string, actor: Actor, fact: FactKey, value: boolean | number | string, expectedRevision: number): Promise<CaseView>;
  edit(caseId: string, actor: Actor, edit: EditInput, expectedRevision: number): Promise<CaseView>;
  /** Approves and releases exactly once; a repeat returns `already`, never a second release. */
  approve(caseId: string, actor: Actor, expectedRevision: number): Promise<ApproveResult>;
  reject(caseId: string, actor: Actor, reason: string, expectedRevision: number): Promise<CaseView>;
  /** Open cases (drafted), oldest first; `mine` limits to cases the actor filed. */
  queue(filter?: { createdBy?: string; limit?: number; offset?: number }): Promise<CaseSummary[]>;
  history(caseId: string): Promise<AuditEntry[]>;
  /**
   * A supervisor corrects (or confirms) what the customer's message is: a POLICY.md §1 category
   * and subtype (case-label.ts reads the words). Audited as `category_corrected` with the label
   * before; the draft is not changed. It is what `settle export --labelled` teaches the classifier.
   */
  label(caseId: string, actor: Actor, category: string, subtype?: string): Promise<LabelResult>;
  /** Record an attempt that was refused before reaching the desk (e.g. an unauthorised click). */
  recordDenied(caseId: string, actor: Actor, action: string, reason: string, detail?: Record<string, unknown>): Promise<void>;
  setChannel(caseId: string, channel: ChannelRef): Promise<void>;
  /**
   * What a person typed into an edit the desk refused, kept in the store so their next Edit —
   * at any process on this store — starts from it; forgotten once an edit of theirs is saved.
   */
  keepEdit(caseId: string, actor: Actor, edit: KeptEdit): Promise<void>;
  keptEdit(caseId: string, actor: Actor): Promise<KeptEdit | undefined>;
  forgetEdit(caseId: string, actor: Actor): Promise<void>;
  /** The case a person last opened (in the store: every console and process on it agrees). */
  opened(actor: Actor, caseId: string): Promise<void>;
  lastOpened(actor: Actor): Promise<string | undefined>;

  /**
   * A move after release (execute, return arrived, record the follow-up's answer, resolve,
   * reopen), checked against the transition table and applied as one compare-and-set on the
   * lifecycle step `expectedSeq` the actor saw; audited.
   */
  lifecycle(caseId: string, actor: Actor, move: LifecycleMove, expectedSeq: number): Promise<CaseView>;
  /**
   * Drafts the follow-up message (solved? satisfied?) when its deadline comes due (the scheduler
   * calls it); `drafted` false when one was drafted already or the case moved on.
   */
  draftFollowUp(caseId: string): Promise<{ drafted: boolean; view: CaseView }>;
  /** Approves the drafted follow-up: it goes to the customer through the outbox, once. */
  approveFollowUp(caseId: string, actor: Actor, expectedSeq: number): Promise<ApproveResult>;

  /**
   * Files a negative review as a case (core/review/review-case.ts): analysed at once, its draft the
   * private-contact message, its deadlines counted from `postedAt` on the desk's clock.
   */
  fileReview(input: ReviewSubmitInput): Promise<CaseView>;
  /**
   * A move on a released review case: record a contact (answered, unanswered, solved; a phone call
   * only with consent), approve the drafted SMS, or release the public reply (only once the private
   * case is resolved). One compare-and-set on the lifecycle step `expectedSeq`; `already` for a
   * message approved before.
   */
  reviewMove(caseId: string, actor: Actor, move: ReviewMove, expectedSeq: number): Promise<ApproveResult>;
  /** Drafts the SMS fallback when the private message is still unanswered (the scheduler calls it). */
  draftReviewSms(caseId: string): Promise<{ drafted: boolean; view: CaseView }>;
}
