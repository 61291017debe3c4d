/**
 * L-5 wrong item (002 (三), 001 5.2.1(3)): check what was ordered first. Our fault → compare the
 * wrong item's value with the return postage: worth more → keep at a discount or exchange at our
 * cost; worth less → negotiate a discount, and if the customer truly does not want it, a
 * supervisor approves a reship or refund without a return. The seller pays shipping (§4).
 */
import { percentOf } from '../money.ts';
import { concernedItem, paidFor, postageMinor, type CaseContext } from './case-context.ts';
import { makeDecision, type Decision } from './decision.ts';
import { genericItem, makeOffer } from './offers.ts';
import { shippingPayer } from './shipping-payer.ts';

/** Keep-at-discount refund: the value gap if the wrong item is worth less, plus the store's discount. */
function keepDiscountMinor(paid: number | undefined, wrongValue: number | undefined, percent: number): number | null {
  if (paid === undefined) return null;
  const gap = wrongValue === undefined ? 0 : Math.max(0, paid - wrongValue);
  return Math.min(paid, gap + percentOf(paid, percent));
}

/** L-5: ordered that way → explain; our fault → keep at a discount, exchange, or no-return reship/refund by value vs postage. */
export function decideKeepOrReturn(ctx: CaseContext): Decision {
  const { c, facts: f, settings: s } = ctx;
  const item = concernedItem(c);
  // One wrong unit arrived in place of one ordered unit: money offers concern that unit.
  const paid = item ? item.unitPriceMinor : paidFor(c);
  const name = item?.name ?? genericItem(ctx);
  const checklist: Decision['checklist'] = ['check_order_record', 'ask_photo', 'weigh_parcel', 'record_case'];
  if (f.customerOrderedThis === true) {
    // The customer ordered it this way: explain kindly; an exchange is their own reason (§4).
    return makeDecision({
      rules: ['L-5', '§4'],
      situations: ['L-5.customer_ordered'],
      offers: [makeOffer(ctx, { kind: 'exchange', rule: 'L-5', item: name })],
      // An exchange for the customer's own reason: they pay the way back and the new parcel out.
      shipping: shippingPayer('not_covered_own_reason'),
      commitments: ['follow_up'],
      checklist: ['check_order_record'],
      vars: { item: name },
    });
  }
  const questions: Decision['questions'] = [];
  if (f.customerOrderedThis === undefined) questions.push('customerOrderedThis');
  const verified = f.customerOrderedThis === false;
  const postage = postageMinor(ctx);
  if (postage === undefined) questions.push('returnShippingCost');
  const value = f.wrongItemValueMinor;
  if (value === undefined) questions.push('wrongItemValue');
  const wants = f.customerWantsItem;
  if (wants === undefined && value !== undefined) questions.push('customerWantsItem');

  const exchange = makeOffer(ctx, { kind: 'exchange', rule: 'L-5', item: name });
  const returnRefund = makeOffer(ctx, { kind: 'return_refund', rule: 'L-5', amountMinor: paid ?? null, capMinor: paid });
  const discount = makeOffer(ctx, {
    kind: 'keep_at_discount', rule: 'L-5', amountMinor: keepDiscountMinor(paid, value, s.wrongItemKeepDiscountPercent), capMinor: paid,
  });
  const common = { rules: ['L-5', '§4'], atFault: verified, checklist, questions, vars: { item: name, amountMinor: discount.amountMinor } };
  const situation = <T extends Decision['situations'][number]>(mine: T) => [verified ? mine : 'L-5.checking'] as Decision['situations'];
  // Until we know it was our mistake, the only promise is an answer (no pickup, no refund times).
  const promise = (mine: Decision['commitments']): Decision['commitments'] => (verified ? mine : ['verify']);

  if (value !== undefined && postage !== undefined && value <= postage) {
    // Worth less than the trip back: no return. Reship or refund without a return needs a supervisor.
    const reship = makeOffer(ctx, { kind: 'reship', rule: 'L-5', item: name });
    const refund = makeOffer(ctx, { kind: 'refund', rule: 'L-5', amountMinor: paid ?? null, capMinor: paid });
    const offers = wants === false ? [reship, refund] : [discount, reship, refund];
    return makeDecision({
      ...common, situations: situation('L-5.low_value'), offers,
      shipping: shippingPayer('seller_ships_only'), commitments: promise(['verify', 'follow_up']),
    });
  }
  if (value === undefined || wants === false) {
    return makeDecision({
      ...common, situations: situation('L-5.exchange'), offers: [exchange, returnRefund],
      shipping: shippingPayer('seller_fault'), commitments: promise(['return_pickup', 'reship_tracking']),
    });
  }
  return makeDecision({
    ...common, situations: situation('L-5.keep_discount'), offers: [discount, exchange, returnRefund],
    shipping: shippingPayer('seller_fault'), commitments: promise(['after_choice', 'follow_up']),
  });
}
