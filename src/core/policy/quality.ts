/**
 * Quality handlers, POLICY.md §3 Q-1…Q-6. Pure: (context) → Decision.
 */
import { percentOf } from '../money.ts';
import type { SubtypeOf } from '../types.ts';
import {
  concernedItem, paidFor, perCurrency, postageMinor, withinReturnWindow, withinWarranty, type CaseContext,
} from './case-context.ts';
import { makeDecision, type Decision } from './decision.ts';
import { genericItem, makeOffer } from './offers.ts';
import { shippingPayer } from './shipping-payer.ts';

type QualitySubtype = SubtypeOf<'quality'>;

function smallCoupon(ctx: CaseContext, rule: string, size: 'smallMinor' | 'goodwillMinor' = 'smallMinor') {
  const s = ctx.settings.coupons;
  return makeOffer(ctx, { kind: 'coupon', rule, amountMinor: perCurrency(s[size], ctx.currency) ?? null, capMinor: perCurrency(s.maxMinor, ctx.currency) });
}

/** §4 customer damaged it (使用不当): explain correct use; a repair is at the customer's cost. */
function customerCaused(ctx: CaseContext, rule: string): Decision {
  const item = concernedItem(ctx.c);
  return makeDecision({
    rules: [rule, 'Q-2', '§4'],
    situations: ['Q-2.misuse'],
    offers: [makeOffer(ctx, { kind: 'repair', rule, item: item?.name })],
    shipping: shippingPayer('customer_damaged'),
    commitments: ['follow_up'],
    checklist: ['send_usage_video'],
    vars: { item: item?.name },
  });
}

/** Q-1 minor defect: coupon or a few percent back; insists → return/exchange, seller pays postage. */
export function minorDefect(ctx: CaseContext): Decision {
  const { c, facts: f, settings: s } = ctx;
  if (f.customerDamaged) return customerCaused(ctx, 'Q-1');
  const item = concernedItem(c);
  const paid = paidFor(c, item);
  const price = item?.unitPriceMinor ?? c.order?.totalMinor;
  const cap = perCurrency(s.minorDefectRefund.capMinor, ctx.currency);
  const partial = makeOffer(ctx, {
    kind: 'partial_refund', rule: 'Q-1',
    amountMinor: price === undefined ? null : percentOf(price, s.minorDefectRefund.percentMin),
    capMinor: cap === undefined ? price : Math.min(cap, price ?? cap),
  });
  const coupon = smallCoupon(ctx, 'Q-1');
  const exchange = makeOffer(ctx, { kind: 'exchange', rule: 'Q-1', item: item?.name });
  const ret = makeOffer(ctx, { kind: 'return_refund', rule: 'Q-1', amountMinor: paid ?? null, capMinor: paid });
  const base = { rules: ['Q-1', '§4'], atFault: true, shipping: shippingPayer('seller_fault'), vars: { item: item?.name, amountMinor: partial.amountMinor, amount2Minor: coupon.amountMinor, percent: s.minorDefectRefund.percentMin } };
  if (f.customerInsistsReturn === true) {
    return makeDecision({ ...base, situations: ['Q-1.return'], offers: [exchange, ret], commitments: ['return_pickup', 'refund_after_return'], checklist: ['ask_photo', 'record_case'] });
  }
  return makeDecision({
    ...base, situations: ['Q-1.offer'], offers: [coupon, partial, exchange, ret], commitments: ['after_choice', 'follow_up'], checklist: ['ask_photo', 'record_case'],
    questions: f.customerInsistsReturn === undefined ? ['customerInsistsReturn'] : [],
  });
}

/** Q-2 quality problem: rule out misuse first; confirmed → return/exchange both ways on us, or keep with 30 % back. */
export function qualityProblem(ctx: CaseContext): Decision {
  const { c, facts: f, settings: s } = ctx;
  const misuse = f.misuse ?? (f.customerDamaged ? true : undefined);
  if (misuse === true) return customerCaused(ctx, 'Q-2');
  const item = concernedItem(c);
  const paid = paidFor(c, item);
  const confirmed = misuse === false;
  const questions: Decision['questions'] = confirmed ? [] : ['misuse'];
  const checklist: Decision['checklist'] = confirmed ? ['record_case'] : ['ask_fault_video', 'send_usage_video', 'record_case'];
  const coupon = smallCoupon(ctx, 'Q-2');
  const keep = makeOffer(ctx, { kind: 'partial_refund', rule: 'Q-2', amountMinor: paid === undefined ? null : percentOf(paid, s.keepItemRefundPercent), capMinor: paid });
  const exchange = makeOffer(ctx, { kind: 'exchange', rule: 'Q-2', item: item?.name });
  const ret = makeOffer(ctx, { kind: 'return_refund', rule: 'Q-2', amountMinor: paid ?? null, capMinor: paid });
  const vars = { item: item?.name, amountMinor: keep.amountMinor, amount2Minor: coupon.amountMinor, percent: s.keepItemRefundPercent };
  const base = { rules: ['Q-2', '§4'], atFault: confirmed, shipping: shippingPayer('seller_fault'), checklist, vars };
  const insists = f.customerInsistsReturn;
  if (insists === undefined) questions.push('customerInsistsReturn');
  if (insists === true) {
    return makeDecision({
      ...base, questions, situations: [confirmed ? 'Q-2.return' : 'Q-2.check_use'], offers: [exchange, ret, coupon],
      commitments: confirmed ? ['return_pickup', 'refund_after_return'] : ['verify'],
    });
  }
  return makeDecision({
    ...base, questions, situations: [confirmed ? 'Q-2.keep' : 'Q-2.check_use'],
    offers: insists === false ? [keep, coupon] : [keep, coupon, exchange, ret],
    shipping: insists === false ? shippingPayer('nothing_ships') : base.shipping,
    commitments: !confirmed ? ['verify'] : insists === false ? ['refund_unshipped', 'follow_up'] : ['after_choice', 'follow_up'],
  });
}

/** Q-3 not as described: self-check the listing; at fault → return with compensation, fix the listing. */
export function notAsDescribed(ctx: CaseContext): Decision {
  const { c, facts: f } = ctx;
  if (f.customerDamaged) return customerCaused(ctx, 'Q-3');
  const item = concernedItem(c);
  const paid = paidFor(c, item);
  const ret = makeOffer(ctx, { kind: 'return_refund', rule: 'Q-3', amountMinor: paid ?? null, capMinor: paid });
  const coupon = smallCoupon(ctx, 'Q-3', 'goodwillMinor');
  const vars = { item: item?.name, amountMinor: ret.amountMinor, amount2Minor: coupon.amountMinor };
  if (f.listingAccurate === true) {
    const d = changeOfMind(ctx);
    return { ...d, rules: ['Q-3', ...d.rules], situations: ['Q-3.listing_ok'], checklist: ['self_check_listing', ...d.checklist] };
  }
  if (f.listingAccurate === false) {
    return makeDecision({
      rules: ['Q-3', '§4'], atFault: true, situations: ['Q-3.listing_wrong'],
      offers: [ret, coupon, makeOffer(ctx, { kind: 'exchange', rule: 'Q-3', item: item?.name })],
      shipping: shippingPayer('seller_fault'), commitments: ['return_pickup', 'refund_after_return'],
      checklist: ['self_check_listing', 'fix_listing', 'record_case'], vars,
    });
  }
  // Listing not yet checked: a refund is on the table but postage is not settled — §4 row 5.
  return makeDecision({
    rules: ['Q-3', '§4'], situations: ['Q-3.checking'], offers: [ret, coupon],
    shipping: shippingPayer('postage_undiscussed'), commitments: ['verify'],
    checklist: ['self_check_listing', 'ask_photo'], questions: ['listingAccurate'], vars,
  });
}

/** Q-4 counterfeit claim: answer with the invoice; no documents → return and refund, postage both ways on us. Always escalated. */
export function counterfeitClaim(ctx: CaseContext): Decision {
  const { c, facts: f } = ctx;
  const paid = paidFor(c, concernedItem(c));
  const ret = makeOffer(ctx, { kind: 'return_refund', rule: 'Q-4', amountMinor: paid ?? null, capMinor: paid });
  const base = { rules: ['Q-4', '§4'], escalate: true, forceSupervisor: true, vars: { amountMinor: ret.amountMinor } };
  const questions: Decision['questions'] = [];
  if (f.invoiceAvailable === undefined) questions.push('invoiceAvailable');
  // The customer's proof only weighs against an invoice we hold.
  if (f.invoiceAvailable === true && f.customerHasProof === undefined) questions.push('customerHasProof');
  if (f.invoiceAvailable === false) {
    return makeDecision({
      ...base, questions, situations: ['Q-4.return'], offers: [ret], shipping: shippingPayer('seller_fault'),
      commitments: ['supervisor_review', 'return_pickup', 'refund_after_return'], checklist: ['find_invoice', 'record_case'],
    });
  }
  if (f.invoiceAvailable === true && f.customerHasProof !== true) {
    return makeDecision({
      ...base, questions, situations: ['Q-4.invoice'], offers: [makeOffer(ctx, { kind: 'none', rule: 'Q-4' })],
      commitments: ['supervisor_review'], checklist: ['find_invoice', 'invoices', 'ask_photo'],
    });
  }
  // Invoice unknown, or both sides hold documents: a supervisor weighs them; return and refund stays open.
  return makeDecision({
    ...base, questions, situations: ['Q-4.checking'], offers: [makeOffer(ctx, { kind: 'none', rule: 'Q-4' }), ret],
    shipping: shippingPayer('seller_fault'), commitments: ['supervisor_review'], checklist: ['find_invoice', 'ask_photo', 'record_case'],
  });
}

/** Q-5 warranty repair: within warranty → free, seller pays; outside → paid repair. */
export function warrantyRepair(ctx: CaseContext): Decision {
  const { c, facts: f } = ctx;
  if (f.customerDamaged) return customerCaused(ctx, 'Q-5');
  const item = concernedItem(c);
  const within = withinWarranty(c);
  if (f.repairedElsewhere === true) {
    // Repaired elsewhere without asking: a supervisor negotiates what the store covers (001 5.2.4).
    return makeDecision({
      rules: ['Q-5'], situations: ['Q-5.repaired_elsewhere'],
      offers: [makeOffer(ctx, { kind: within === false ? 'none' : 'partial_refund', rule: 'Q-5', amountMinor: null })],
      escalate: true, forceSupervisor: true, commitments: ['supervisor_review'], checklist: ['repair_receipt', 'record_case'],
      questions: within === undefined ? ['withinWarranty'] : [], vars: { item: item?.name },
    });
  }
  const repair = makeOffer(ctx, { kind: 'repair', rule: 'Q-5', item: item?.name });
  const base = { rules: ['Q-5', '§4'], offers: [repair], checklist: ['inspect_repair', 'record_case'] as Decision['checklist'], vars: { item: item?.name } };
  if (within === false) {
    return makeDecision({ ...base, situations: ['Q-5.out_of_warranty'], shipping: shippingPayer('not_covered_own_reason'), commitments: ['inspection', 'follow_up'] });
  }
  return makeDecision({
    ...base,
    situations: [within ? 'Q-5.in_warranty' : 'Q-5.checking'],
    shipping: shippingPayer('seller_fault'),
    commitments: within ? ['return_pickup', 'inspection', 'follow_up'] : ['verify'],
    // Damage by wrong use makes any repair a paid one (§4 row 4); the inspection will tell.
    questions: [...(within === undefined ? ['withinWarranty' as const] : []), ...(f.customerDamaged === undefined ? ['customerDamaged' as const] : [])],
    checklist: within === undefined ? ['verify_delivery_date', ...base.checklist] : base.checklist,
  });
}

/** Q-6 change of mind: 7-day no-reason return where the item qualifies; try an exchange first. Shipping per §4. */
export function changeOfMind(ctx: CaseContext): Decision {
  const { c, facts: f } = ctx;
  const item = concernedItem(c);
  const paid = paidFor(c, item);
  const name = item?.name ?? genericItem(ctx);
  const window = withinReturnWindow(ctx);
  const eligible = !f.customerDamaged && c.order?.sevenDayReturn !== false && window !== false;
  const checklist: Decision['checklist'] = window === undefined ? ['verify_delivery_date'] : [];
  if (eligible) {
    const ret = makeOffer(ctx, { kind: 'return_refund', rule: 'Q-6', amountMinor: paid ?? null, capMinor: paid });
    return makeDecision({
      // A no-reason return needs the item undamaged (不影响二次销售).
      questions: f.customerDamaged === undefined ? ['customerDamaged'] : [],
      rules: ['Q-6', '§4'], situations: ['Q-6.return'],
      offers: [makeOffer(ctx, { kind: 'exchange', rule: 'Q-6', item: name }), ret],
      shipping: shippingPayer('no_reason_return', c.order), commitments: ['refund_after_return'], checklist,
      vars: { item: name, amountMinor: ret.amountMinor },
    });
  }
  // Not covered: the customer repays the outbound postage the store paid on a free-shipping order (§4 row 3).
  const repay = c.order?.freeShipping ? (postageMinor(ctx) ?? 0) : 0;
  const amount = paid === undefined ? null : Math.max(0, paid - repay);
  const ret = makeOffer(ctx, { kind: 'return_refund', rule: 'Q-6', amountMinor: amount, capMinor: paid });
  return makeDecision({
    rules: ['Q-6', '§4'], situations: ['Q-6.not_eligible'], offers: [ret],
    shipping: shippingPayer(f.customerDamaged ? 'customer_damaged' : 'not_covered_own_reason'),
    commitments: ['refund_after_return'], checklist, vars: { item: name, amountMinor: ret.amountMinor, postageMinor: repay },
  });
}

const QUALITY: Record<QualitySubtype, (ctx: CaseContext) => Decision> = {
  minor_defect: minorDefect,
  quality_problem: qualityProblem,
  not_as_described: notAsDescribed,
  counterfeit_claim: counterfeitClaim,
  warranty_repair: warrantyRepair,
  change_of_mind: changeOfMind,
};

/** Route a quality case by subtype. */
export function decideQuality(ctx: CaseContext, subtype: QualitySubtype): Decision {
  return QUALITY[subtype](ctx);
}
