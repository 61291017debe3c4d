/**
 * The deadlines of a negative review (POLICY.md §6, 001 5.3.3), all counted from when the review
 * was posted and judged on the injected `now`: analyse it within 5 minutes (type, demand, order
 * background); contact the customer privately within 1 h when it came in working time, 2 h
 * otherwise; send the SMS fallback when that private message is still unanswered 1 h later.
 * A deadline past `now` is overdue: the case goes to a supervisor.
 */
import { isWorkingTime, type ReviewSettings } from './working-time.ts';

/** Every step with a clock, in the order they fall due. */
export const REVIEW_STEPS = ['analysis', 'private_contact', 'sms_fallback'] as const;
export type ReviewStep = (typeof REVIEW_STEPS)[number];

export interface ReviewDeadline {
  what: ReviewStep;
  /** ISO-8601 instant (UTC). */
  due: string;
  /** `overdue` once `now` has reached `due`. */
  status: 'pending' | 'overdue';
  /** Why this limit (the playbook setting and the §6 row). */
  basis: string;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** The three deadlines of a review posted at `postedAt`, judged at `now`. */
export function reviewDeadlines(postedAt: Date, now: Date, s: ReviewSettings): ReviewDeadline[] {
  const working = isWorkingTime(postedAt, s);
  const contactHours = working ? s.contactHoursWorking : s.contactHoursOff;
  const analysis = postedAt.getTime() + s.analysisMinutes * MINUTE_MS;
  const contact = postedAt.getTime() + contactHours * HOUR_MS;
  const sms = contact + s.smsAfterHours * HOUR_MS;
  const row = (what: ReviewStep, dueMs: number, basis: string): ReviewDeadline => ({
    what, due: new Date(dueMs).toISOString(), status: now.getTime() >= dueMs ? 'overdue' : 'pending', basis,
  });
  return [
    row('analysis', analysis, `§6: analyse within ${s.analysisMinutes} min (review.analysisMinutes)`),
    row('private_contact', contact, `§6: contact within ${contactHours} h, posted ${working ? 'in' : 'outside'} working time (review.${working ? 'contactHoursWorking' : 'contactHoursOff'}, ${s.timezone})`),
    row('sms_fallback', sms, `§6: SMS when the private message is unanswered ${s.smsAfterHours} h after the contact deadline (review.smsAfterHours)`),
  ];
}
