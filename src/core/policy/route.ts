/**
 * Routing by context (issue 15): which rule decides a case is read from the order, the agent's
 * facts and the classification together, not from the words alone. A fact that belongs to a rule
 * routes the case to that rule (CONTRACT.md facts table and additions): a paid, unshipped order
 * with `restockExpected` is L-1 whatever the words; `deliveryProblem` is L-3; `priceNow` is P-1 …
 * The classifier's subtype wins whenever one of the given facts belongs to it. Timestamps are
 * measured against the injected clock `c.now`. Pure.
 */
import type { Playbook } from '../playbook/schema.ts';
import {
  SUBTYPES, categoryOf, type CaseInput, type Category, type Classification, type DisputeCategory, type Subtype,
} from '../types.ts';
import { hasDelivered, hasShipped } from './case-context.ts';
import { asksForRepair, reportsSafetyIncident } from './message-cues.ts';

/** Where a case is decided, and why it left the classifier's route. */
export interface Route {
  category: Category;
  subtype: Subtype | '';
  /** Short ids of what moved the route (`fact:restockExpected`, `order:unpaid` …); empty when the classifier decided. */
  reasons: string[];
  /** Q-2 safety escalation applies (the playbook setting is on and an incident is reported). */
  safety: boolean;
  /** M-2: a real problem inside a hostile message: handled by its own rule after a supervisor's review. */
  hostile: boolean;
}

function belongs<C extends DisputeCategory>(category: C, subtype: string): subtype is (typeof SUBTYPES)[C][number] {
  return (SUBTYPES[category] as readonly string[]).includes(subtype);
}

/** The classifier's route: below the store's confidence floor, or with no subtype, a human takes it. */
export function classifierRoute(cls: Classification, minConfidence: number): { category: Category; subtype: Subtype | '' } {
  const known = cls.category !== 'other' && cls.subtype !== '' && belongs(cls.category as DisputeCategory, cls.subtype);
  if (!known || cls.confidence < minConfidence) return { category: 'other', subtype: '' };
  return { category: cls.category, subtype: cls.subtype as Subtype };
}

/** §4 row 1: shipped (or still unshipped at `now`) later than `paidAt` + `promisedShipHours`. Undefined when unknown. */
export function shippedLate(c: CaseInput): boolean | undefined {
  const o = c.order;
  if (!o || o.promisedShipHours === undefined || !o.paidAt || o.status === 'unpaid') return undefined;
  const due = Date.parse(o.paidAt) + o.promisedShipHours * 3_600_000;
  const shipped = o.shippedAt ? Date.parse(o.shippedAt) : hasShipped(c) === true ? NaN : c.now.getTime();
  if (Number.isNaN(due) || Number.isNaN(shipped)) return undefined;
  return shipped > due;
}

/** L-3: which subtype a tracking finding is (POLICY.md §1: 超区 is not_received; failed, returned, customs are anomalies). */
function deliverySubtype(c: CaseInput): Subtype {
  return c.facts.deliveryProblem === 'out_of_zone' ? 'not_received' : 'tracking_anomaly';
}

/**
 * The subtypes the given facts belong to, most specific first. Each fact only counts where the
 * order allows it (L-1 facts need an unshipped order; a promotion delay needs an undelivered one).
 */
export function factSubtypes(c: CaseInput): { subtype: Subtype; reason: string }[] {
  const f = c.facts;
  const o = c.order;
  const out: { subtype: Subtype; reason: string }[] = [];
  const add = (subtype: Subtype, reason: string) => out.push({ subtype, reason });
  const shipped = hasShipped(c);
  const delivered = hasDelivered(c);
  if (o?.status === 'unpaid') add('payment_issue', 'order:unpaid');
  if (shipped === false && (f.restockExpected !== undefined || f.customerAcceptsAlternative !== undefined)) {
    add('not_shipped', f.restockExpected !== undefined ? 'fact:restockExpected' : 'fact:customerAcceptsAlternative');
  }
  if (shipped === false && o?.status !== 'unpaid' && o?.platformPenaltyMinor !== undefined) add('not_shipped', 'order:platformPenalty');
  if (f.deliveryProblem !== undefined) add(deliverySubtype(c), 'fact:deliveryProblem');
  if (f.promoPeriod === true && !delivered) add('promo_delay', 'fact:promoPeriod');
  if (f.trackingUpdated !== undefined) add('no_tracking', 'fact:trackingUpdated');
  if (f.weightMatchesCustomerClaim !== undefined || f.missingSku !== undefined) add('missing_item', 'fact:weightMatchesCustomerClaim');
  if (f.customerOrderedThis !== undefined || f.wrongItemValueMinor !== undefined || f.customerWantsItem !== undefined) add('wrong_item', 'fact:customerOrderedThis');
  if (f.repairedElsewhere !== undefined) add('warranty_repair', 'fact:repairedElsewhere');
  if (f.withinWarranty !== undefined) add('warranty_repair', 'fact:withinWarranty');
  if (f.invoiceAvailable !== undefined || f.customerHasProof !== undefined) add('counterfeit_claim', 'fact:invoiceAvailable');
  if (f.listingAccurate !== undefined) add('not_as_described', 'fact:listingAccurate');
  if (f.misuse !== undefined) add('quality_problem', 'fact:misuse');
  if (f.duplicateCharge !== undefined) add('payment_issue', 'fact:duplicateCharge');
  if (f.priceNowMinor !== undefined) add('price_drop', 'fact:priceNow');
  if (f.verifiedDifferenceMinor !== undefined) add('price_difference', 'fact:verifiedDifference');
  if (o?.firstWeightOnlyFree !== undefined) add('shipping_fee', 'order:firstWeightOnlyFree');
  // §4 row 5 (P-2: "return postage follows §4"): the refund is agreed, what is left is who pays the postage.
  if (f.postageDiscussed === false && shipped !== false) add('shipping_fee', 'fact:postageDiscussed');
  return out;
}

/**
 * Facts that confirm a real problem (not merely that the agent asked): only these turn a hostile
 * message into an M-2 case. "The customer has no proof" or "the listing is accurate" confirm nothing.
 */
function confirmsProblem(c: CaseInput, r: { subtype: Subtype; reason: string }): boolean {
  const f = c.facts;
  switch (r.reason) {
    case 'fact:weightMatchesCustomerClaim': return f.weightMatchesCustomerClaim === true;
    case 'fact:customerOrderedThis': return f.customerOrderedThis === false;
    case 'fact:invoiceAvailable': return f.invoiceAvailable === false;
    case 'fact:listingAccurate': return f.listingAccurate === false;
    case 'fact:misuse': return f.misuse === false;
    case 'fact:duplicateCharge': return f.duplicateCharge === true;
    case 'fact:verifiedDifference': return (f.verifiedDifferenceMinor ?? 0) > 0;
    case 'fact:trackingUpdated': return f.trackingUpdated === false;
    // The agent established that the customer had it repaired: a real repair to negotiate.
    case 'fact:repairedElsewhere': return f.repairedElsewhere === true;
    case 'order:firstWeightOnlyFree': return false;
    case 'fact:postageDiscussed': return false;
    default: return true;
  }
}

/** The subtype a real concern of `category` is handled under when no fact names one (M-2). */
function defaultSubtype(c: CaseInput, category: DisputeCategory): Subtype {
  if (category === 'quality') return 'quality_problem';
  if (category === 'price') return c.order?.shippingFeeMinor && c.order.freeShipping ? 'shipping_fee' : 'price_difference';
  if (hasShipped(c) === false) return 'not_shipped';
  return hasDelivered(c) ? 'lost_or_damaged' : 'not_received';
}

/** Readings of a delay. */
const DELAYS: ReadonlySet<Subtype> = new Set(['no_tracking', 'not_received', 'tracking_anomaly', 'promo_delay']);

/** Subtypes that need a parcel in the customer's hands, or at least on its way. */
const NEEDS_PARCEL: ReadonlySet<Subtype> = new Set(['not_received', 'tracking_anomaly', 'missing_item', 'wrong_item', 'lost_or_damaged']);

/**
 * The order contradicts the reading: a paid order that never shipped cannot be a parcel problem
 * (L-1: tell the real cause), and a parcel that has shipped is not "not shipped" (L-3, or a late
 * shipment's return under §4 row 1 once delivered).
 */
function orderCorrection(c: CaseInput, classified: Subtype | ''): { subtype: Subtype; reason: string } | undefined {
  if (classified === '') return undefined;
  const shipped = hasShipped(c);
  if (shipped === false && c.order?.status === 'paid' && NEEDS_PARCEL.has(classified)) return { subtype: 'not_shipped', reason: 'order:unshipped' };
  const delivered = hasDelivered(c);
  // P-2: postage charged on a free-shipping listing; a price or own-reason reading is about that fee.
  const o = c.order;
  if (o?.freeShipping && o.shippingFeeMinor > 0 && (categoryOf(classified) === 'price' || classified === 'change_of_mind') && classified !== 'shipping_fee') {
    return { subtype: 'shipping_fee', reason: 'order:freeShipping' };
  }
  if (shipped === true && classified === 'not_shipped') {
    return { subtype: delivered && shippedLate(c) === true ? 'change_of_mind' : 'not_received', reason: 'order:shipped' };
  }
  // Delivered after a late shipment: the delay is over, what is left is a return at the seller's cost (§4 row 1).
  if (delivered && DELAYS.has(classified) && shippedLate(c) === true) return { subtype: 'change_of_mind', reason: 'order:promisedShipHours' };
  return undefined;
}

/** The route of a case whose words gave no usable subtype, from the order and the §4 facts. */
function contextFallback(c: CaseInput): { subtype: Subtype; reason: string } | undefined {
  const o = c.order;
  const f = c.facts;
  const late = shippedLate(c);
  if (late === true && hasShipped(c) === false) return { subtype: 'not_shipped', reason: 'order:promisedShipHours' };
  if (o?.freeShipping && o.shippingFeeMinor > 0) return { subtype: 'shipping_fee', reason: 'order:freeShipping' };
  if (f.postageDiscussed === false) return { subtype: 'shipping_fee', reason: 'fact:postageDiscussed' };
  if (f.agentError === true) return { subtype: 'change_of_mind', reason: 'fact:agentError' };
  // Q-6 needs an item to send back: a paid order that has not shipped is a question, not a return.
  const delivered = hasDelivered(c);
  if (o?.sevenDayReturn === false && delivered) return { subtype: 'change_of_mind', reason: 'order:sevenDayReturn' };
  if (late === true) return { subtype: 'change_of_mind', reason: 'order:promisedShipHours' };
  // L-8 is an urgent *delay*: the parcel's state says which logistics rule it rides on.
  if (f.urgent === true && o) return { subtype: defaultSubtype(c, 'logistics'), reason: 'fact:urgent' };
  return undefined;
}

/** Route a classified case by its order and facts (see the module comment). */
export function routeCase(c: CaseInput, playbook: Playbook, cls: Classification): Route {
  const base = classifierRoute(cls, playbook.settings.store.minConfidence);
  const hostileWords = cls.category === 'malicious' || cls.secondary.includes('malicious');
  const signal = cls.signals.some((s) => s === 'safety' || s.startsWith('safety:'));
  // The agent's `safetyIncident: false` overrides the words (a "burnt" toast is no incident).
  const safety = c.facts.safetyIncident ?? (signal || reportsSafetyIncident(c.message));
  if (playbook.settings.safetyEscalation && safety) {
    const reason = c.facts.safetyIncident ? 'fact:safetyIncident' : signal ? 'signal:safety' : 'words:safety';
    return { category: 'quality', subtype: 'quality_problem', reasons: [reason], safety: true, hostile: hostileWords };
  }
  const classified = base.subtype;
  const byFacts = factSubtypes(c);
  const own = byFacts.find((r) => r.subtype === classified);
  const pick = (r: { subtype: Subtype; reason: string }, hostile: boolean): Route =>
    ({ category: categoryOf(r.subtype), subtype: r.subtype, reasons: [r.reason], safety: false, hostile });

  if (cls.category === 'malicious') {
    // M-2: a fact of a real problem, or a real concern the classifier also saw, is handled by its rule.
    const concern = cls.secondary.find((s) => s !== 'malicious');
    const first = byFacts.find((r) => confirmsProblem(c, r));
    if (first) return pick(first, true);
    // The agent says the store erred (§4 row 6): that is a confirmed problem, whatever the words.
    if (c.facts.agentError === true) return pick({ subtype: 'change_of_mind', reason: 'fact:agentError' }, true);
    // A concern in the words with no fact behind it stays M-1 (leverage for more than the policy
    // gives, LABELLING.md 6); the reply records the report instead of denying it, and the agent's
    // fact (misuse: false, a weight check …) turns it into M-2 above.
    const subtype = base.category === 'malicious' ? base.subtype : cls.subtype;
    return { category: 'malicious', subtype, reasons: concern ? [`secondary:${concern}`] : [], safety: false, hostile: true };
  }
  // M-2 outside a malicious reading: the classifier puts `malicious` in `secondary` when a threat or
  // a suspicious account comes with a concrete problem; the route keeps the problem, a supervisor reviews.
  const hostile = cls.secondary.includes('malicious');
  // LABELLING.md 1: "when will it ship?" inside the handling time the listing promised is a
  // question, not L-1 — nothing is wrong yet. Only when the order says so, and no fact says more.
  if ((classified === 'not_shipped' || classified === 'no_tracking') && !hostile && byFacts.length === 0
    && hasShipped(c) === false && shippedLate(c) === false && c.facts.urgent !== true) {
    return { category: 'other', subtype: '', reasons: ['order:withinHandlingTime'], safety: false, hostile: false };
  }
  if (own) return { ...base, reasons: [], safety: false, hostile };
  const first = byFacts[0];
  if (first) return pick(first, hostile);
  const corrected = orderCorrection(c, classified);
  if (corrected) return pick(corrected, hostile);
  if (base.category === 'other' || base.subtype === 'quality_problem' || base.subtype === 'minor_defect') {
    // A repair request is Q-5, not a refund case (001 5.2.4).
    if ((base.category === 'other' || base.category === 'quality') && asksForRepair(c.message) && c.facts.misuse === undefined && c.facts.customerInsistsReturn === undefined) {
      return pick({ subtype: 'warranty_repair', reason: 'words:repair' }, hostile);
    }
  }
  if (base.category === 'other') {
    const fallback = contextFallback(c);
    if (fallback) return pick(fallback, hostile);
  }
  return { ...base, reasons: [], safety: false, hostile };
}
