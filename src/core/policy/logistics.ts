/**
 * Logistics handlers, POLICY.md §3 L-1…L-8. Pure: (context) → Decision.
 */
import type { Offer, SubtypeOf } from '../types.ts';
import {
  hasDelivered, concernedItem, hasShipped, itemBySku, lineValueMinor, paidFor, perCurrency, isCrossBorder, type CaseContext,
} from './case-context.ts';
import { makeDecision, type Decision } from './decision.ts';
import { genericItem, makeOffer } from './offers.ts';
import { shippingPayer } from './shipping-payer.ts';
import { applyUrgent } from './urgent.ts';
import { percentOf } from '../money.ts';
import { decideKeepOrReturn } from './wrong-item.ts';

type LogisticsSubtype = SubtypeOf<'logistics'>;

/** L-1 not shipped / out of stock: wait for restock, switch variant, or refund at once (plus the platform's penalty). */
export function notShipped(ctx: CaseContext, rules: string[] = ['L-1']): Decision {
  const { c, facts: f } = ctx;
  const item = concernedItem(c);
  const paid = paidFor(c, item);
  const name = item?.name ?? genericItem(ctx);
  const refund = makeOffer(ctx, { kind: 'refund', rule: 'L-1', amountMinor: paid ?? null, capMinor: paid });
  // 001 5.2.1(1): the platform may make the seller pay the customer a penalty (违约金) for an
  // out-of-stock refund; when the order carries it, it is its own offer right after the refund.
  const penaltyMinor = c.order?.platformPenaltyMinor;
  const penalty = penaltyMinor ? makeOffer(ctx, { kind: 'refund', rule: 'L-1', amountMinor: penaltyMinor }) : undefined;
  const withPenalty = (offers: Offer[]): Offer[] => (penalty ? offers.flatMap((o) => (o === refund ? [o, penalty] : [o])) : offers);
  const penaltyChecklist: Decision['checklist'] = ['check_stock', 'out_of_stock_penalty'];
  const base = { rules, atFault: true, checklist: ['check_stock'] as Decision['checklist'], vars: { item: name, amountMinor: refund.amountMinor } };
  const refundFirst = (situation: 'L-1.refund' | 'L-1.wait_or_refund', offers: Offer[]) => makeDecision({
    ...base, situations: penalty ? [situation, 'L-1.penalty'] : [situation], offers: withPenalty(offers),
    shipping: shippingPayer(offers.some((o) => o.kind === 'wait_restock') ? 'seller_ships_only' : 'nothing_ships'),
    commitments: ['refund_unshipped', 'follow_up'], checklist: penaltyChecklist,
    vars: { ...base.vars, amount2Minor: penalty?.amountMinor ?? null },
  });
  const wait = makeOffer(ctx, { kind: 'wait_restock', rule: 'L-1', item: name });
  // The alternative is another, in-stock style: never an exchange into the variant that is out of stock.
  const variant = makeOffer(ctx, { kind: 'switch_variant', rule: 'L-1' });
  if (f.customerAcceptsAlternative === false) {
    // Declined the alternative: wait for the restock if one is coming, else refund promptly.
    return applyUrgent(ctx, f.restockExpected === true ? refundFirst('L-1.wait_or_refund', [wait, refund]) : refundFirst('L-1.refund', [refund]));
  }
  const questions: Decision['questions'] = [];
  let d: Decision;
  if (f.restockExpected === true) {
    const offers = [wait, variant, refund];
    let situation: 'L-1.restock' | 'L-1.restock_cross_border' = 'L-1.restock';
    let amount2: number | null = null;
    if (isCrossBorder(ctx)) {
      // 004 1(1): cross-border buyers wait long; a small discount thanks them for waiting.
      const maxCoupon = perCurrency(ctx.settings.coupons.maxMinor, ctx.currency);
      const discount = paid === undefined ? perCurrency(ctx.settings.coupons.smallMinor, ctx.currency) : percentOf(paid, ctx.settings.crossBorderWaitDiscountPercent);
      const coupon = makeOffer(ctx, { kind: 'coupon', rule: 'L-1', amountMinor: discount ?? null, capMinor: maxCoupon });
      offers.splice(1, 0, coupon);
      amount2 = coupon.amountMinor;
      situation = 'L-1.restock_cross_border';
    }
    if (f.customerAcceptsAlternative === undefined) questions.push('customerAcceptsAlternative');
    d = makeDecision({ ...base, situations: [situation], offers: withPenalty(offers), shipping: shippingPayer('seller_ships_only'), commitments: ['after_choice', 'follow_up'], questions, vars: { ...base.vars, amount2Minor: amount2 } });
  } else if (f.customerAcceptsAlternative === true) {
    if (f.restockExpected === undefined) questions.push('restockExpected');
    d = makeDecision({ ...base, situations: ['L-1.alternative'], offers: withPenalty([variant, refund]), shipping: shippingPayer('seller_ships_only'), commitments: ['after_choice', 'follow_up'], questions, checklist: penaltyChecklist });
  } else if (f.restockExpected === false) {
    questions.push('customerAcceptsAlternative');
    d = makeDecision({ ...base, checklist: penaltyChecklist, situations: ['L-1.no_restock'], offers: withPenalty([variant, refund]), shipping: shippingPayer('seller_ships_only'), commitments: ['after_choice', 'refund_unshipped'], questions });
  } else {
    questions.push('restockExpected');
    d = makeDecision({ ...base, situations: ['L-1.checking'], offers: withPenalty([wait, variant, refund]), shipping: shippingPayer('seller_ships_only'), commitments: ['verify'], questions });
  }
  return applyUrgent(ctx, d);
}

/** L-2 no tracking: not shipped → L-1; shipped → update the tracking and apologise. */
export function noTracking(ctx: CaseContext): Decision {
  if (hasShipped(ctx.c) === false) return notShipped(ctx, ['L-2', 'L-1']);
  const updated = ctx.facts.trackingUpdated;
  return makeDecision({
    rules: ['L-2'],
    atFault: true,
    situations: [updated ? 'L-2.updated' : 'L-2.updating'],
    offers: [makeOffer(ctx, { kind: 'none', rule: 'L-2' })],
    commitments: updated ? ['follow_up'] : ['tracking_update', 'follow_up'],
    checklist: updated ? ['update_tracking'] : ['check_shipment', 'update_tracking'],
    questions: updated === undefined ? ['trackingUpdated'] : [],
  });
}

/**
 * L-3 not received / tracking anomaly: find the real cause with the courier and say it. The
 * `deliveryProblem` fact is what the tracking shows: out of zone → arrange delivery with the
 * courier first (no reship or refund yet); failed or returned → reship or refund; customs → the
 * real cause, help with the hold, no refund yet.
 */
export function notReceived(ctx: CaseContext, rules: string[] = ['L-3']): Decision {
  const { c } = ctx;
  const problem = ctx.facts.deliveryProblem;
  // The real cause first (L-3): a parcel that never left the warehouse is an L-1 case.
  if (hasShipped(c) === false && problem === undefined) return notShipped(ctx, [...rules, 'L-1']);
  const item = concernedItem(c);
  const paid = paidFor(c);
  const delivered = hasDelivered(c);
  const refund = makeOffer(ctx, { kind: 'refund', rule: 'L-3', amountMinor: paid ?? null, capMinor: paid });
  const reship = makeOffer(ctx, { kind: 'reship', rule: 'L-3', item: item?.name });
  const vars = { item: item?.name, amountMinor: refund.amountMinor };
  if (problem === 'out_of_zone' || problem === 'customs') {
    return makeDecision({
      rules,
      situations: [problem === 'customs' ? 'L-3.customs' : 'L-3.out_of_zone'],
      offers: [makeOffer(ctx, { kind: 'none', rule: 'L-3' })],
      commitments: ['courier_check', 'follow_up'],
      checklist: problem === 'customs' ? ['check_tracking', 'customs_hold', 'contact_courier'] : ['check_tracking', 'arrange_redelivery', 'contact_courier'],
      vars,
    });
  }
  const d = makeDecision({
    rules,
    situations: [problem ? 'L-3.failed' : delivered ? 'L-3.delivered_not_received' : 'L-3.in_transit'],
    offers: [reship, refund],
    shipping: shippingPayer('seller_ships_only'),
    commitments: problem ? ['reship_tracking', 'follow_up'] : ['courier_check', 'follow_up'],
    checklist: delivered && !problem ? ['check_tracking', 'check_signature', 'contact_courier'] : ['check_tracking', 'contact_courier'],
    vars,
  });
  return applyUrgent(ctx, d);
}

/** L-4 missing item: order record and weight decide; low-value → coupon, refund only with a supervisor. */
export function missingItem(ctx: CaseContext): Decision {
  const { c, facts: f, settings: s } = ctx;
  const named = itemBySku(c, f.missingSku);
  const item = named ?? concernedItem(c);
  // Which line is missing only matters when the order has more than one.
  const questions: Decision['questions'] = named || item ? [] : ['missingSku'];
  const unit = item?.unitPriceMinor;
  const cap = item ? lineValueMinor(item) : c.order?.totalMinor;
  const lowMax = perCurrency(s.lowValueMissingMaxMinor, ctx.currency);
  const low = unit !== undefined && lowMax !== undefined && unit <= lowMax;
  const checklist: Decision['checklist'] = ['check_order_record', 'weigh_parcel', 'record_case'];
  const name = item?.name;
  const reship = makeOffer(ctx, { kind: 'reship', rule: 'L-4', item: name });
  const refund = makeOffer(ctx, { kind: 'refund', rule: 'L-4', amountMinor: unit ?? null, capMinor: cap });
  const vars = { item: name, amountMinor: refund.amountMinor };
  const w = f.weightMatchesCustomerClaim;
  if (w === true) {
    const offers = [reship, refund];
    // 001 5.2.1(3): a small gift makes up for a higher-value miss; for a ¥1 part it would be out of proportion.
    if (!low) offers.push(makeOffer(ctx, { kind: 'gift', rule: 'L-4', amountMinor: perCurrency(s.giftValueMinor, ctx.currency) ?? null, capMinor: c.order?.totalMinor }));
    return applyUrgent(ctx, makeDecision({
      rules: ['L-4'], atFault: true, situations: ['L-4.under_shipped'], offers, vars, checklist, questions,
      shipping: shippingPayer('seller_ships_only'), commitments: ['reship_tracking', 'follow_up'],
    }));
  }
  if (w === false) {
    return makeDecision({
      rules: ['L-4'], situations: ['L-4.not_under_shipped'], offers: [makeOffer(ctx, { kind: 'none', rule: 'L-4' })],
      vars, checklist: [...checklist, 'ask_photo'], questions, commitments: ['verify'],
    });
  }
  if (low) {
    // 002 (二)2: a ¥1 part the weight cannot prove: apologise and make it up; refunding needs a supervisor.
    const coupon = makeOffer(ctx, { kind: 'coupon', rule: 'L-4', amountMinor: perCurrency(s.coupons.smallMinor, ctx.currency) ?? null, capMinor: perCurrency(s.coupons.maxMinor, ctx.currency) });
    return makeDecision({
      rules: ['L-4'], atFault: true, situations: ['L-4.low_value'], offers: [coupon, reship, refund],
      vars: { item: name, amountMinor: coupon.amountMinor }, checklist, questions, commitments: ['follow_up'],
    });
  }
  questions.push('weightMatchesCustomerClaim');
  return makeDecision({
    rules: ['L-4'], situations: ['L-4.checking'], offers: [reship, refund], vars, checklist, questions,
    shipping: shippingPayer('seller_ships_only'), commitments: ['verify', 'reship_tracking'],
  });
}

/** L-6 promotion delay: tell the honest reason; no compensation required, a small coupon is a store option. */
export function promoDelay(ctx: CaseContext): Decision {
  if (ctx.facts.promoPeriod === false) return notReceived(ctx, ['L-3']);
  const s = ctx.settings;
  const couponAmount = perCurrency(s.coupons.smallMinor, ctx.currency);
  const withCoupon = s.promoDelayCoupon && couponAmount !== undefined;
  const d = makeDecision({
    rules: ['L-6'],
    situations: [withCoupon ? 'L-6.promo_coupon' : 'L-6.promo'],
    offers: [withCoupon
      ? makeOffer(ctx, { kind: 'coupon', rule: 'L-6', amountMinor: couponAmount, capMinor: perCurrency(s.coupons.maxMinor, ctx.currency) })
      : makeOffer(ctx, { kind: 'none', rule: 'L-6' })],
    commitments: ['tracking_update', 'follow_up'],
    checklist: ['check_tracking', 'contact_courier'],
    questions: ctx.facts.promoPeriod === undefined ? ['promoPeriod'] : [],
    vars: { amountMinor: withCoupon ? couponAmount : null },
  });
  return applyUrgent(ctx, d, { delayOnly: true });
}

/** L-7 lost or damaged: reship at once, the damaged original stays with the customer; claim from the courier. */
export function lostOrDamaged(ctx: CaseContext): Decision {
  const item = concernedItem(ctx.c);
  const paid = paidFor(ctx.c, item);
  const refund = makeOffer(ctx, { kind: 'refund', rule: 'L-7', amountMinor: paid ?? null, capMinor: paid });
  return applyUrgent(ctx, makeDecision({
    rules: ['L-7'],
    atFault: true,
    situations: ['L-7.reship'],
    offers: [makeOffer(ctx, { kind: 'reship', rule: 'L-7', item: item?.name }), refund],
    shipping: shippingPayer('seller_ships_only'),
    commitments: ['reship_tracking', 'follow_up'],
    checklist: ['check_tracking', 'ask_photo', 'courier_claim', 'record_case'],
    vars: { item: item?.name, amountMinor: refund.amountMinor },
  }));
}

const LOGISTICS: Record<LogisticsSubtype, (ctx: CaseContext) => Decision> = {
  not_shipped: (ctx) => notShipped(ctx),
  no_tracking: noTracking,
  not_received: (ctx) => notReceived(ctx),
  tracking_anomaly: (ctx) => notReceived(ctx),
  missing_item: missingItem,
  wrong_item: decideKeepOrReturn,
  promo_delay: promoDelay,
  lost_or_damaged: lostOrDamaged,
};

/** Route a logistics case by subtype. */
export function decideLogistics(ctx: CaseContext, subtype: LogisticsSubtype): Decision {
  return LOGISTICS[subtype](ctx);
}
