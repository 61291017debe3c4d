/**
 * POLICY.md §4 rows that hold whatever the complaint is, applied after the rule's own handler:
 * row 1 late shipment (seller at fault, seller pays both ways), row 5 a refund agreed with postage
 * never discussed (seller pays the return at the customer's original shipping method), row 6 the
 * agent's own error (free return or exchange, seller pays both ways). And M-2: a real problem inside
 * a hostile message keeps its own remedy, after a supervisor reviews the malicious signals.
 */
import { categoryOf, type Subtype } from '../types.ts';
import { concernedItem, hasShipped, paidFor, postageMinor, type CaseContext } from './case-context.ts';
import type { Decision } from './decision.ts';
import { makeOffer } from './offers.ts';
import { shippingPayer } from './shipping-payer.ts';
import { shippedLate } from './route.ts';

/** The customer pays some of the postage in this decision (an own-reason return, §4 rows 2–3). */
function customerPays(d: Decision): boolean {
  return d.shipping.outbound === 'customer' || d.shipping.return === 'customer';
}

function returnOffers(ctx: CaseContext, rule: string) {
  const item = concernedItem(ctx.c);
  const paid = paidFor(ctx.c, item);
  const ret = makeOffer(ctx, { kind: 'return_refund', rule, amountMinor: paid ?? null, capMinor: paid });
  return { item, ret, exchange: makeOffer(ctx, { kind: 'exchange', rule, item: item?.name }) };
}

/** Seller at fault both ways (rows 1 and 6): own-reason returns become free returns or exchanges. */
function sellerPaysBothWays(ctx: CaseContext, d: Decision, subtype: Subtype | '', situation: '§4.late_shipment' | '§4.agent_error'): Decision {
  d.rules.push('§4');
  d.atFault = true;
  if (hasShipped(ctx.c) === false) return d;
  // Row 6 is "free return or exchange" for any goods complaint; a price complaint keeps its refund.
  const replace = customerPays(d) || subtype === 'change_of_mind' || subtype === 'shipping_fee'
    || (situation === '§4.agent_error' && subtype !== '' && categoryOf(subtype) !== 'price');
  if (replace) {
    const { item, ret, exchange } = returnOffers(ctx, '§4');
    d.offers = [ret, exchange];
    d.situations = [situation];
    d.shipping = shippingPayer(situation === '§4.agent_error' ? 'agent_error' : 'seller_fault');
    d.commitments = ['return_pickup', 'refund_after_return'];
    d.questions = d.questions.filter((q) => q !== 'customerDamaged');
    d.vars = { ...d.vars, item: item?.name, amountMinor: ret.amountMinor };
  } else if (d.offers.some((o) => o.kind === 'return_refund' || o.kind === 'exchange')) {
    d.shipping = shippingPayer('seller_fault');
  }
  return d;
}

/** Apply §4 rows 1, 5 and 6 as the order and facts say. */
export function applyShippingRows(ctx: CaseContext, d: Decision, subtype: Subtype | ''): Decision {
  const f = ctx.facts;
  if (f.postageDiscussed === false && hasShipped(ctx.c) !== false) {
    // Row 5: the agreed refund stands; the return postage is ours, at the customer's original method.
    const { item, ret } = returnOffers(ctx, '§4');
    const kept = d.offers.filter((o) => o.kind === 'return_refund' || o.kind === 'refund');
    d.rules.push('§4');
    // The return postage the customer pays at their original method comes back as its own refund
    // (docs/CONTRACT.md: postage is a payer in `shipping`, and a reimbursed postage is a `refund` of rule §4).
    const postage = postageMinor(ctx);
    const repay = makeOffer(ctx, { kind: 'refund', rule: '§4', amountMinor: postage ?? null, capMinor: ctx.c.order?.totalMinor });
    d.offers = [...(kept.length ? kept : [ret]), repay];
    d.situations = ['§4.postage_undiscussed'];
    d.shipping = shippingPayer('postage_undiscussed');
    d.commitments = ['refund_after_return'];
    d.checklist.push('original_shipping_method');
    d.vars = { ...d.vars, item: item?.name, amountMinor: d.offers[0]?.amountMinor ?? ret.amountMinor, postageMinor: repay.amountMinor ?? undefined };
  }
  if (shippedLate(ctx.c) === true) {
    d.checklist.push('check_promised_handling');
    sellerPaysBothWays(ctx, d, subtype, '§4.late_shipment');
  }
  if (f.agentError === true) {
    d.checklist.push('check_agent_record');
    sellerPaysBothWays(ctx, d, subtype, '§4.agent_error');
  }
  return d;
}

/**
 * M-2: the real problem keeps the remedy of its own rule, but nothing goes out before a supervisor
 * has reviewed the malicious signals. The reply says the problem is recorded; it never denies it.
 */
export function applyHostile(ctx: CaseContext, d: Decision): Decision {
  d.rules.push('M-1', 'M-2');
  d.escalate = true;
  d.forceSupervisor = true;
  d.situations = ['M-2.review', ...d.situations];
  d.commitments = ['supervisor_review', ...d.commitments.filter((c) => c !== 'supervisor_review')];
  d.checklist.unshift('review_malicious_signals', ...ctx.settings.malicious.evidenceChecklist);
  return d;
}
