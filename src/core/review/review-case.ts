/**
 * A negative review filed as a case on the desk (kind review; POLICY.md T-5, T-6, M-1, §6; seeds
 * 001 5.3.3). The case's draft is the private-contact message, approved and released like any
 * reply; what the review adds is kept with the case (`ReviewRecord`) and moved on here, pure:
 *
 * - its deadlines, counted from `postedAt` (the same as `settle review`): the analysis (met when
 *   Settle analysed it in time), the private contact (met when the private message is released),
 *   the SMS fallback (drafted when the private message is still unanswered `smsAfterHours` after
 *   it went out; met when the SMS goes out or the customer answers);
 * - the agent's record of each contact: answered, unanswered or solved, by message, SMS or phone
 *   (a phone call only with the customer's consent, recorded);
 * - the public reply, which only says the problem was handled and goes out only once the private
 *   case is resolved (the customer said it is solved).
 * Every message goes out through approval and the outbox, with its channel named.
 */
import { UserError } from '../errors.ts';
import type { Deadline, DeadlineKind, DeadlinePlan } from '../lifecycle/deadlines.ts';
import { DEADLINE_KINDS } from '../lifecycle/deadlines.ts';
import type { Lang, Role } from '../types.ts';
import type { LifecycleState } from '../workflow/lifecycle.ts';
import { roleAtLeast } from '../workflow/case-state.ts';
import { reviewDeadlines, type ReviewStep } from './deadlines.ts';
import type { ReviewAnswer } from './handle-review.ts';
import type { ReviewSettings } from './working-time.ts';

/** Where a message to the customer goes. */
export type MessageChannel = 'platform_message' | 'sms' | 'public_review';

/** How the agent reached (or tried to reach) the customer. */
export type ContactChannel = 'message' | 'sms' | 'phone';
export const CONTACT_OUTCOMES = ['answered', 'unanswered', 'solved'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** A message of the review drafted by Settle, approved by a person, sent through the outbox. */
export interface ReviewMessage {
  text: string;
  lang: Lang;
  channel: MessageChannel;
  status: 'planned' | 'drafted' | 'sent';
  draftedAt?: string;
  approvedBy?: string;
  sentAt?: string;
  messageId?: string;
}

/** What a review case keeps besides its draft (the private-contact message). */
export interface ReviewRecord {
  rating: number;
  postedAt: string;
  negative: boolean;
  analysis: ReviewAnswer['analysis'];
  /** M-1: the neutral factual public reply, the evidence checklist, no money. */
  malicious: boolean;
  checklist: string[];
  /** The lowest role that may release the public reply (a supervisor for a malicious review). */
  publicApproval: Role;
  sms: ReviewMessage;
  publicReply: ReviewMessage;
  contacts: { at: string; by: string; outcome: ContactOutcome; channel: ContactChannel; consent?: boolean; note?: string }[];
}

/** A move on a review case after the private message went out. */
export type ReviewMove =
  | { step: 'contact'; outcome: ContactOutcome; channel: ContactChannel; consent?: boolean; note?: string }
  | { step: 'send_sms' }
  | { step: 'send_public' };

const KIND_OF: Record<ReviewStep, DeadlineKind> = { analysis: 'review_analysis', private_contact: 'review_contact', sms_fallback: 'review_sms' };
const MINUTE_MS = 60_000;

/** The record and deadlines of a review filed at `now` (a non-negative review keeps no deadline). */
export function reviewCase(answer: ReviewAnswer, postedAt: Date, now: Date, s: ReviewSettings): { record: ReviewRecord; deadlines: Deadline[] } {
  const malicious = answer.analysis.category === 'malicious';
  const record: ReviewRecord = {
    rating: answer.rating, postedAt: postedAt.toISOString(), negative: answer.negative, analysis: answer.analysis, malicious,
    checklist: answer.checklist, publicApproval: malicious ? 'supervisor' : 'agent',
    sms: { text: answer.smsDraft.text, lang: answer.smsDraft.lang, channel: 'sms', status: 'planned' },
    publicReply: { text: answer.publicReply.text, lang: answer.publicReply.lang, channel: 'public_review', status: 'planned' },
    contacts: [],
  };
  if (!answer.negative) return { record, deadlines: [] };
  const at = now.toISOString();
  const deadlines = reviewDeadlines(postedAt, now, s).map((d): Deadline => {
    const due = Date.parse(d.due);
    // The SMS has no reminder before the private message is out (releasedPlan sets it then).
    // The reminders before the analysis and contact deadlines are the playbook's (review.remindBeforeMinutes).
    const before = d.what === 'analysis' ? s.remindBeforeMinutes.analysis : s.remindBeforeMinutes.contact;
    const remind = d.what === 'sms_fallback' ? due : Math.max(postedAt.getTime(), due - before * MINUTE_MS);
    const row: Deadline = { kind: KIND_OF[d.what], openedAt: record.postedAt, dueAt: d.due, remindAt: new Date(remind).toISOString() };
    // Settle analyses at intake: met when that is in time; a late intake is escalated instead.
    if (d.what === 'analysis' && d.status === 'pending') row.metAt = at;
    return row;
  });
  return { record, deadlines };
}

/**
 * What releasing the private message adds to the deadline plan: the contact is met, and the SMS
 * fallback's reminder — when Settle drafts the SMS if nobody answered — comes `smsAfterHours`
 * after the message went out (never after the SMS deadline itself).
 */
export function releasedPlan(current: readonly Deadline[], at: Date, s: ReviewSettings): DeadlinePlan {
  const sms = current.find((d) => d.kind === 'review_sms' && !d.metAt);
  if (!current.some((d) => d.kind === 'review_contact')) return { open: [], meet: [] };
  const open: Deadline[] = [];
  if (sms) {
    const remind = Math.min(Date.parse(sms.dueAt), at.getTime() + s.smsAfterHours * 60 * MINUTE_MS);
    open.push({ kind: 'review_sms', openedAt: at.toISOString(), dueAt: sms.dueAt, remindAt: new Date(remind).toISOString() });
  }
  return { open, meet: ['review_contact'] };
}

/** True when the private message was answered (or the case solved): no SMS is needed. */
export function answered(r: ReviewRecord): boolean {
  return r.contacts.some((c) => c.outcome !== 'unanswered');
}

/** The SMS fallback drafted (scheduler), or undefined when it is not needed or already drafted. */
export function draftSms(r: ReviewRecord, state: LifecycleState | undefined, at: string): ReviewRecord | undefined {
  if (state === undefined || state === 'resolved' || answered(r) || r.sms.status !== 'planned') return undefined;
  return { ...r, sms: { ...r.sms, status: 'drafted', draftedAt: at } };
}

/** A planned review move: the record after it, the lifecycle state, deadlines, and a message to send. */
export interface ReviewPlan {
  record: ReviewRecord;
  state: LifecycleState;
  deadlines: DeadlinePlan;
  /** The message approved by this move (it goes to the outbox). */
  message?: { kind: 'review_sms' | 'review_public'; text: string; lang: Lang; channel: MessageChannel };
  /** The move had been made already (a second approval): nothing is sent twice. */
  already?: boolean;
  audit: string;
}

/** Checks a move against the case's lifecycle state and the actor's role. Throws UserError. */
export function planReviewMove(r: ReviewRecord, state: LifecycleState | undefined, role: Role, actorId: string, move: ReviewMove, at: string, caseId: string): ReviewPlan {
  if (state === undefined) throw new UserError('invalid_transition', `${caseId}: approve the private-contact draft first; nothing else goes to the customer before it.`);
  const none: DeadlinePlan = { open: [], meet: [] };
  switch (move.step) {
    case 'contact': {
      if (state === 'resolved') throw new UserError('invalid_transition', `${caseId} is resolved already; reopen it to record more contacts.`);
      if (move.channel === 'phone' && move.consent !== true) {
        throw new UserError('invalid_input', "A phone call only with the customer's consent (001 5.3.3): ask first by message, then record it as phone consent.");
      }
      const contact = { at, by: actorId, outcome: move.outcome, channel: move.channel, ...(move.channel === 'phone' ? { consent: true } : {}), ...(move.note?.trim() ? { note: move.note.trim() } : {}) };
      const record = { ...r, contacts: [...r.contacts, contact] };
      if (move.outcome === 'solved') return { record, state: 'resolved', deadlines: { open: [], meet: [...DEADLINE_KINDS] }, audit: 'review_solved' };
      return { record, state, deadlines: move.outcome === 'answered' ? { open: [], meet: ['review_sms'] } : none, audit: `review_${move.outcome}` };
    }
    case 'send_sms': {
      if (r.sms.status === 'sent') return { record: r, state, deadlines: none, already: true, audit: 'review_sms_sent' };
      if (r.sms.status !== 'drafted') {
        throw new UserError('invalid_transition', `${caseId}: no SMS is drafted; Settle drafts it when the private message is still unanswered review.smsAfterHours after it went out.`);
      }
      const record = { ...r, sms: { ...r.sms, status: 'sent' as const, approvedBy: actorId, sentAt: at } };
      return { record, state, deadlines: { open: [], meet: ['review_sms'] }, message: { kind: 'review_sms', text: r.sms.text, lang: r.sms.lang, channel: 'sms' }, audit: 'review_sms_sent' };
    }
    case 'send_public': {
      if (r.publicReply.status === 'sent') return { record: r, state, deadlines: none, already: true, audit: 'review_public_sent' };
      if (state !== 'resolved') {
        throw new UserError('invalid_transition', `${caseId}: the public reply goes out only after the private case is resolved (now ${state.replace('_', ' ')}). Record the customer's answer as solved first.`, { state });
      }
      if (!roleAtLeast(role, r.publicApproval)) throw new UserError('forbidden_role', `Only a supervisor may release the public reply to this review (M-1).`, { needed: r.publicApproval });
      const record = { ...r, publicReply: { ...r.publicReply, status: 'sent' as const, approvedBy: actorId, sentAt: at } };
      return { record, state, deadlines: none, message: { kind: 'review_public', text: r.publicReply.text, lang: r.publicReply.lang, channel: 'public_review' }, audit: 'review_public_sent' };
    }
  }
}
