/**
 * Price handlers, POLICY.md §3 P-1…P-4. Pure: (context) → Decision.
 */
import type { OrderItem, SubtypeOf } from '../types.ts';
import { concernedItem, paidFor, perCurrency, withinPriceProtection, type CaseContext } from './case-context.ts';
import { makeDecision, type Decision } from './decision.ts';
import { makeOffer } from './offers.ts';
import { shippingPayer } from './shipping-payer.ts';

type PriceSubtype = SubtypeOf<'price'>;

/** The line whose price dropped: the only line, else the first priced above `priceNow`. */
function droppedItem(ctx: CaseContext, priceNow: number): OrderItem | undefined {
  return concernedItem(ctx.c) ?? ctx.c.order?.items.find((i) => i.unitPriceMinor > priceNow);
}

/** P-1 price drop: refund the difference within the price-protection window; outside, a goodwill coupon at most. */
export function priceDrop(ctx: CaseContext): Decision {
  const { facts: f, settings: s } = ctx;
  const days = s.priceProtectionDays;
  const within = withinPriceProtection(ctx);
  const checklist: Decision['checklist'] = ['verify_price'];
  const questions: Decision['questions'] = [];
  if (f.priceNowMinor === undefined) {
    questions.push('priceNow');
    return makeDecision({
      rules: ['P-1'], situations: ['P-1.checking'], offers: [makeOffer(ctx, { kind: 'none', rule: 'P-1' })],
      commitments: ['verify'], checklist, questions, vars: { days },
    });
  }
  const item = droppedItem(ctx, f.priceNowMinor);
  const diff = item ? (item.unitPriceMinor - f.priceNowMinor) * item.qty : 0;
  if (diff <= 0) {
    return makeDecision({
      rules: ['P-1'], situations: ['P-1.no_drop'], offers: [makeOffer(ctx, { kind: 'none', rule: 'P-1' })],
      commitments: ['follow_up'], checklist, vars: { days },
    });
  }
  const paid = paidFor(ctx.c, item);
  const maxCoupon = perCurrency(s.coupons.maxMinor, ctx.currency);
  if (within === false) {
    const goodwill = perCurrency(s.coupons.goodwillMinor, ctx.currency);
    const coupon = makeOffer(ctx, { kind: 'coupon', rule: 'P-1', amountMinor: goodwill === undefined ? null : Math.min(goodwill, diff), capMinor: maxCoupon });
    return makeDecision({
      rules: ['P-1'], situations: ['P-1.outside_window'], offers: [coupon], commitments: ['follow_up'], checklist,
      vars: { days, amountMinor: coupon.amountMinor },
    });
  }
  if (within === undefined) checklist.push('verify_delivery_date');
  const cash = makeOffer(ctx, { kind: 'price_difference', rule: 'P-1', amountMinor: diff, capMinor: paid });
  const coupon = makeOffer(ctx, { kind: 'coupon', rule: 'P-1', amountMinor: diff, capMinor: Math.min(paid ?? diff, maxCoupon ?? diff) });
  const offers = s.priceProtectionPayout === 'cash' ? [cash, coupon] : [coupon, cash];
  return makeDecision({
    rules: ['P-1'], situations: ['P-1.refund_difference'], offers, commitments: ['refund_unshipped', 'follow_up'], checklist,
    vars: { days, amountMinor: offers[0]?.amountMinor },
  });
}

/**
 * P-2 shipping fee: a promotion as listed is honoured. On a free-shipping listing the seller may not
 * demand extra postage after payment unless the listing said only the first weight is free
 * (`order.firstWeightOnlyFree`); postage already charged on it goes back. Return postage: §4.
 */
export function shippingFee(ctx: CaseContext): Decision {
  const o = ctx.c.order;
  if (o?.freeShipping && o.firstWeightOnlyFree === true) {
    return makeDecision({
      rules: ['P-2'], situations: ['P-2.first_weight'], offers: [makeOffer(ctx, { kind: 'none', rule: 'P-2' })],
      shipping: { outbound: 'customer', return: 'none' }, commitments: ['follow_up'], checklist: ['check_promo_terms'],
    });
  }
  if (o?.freeShipping && o.shippingFeeMinor > 0) {
    const refund = makeOffer(ctx, { kind: 'refund', rule: 'P-2', amountMinor: o.shippingFeeMinor, capMinor: o.totalMinor });
    return makeDecision({
      rules: ['P-2'], atFault: true, situations: ['P-2.refund_fee'], offers: [refund], shipping: { outbound: 'seller', return: 'none' },
      commitments: ['refund_unshipped', 'follow_up'], checklist: ['check_promo_terms'], vars: { amountMinor: refund.amountMinor },
    });
  }
  if (o?.freeShipping && !ctx.facts.customerDamaged) {
    // Extra postage demanded after payment on a free-shipping listing: refused, the listing stands.
    return makeDecision({
      rules: ['P-2'], situations: ['P-2.honour_listing'], offers: [makeOffer(ctx, { kind: 'none', rule: 'P-2' })],
      shipping: { outbound: 'seller', return: 'none' }, commitments: ['follow_up'], checklist: ['check_promo_terms'],
    });
  }
  return makeDecision({
    rules: ['P-2', '§4'], situations: ['P-2.explain'], offers: [makeOffer(ctx, { kind: 'none', rule: 'P-2' })],
    shipping: shippingPayer(ctx.facts.customerDamaged ? 'customer_damaged' : 'nothing_ships'),
    commitments: ['follow_up'], checklist: ['check_promo_terms'],
  });
}

/** P-3 payment issue: verify the payment record first; a duplicate charge is refunded. Never ask for card details. */
export function paymentIssue(ctx: CaseContext): Decision {
  const { c, facts: f } = ctx;
  const checklist: Decision['checklist'] = ['verify_payment_record'];
  if (f.duplicateCharge === true) {
    const total = c.order?.totalMinor;
    const refund = makeOffer(ctx, { kind: 'refund', rule: 'P-3', amountMinor: total ?? null, capMinor: total });
    return makeDecision({
      rules: ['P-3'], atFault: true, situations: ['P-3.duplicate'], offers: [refund],
      commitments: ['refund_unshipped', 'follow_up'], checklist, vars: { amountMinor: refund.amountMinor },
    });
  }
  return makeDecision({
    rules: ['P-3'], situations: [f.duplicateCharge === false ? 'P-3.no_duplicate' : 'P-3.checking'],
    offers: [makeOffer(ctx, { kind: 'none', rule: 'P-3' })],
    commitments: f.duplicateCharge === false ? ['follow_up'] : ['verify'], checklist,
    questions: f.duplicateCharge === undefined ? ['duplicateCharge'] : [],
  });
}

/** P-4 price difference: a service complaint; refund a verified difference. A customer who returns over it pays nothing (§4 agent error). */
export function priceDifference(ctx: CaseContext): Decision {
  const { c, facts: f } = ctx;
  const vd = f.verifiedDifferenceMinor;
  if (vd === undefined || vd <= 0) {
    return makeDecision({
      rules: ['P-4'], situations: ['P-4.checking'], offers: [makeOffer(ctx, { kind: 'none', rule: 'P-4' })],
      commitments: ['verify'], checklist: ['verify_price'], questions: vd === undefined ? ['verifiedDifference'] : [],
    });
  }
  const total = c.order?.totalMinor;
  const offers = [makeOffer(ctx, { kind: 'price_difference', rule: 'P-4', amountMinor: vd, capMinor: total })];
  const returning = f.customerInsistsReturn === true;
  if (returning) offers.push(makeOffer(ctx, { kind: 'return_refund', rule: 'P-4', amountMinor: total ?? null, capMinor: total }));
  return makeDecision({
    rules: returning ? ['P-4', '§4'] : ['P-4'], atFault: true, situations: ['P-4.refund'], offers,
    shipping: shippingPayer(returning ? 'agent_error' : 'nothing_ships'),
    commitments: ['refund_unshipped', 'follow_up'], checklist: ['verify_price', 'record_case'], vars: { amountMinor: offers[0]?.amountMinor },
  });
}

const PRICE: Record<PriceSubtype, (ctx: CaseContext) => Decision> = {
  price_drop: priceDrop,
  shipping_fee: shippingFee,
  payment_issue: paymentIssue,
  price_difference: priceDifference,
};

/** Route a price case by subtype. */
export function decidePrice(ctx: CaseContext, subtype: PriceSubtype): Decision {
  return PRICE[subtype](ctx);
}
