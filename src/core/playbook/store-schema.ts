/**
 * Schema of `playbooks/store.json`: every "store default" of POLICY.md, money in integer minor
 * units keyed by currency (`…Minor`), shares as clearly named percents. Strict objects: an
 * unknown key is an error, so a typo cannot silently fall back to a default.
 */
import { z } from 'zod';
import { OFFER_KINDS } from '../types.ts';
import { RULE_IDS } from './rule-ids.ts';
import { CHECKLIST_KEYS } from './keys.ts';

const minor = z.number().int().nonnegative();
/** Amounts per ISO-4217 currency code, minor units: `{ "CNY": 500, "USD": 100 }`. */
const perCurrency = z.record(z.string().regex(/^[A-Z]{3}$/, 'currency codes are 3 capital letters'), minor);
const percent = z.number().min(0).max(100);
const hours = z.number().positive().max(24 * 30);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time "HH:MM"');

/** True when the runtime knows `tz` as a time zone (Intl is part of the language, not of Node). */
function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * One lifecycle deadline: `hours` on the `working` clock (only the store's working hours count)
 * or the `calendar` one, and a reminder `remindBeforeMinutes` before it falls due.
 */
const limit = z.strictObject({
  hours,
  clock: z.enum(['working', 'calendar']),
  remindBeforeMinutes: z.number().int().nonnegative().max(24 * 60 * 7),
});

/** Matches an offer by kind and, optionally, by the rule that granted it. */
const offerMatcher = z.strictObject({ kind: z.enum(OFFER_KINDS), rule: z.enum(RULE_IDS).optional() });

/** `store.json`. */
export const storeSchema = z.strictObject({
  store: z.strictObject({
    /** Currency of the postage table and of domestic orders; other currencies count as cross-border. */
    homeCurrency: z.string().regex(/^[A-Z]{3}$/),
    /** Below this classifier confidence a human takes the case with no offer. */
    minConfidence: z.number().min(0).max(1),
  }),
  /** L-4: a missing item at or below this value counts as low-value (POLICY default ≤ ¥5). */
  lowValueMissingMaxMinor: perCurrency,
  /** refund a few percent of the item price, capped. */
  minorDefectRefund: z.strictObject({ percentMin: percent, percentMax: percent, capMinor: perCurrency })
    .refine((v) => v.percentMin <= v.percentMax, { message: 'percentMin must not exceed percentMax', path: ['percentMin'] }),
  /** the customer keeps a faulty item for this share of its price (001 5.3.3: 30 %). */
  keepItemRefundPercent: percent,
  /** L-5: keep the wrong item at this discount on the ordered item's price. */
  wrongItemKeepDiscountPercent: percent,
  /** L-1 cross-border: discount for waiting on a restock, percent of the concerned value. */
  crossBorderWaitDiscountPercent: percent,
  coupons: z.strictObject({
    /** A small coupon "for the trouble" (Q-1, Q-2, L-4, L-6). */
    smallMinor: perCurrency,
    /** Goodwill coupon outside a window (P-1) or with a listing at fault. */
    goodwillMinor: perCurrency,
    /** No coupon may exceed this (caps re-check edits against it). */
    maxMinor: perCurrency,
  }),
  /** L-4: optional small gift with a reshipped higher-value item. */
  giftValueMinor: perCurrency,
  /**
   * Q-2 safety escalation (on by default): a health or safety incident (`safetyIncident`, or the
   * classifier's `safety` signal) goes to a supervisor only, with a checklist (photos, batch number,
   * medical advice) and a reply that promises no liability. Drafts cite it as `store.safetyEscalation`.
   */
  safetyEscalation: z.boolean().default(true),
  /** L-6: offer a small coupon for a promotion-period delay (a store option). */
  promoDelayCoupon: z.boolean(),
  /** P-1: refund the difference within this many days of payment. */
  priceProtectionDays: z.number().int().positive().max(365),
  /** P-1: pay the difference as cash (`price_difference`) or as a coupon. */
  priceProtectionPayout: z.enum(['cash', 'coupon']),
  /** the no-reason return window, days after delivery. */
  sevenDayReturnDays: z.number().int().positive().max(365),
  /** §4: the postage standard when the seller pays (what the store charged). */
  postage: z.strictObject({
    /** Region groups with their own rate, in home-currency minor units (江浙沪 ¥6). */
    regionsMinor: z.array(z.strictObject({ name: z.string().min(1), regions: z.array(z.string().min(1)).min(1), minor })),
    /** Elsewhere in the home country (¥10–15). */
    homeDefaultMinor: minor,
    /** Other countries, per order currency; a currency missing here means: ask the agent. */
    otherCountriesMinor: perCurrency,
  }),
  approval: z.strictObject({
    /** Largest single money offer an agent may release alone, per currency; none listed → supervisor. */
    agentMaxMinor: perCurrency,
    /** Offers an agent may release at any amount (they return what was paid for nothing received). */
    agentAnyAmount: z.array(offerMatcher),
    /** Offers that always need a supervisor (L-4 refund of a low-value item, L-5 without a return). */
    supervisorAlways: z.array(offerMatcher),
  }),
  malicious: z.strictObject({
    /** M-1: a malicious draft offers no money. Anything but 0 is refused. */
    offerMaxMinor: z.literal(0, { error: 'M-1: a malicious draft offers no money, so this must be 0' }),
    /** M-1: evidence the agent collects before escalating. */
    evidenceChecklist: z.array(z.enum(CHECKLIST_KEYS)).min(1),
  }),
  /** §6 time limits, used in T-7 commitments. */
  sla: z.strictObject({
    firstReplyHours: hours,
    reshipTrackingHours: hours,
    followUpHours: hours,
    refundUnshippedHours: hours,
    refundAfterReturnHours: hours,
    returnPickupHours: hours,
    trackingUpdateHours: hours,
    courierCheckHours: hours,
    verifyHours: hours,
    supervisorReviewHours: hours,
    /** Once the customer picks one of the offered options, it is carried out within this time. */
    actOnChoiceHours: hours,
    inspectionWorkdays: z.strictObject({ min: z.number().int().positive(), max: z.number().int().positive() }),
    crossBorderDisputeDays: z.number().int().positive(),
  }),
  /**
   * Negative reviews (POLICY.md §6, 001 5.3.3): when the store works, and the review deadlines.
   * Optional, so a playbook written before reviews existed still loads; `settle review` names
   * this key when it is missing.
   */
  review: z.strictObject({
    /** IANA time zone of the store's working hours ("Asia/Shanghai"). */
    timezone: z.string().refine(isTimeZone, 'not an IANA time zone (e.g. "Asia/Shanghai")'),
    /** ISO weekdays the store works: 1 = Monday … 7 = Sunday. */
    workingDays: z.array(z.number().int().min(1).max(7)).min(1),
    /** Local working hours, "HH:MM" (end exclusive). */
    workingHours: z.strictObject({ start: clock, end: clock })
      .refine((h) => h.start < h.end, { message: 'start must be before end', path: ['start'] }),
    /** Local dates (YYYY-MM-DD) that are not working days although their weekday is. */
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD')).default([]),
    /** A rating at or below this (1–5) is a negative review. */
    negativeAtOrBelow: z.number().int().min(1).max(5),
    /** Analyse the review (type, demand, order background) within this many minutes. */
    analysisMinutes: z.number().positive().max(24 * 60),
    /** Contact the customer privately within this many hours when the review came in working time… */
    contactHoursWorking: hours,
    /** … and within this many otherwise (001 5.3.3: 1 h on workdays, 2 h otherwise). */
    contactHoursOff: hours,
    /** The SMS fallback when the private message is still unanswered this many hours later. */
    smsAfterHours: hours,
    /** How many minutes before the analysis and the private-contact deadlines the case is reminded. */
    remindBeforeMinutes: z.strictObject({
      analysis: z.number().int().min(0).max(24 * 60),
      contact: z.number().int().min(0).max(24 * 60),
    }).default({ analysis: 2, contact: 15 }),
  }).optional(),
  /**
   * The weekly report's post to the supervisors' channel (POLICY.md §7, 002): on this ISO weekday
   * (1 = Monday) from this hour on, in the store's time zone (`review.timezone`), the report of
   * the last full week is posted once, with its chart, in `lang`. Absent → no post.
   */
  weeklyReport: z.strictObject({
    weekday: z.number().int().min(1).max(7),
    hour: z.number().int().min(0).max(23),
    lang: z.enum(['zh', 'en']),
  }).optional(),
  /**
   * The lifecycle after release (POLICY.md §6, §7; docs/lifecycle.md): the store's working time
   * and each deadline Settle keeps, with when to remind before it falls due. Optional, so a
   * playbook written before the lifecycle still loads; without it no deadlines are kept.
   */
  lifecycle: z.strictObject({
    /** IANA time zone of the working hours ("Asia/Shanghai"). */
    timezone: z.string().refine(isTimeZone, 'not an IANA time zone (e.g. "Asia/Shanghai")'),
    /** ISO weekdays the desk works: 1 = Monday … 7 = Sunday. */
    workingDays: z.array(z.number().int().min(1).max(7)).min(1),
    /** Local working hours, "HH:MM" (end exclusive). */
    workingHours: z.strictObject({ start: clock, end: clock })
      .refine((h) => h.start < h.end, { message: 'start must be before end', path: ['start'] }),
    /** Local dates (YYYY-MM-DD) that are not working days although their weekday is. */
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD')).default([]),
    limits: z.strictObject({
      /** First reply to a complaint (001 5.4.5): 1 working hour, never past `maxHours` on the calendar. */
      firstReply: limit.extend({ maxHours: hours.optional() }),
      /** Refund of an unshipped order (001 5.2.3). */
      refundUnshipped: limit,
      /** The reship's tracking number to the customer (001 5.3.3). */
      reshipTracking: limit,
      /** Follow-up after the fix: solved? satisfied? (001 5.3.3). */
      followUp: limit,
      /** Refund once the return has arrived (001 5.2.3). */
      refundAfterReturn: limit,
      /** Cross-border platform dispute: respond within the window or the platform refunds (004 技巧1). */
      crossBorderDispute: limit,
    }),
  }).optional(),
});
export type StoreSettings = z.infer<typeof storeSchema>;
export type LifecycleSettings = NonNullable<StoreSettings['lifecycle']>;
export type LimitSettings = LifecycleSettings['limits']['followUp'];
export type OfferMatcher = z.infer<typeof offerMatcher>;
