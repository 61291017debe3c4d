/**
 * The §6 deadlines of a case (POLICY.md §6), pure: which deadlines an event opens and which it
 * meets, when each falls due on the store's working or calendar clock, and — on the injected
 * `now` — which reminders (before a deadline) and escalations (once it has passed) are due.
 * The store keeps the deadlines with the case and claims each notice once (Store.claimDueDeadlines).
 */
import type { LifecycleSettings } from '../playbook/store-schema.ts';
import type { OfferKind } from '../types.ts';
import { addWorkingMinutes } from './working-clock.ts';

export const DEADLINE_KINDS = ['first_reply', 'refund_unshipped', 'reship_tracking', 'follow_up', 'refund_after_return', 'cross_border'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** The playbook limit (lifecycle.limits.*) behind each deadline. */
export const LIMIT_OF: Record<DeadlineKind, keyof LifecycleSettings['limits']> = {
  first_reply: 'firstReply', refund_unshipped: 'refundUnshipped', reship_tracking: 'reshipTracking',
  follow_up: 'followUp', refund_after_return: 'refundAfterReturn', cross_border: 'crossBorderDispute',
};

/** What a person is told a deadline is about. */
export const DEADLINE_LABEL: Record<DeadlineKind, string> = {
  first_reply: 'first reply to the customer',
  refund_unshipped: 'refund of the unshipped order',
  reship_tracking: "the reship's tracking number to the customer",
  follow_up: 'follow-up: solved? satisfied?',
  refund_after_return: 'refund after the return arrived',
  cross_border: 'cross-border dispute response',
};

/** One deadline of one case. Times are ISO-8601 instants (UTC). */
export interface Deadline {
  kind: DeadlineKind;
  openedAt: string;
  dueAt: string;
  /** When the reminder goes out (before `dueAt`). */
  remindAt: string;
  /** Set when what the deadline asks for was done. */
  metAt?: string;
  /** Set when the reminder was claimed (once, across processes). */
  remindedAt?: string;
  /** Set when the escalation was claimed. */
  escalatedAt?: string;
}

/** What `execute` records: what was done for the customer. At least one is given. */
export interface ExecutionRecord {
  trackingNumber?: string;
  refundId?: string;
  repairTicket?: string;
  note?: string;
}

/** The events that open or meet deadlines. */
export type DeadlineEvent =
  | { kind: 'filed'; at: Date; crossBorder: boolean }
  | { kind: 'released'; at: Date; unshipped: boolean; offers: readonly OfferKind[] }
  | { kind: 'return_arrived'; at: Date }
  | { kind: 'executed'; at: Date; record: ExecutionRecord }
  | { kind: 'followed_up'; at: Date }
  | { kind: 'resolved'; at: Date }
  | { kind: 'reopened'; at: Date };

/** Deadlines to open (insert, or restart when the kind exists) and kinds to mark met. */
export interface DeadlinePlan {
  open: Deadline[];
  meet: DeadlineKind[];
}

const MINUTE_MS = 60_000;
const REFUNDS: readonly OfferKind[] = ['refund', 'partial_refund', 'return_refund', 'price_difference'];

/** When `kind`, opened at `from`, falls due: on the working clock or the calendar, capped by `maxHours`. */
export function dueFor(kind: DeadlineKind, from: Date, s: LifecycleSettings): Date {
  const limit = s.limits[LIMIT_OF[kind]];
  const calendar = (hours: number) => new Date(from.getTime() + hours * 60 * MINUTE_MS);
  const due = limit.clock === 'working' ? addWorkingMinutes(from, limit.hours * 60, s) : calendar(limit.hours);
  const max = 'maxHours' in limit ? limit.maxHours : undefined;
  return max !== undefined && calendar(max) < due ? calendar(max) : due;
}

/** A deadline opened at `from`, with its reminder `remindBeforeMinutes` before it (never before it opens). */
export function openDeadline(kind: DeadlineKind, from: Date, s: LifecycleSettings): Deadline {
  const due = dueFor(kind, from, s);
  const remind = Math.max(from.getTime(), due.getTime() - s.limits[LIMIT_OF[kind]].remindBeforeMinutes * MINUTE_MS);
  return { kind, openedAt: from.toISOString(), dueAt: due.toISOString(), remindAt: new Date(remind).toISOString() };
}

/** The deadlines an event opens and meets (POLICY.md §6; docs/lifecycle.md has the table). */
export function planDeadlines(event: DeadlineEvent, s: LifecycleSettings): DeadlinePlan {
  const open = (...kinds: DeadlineKind[]) => kinds.map((k) => openDeadline(k, event.at, s));
  switch (event.kind) {
    case 'filed':
      return { open: open('first_reply', ...(event.crossBorder ? ['cross_border' as const] : [])), meet: [] };
    case 'released': {
      const kinds: DeadlineKind[] = [];
      if (event.unshipped && event.offers.some((k) => REFUNDS.includes(k))) kinds.push('refund_unshipped');
      if (event.offers.includes('reship')) kinds.push('reship_tracking');
      return { open: open(...kinds), meet: ['first_reply'] };
    }
    case 'return_arrived':
      return { open: open('refund_after_return'), meet: [] };
    case 'executed': {
      const meet: DeadlineKind[] = ['cross_border'];
      if (event.record.refundId) meet.push('refund_unshipped', 'refund_after_return');
      if (event.record.trackingNumber) meet.push('reship_tracking');
      return { open: open('follow_up'), meet };
    }
    case 'followed_up':
      return { open: [], meet: ['follow_up'] };
    case 'resolved':
      // A resolved case owes nothing more: every open deadline is closed with it.
      return { open: [], meet: [...DEADLINE_KINDS] };
    case 'reopened':
      // The next execution opens the follow-up again.
      return { open: [], meet: [] };
  }
}

/** Applies a plan to a case's deadlines (what the store does in SQL, for views and tests). */
export function applyDeadlinePlan(current: readonly Deadline[], plan: DeadlinePlan, at: Date): Deadline[] {
  const byKind = new Map(current.map((d) => [d.kind, { ...d }]));
  for (const kind of plan.meet) {
    const d = byKind.get(kind);
    if (d && !d.metAt) d.metAt = at.toISOString();
  }
  for (const d of plan.open) byKind.set(d.kind, { ...d });
  return [...byKind.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

export type NoticeKind = 'reminder' | 'escalation';

/** A notice that is due: a reminder in the case's thread, or an escalation to the supervisors. */
export interface DueNotice {
  notice: NoticeKind;
  deadline: Deadline;
}

/**
 * The notices due at `now`: an escalation for each unmet deadline past due and not yet escalated;
 * a reminder for each unmet one whose reminder time has come, not yet reminded, and not yet due
 * (a deadline that passed unreminded — Settle was down — is escalated, not reminded too late).
 */
export function dueNotices(deadlines: readonly Deadline[], now: Date): DueNotice[] {
  const t = now.toISOString();
  const out: DueNotice[] = [];
  for (const d of deadlines) {
    if (d.metAt) continue;
    if (d.dueAt <= t) {
      if (!d.escalatedAt) out.push({ notice: 'escalation', deadline: d });
    } else if (d.remindAt <= t && !d.remindedAt) {
      out.push({ notice: 'reminder', deadline: d });
    }
  }
  return out;
}

/** The unmet deadline that falls due first (the queue's sort key), or undefined. */
export function nextDeadline(deadlines: readonly Deadline[]): Deadline | undefined {
  return deadlines.filter((d) => !d.metAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
}
