import { describe, expect, it } from 'vitest';
import { shippingPayer, type ShippingSituation } from '../../../src/core/policy/shipping-payer.ts';
import type { Facts, Order, Subtype } from '../../../src/core/types.ts';
import { daysAgo, draftFor, offerSummary, order } from './helpers.ts';

describe('§4 who pays shipping — the table', () => {
  const rows: [string, ShippingSituation, Partial<Order>, [string, string]][] = [
    ['§4 row 1 seller at fault (quality, not as described, wrong item, late) → seller both ways', 'seller_fault', {}, ['seller', 'seller']],
    ['§4 row 2 free-shipping item, 7-day no-reason return, own reason → seller out, customer back', 'no_reason_return', { freeShipping: true }, ['seller', 'customer']],
    ['§4 row 2 (not free-shipping) 7-day no-reason return of an item the customer paid postage for → customer both ways', 'no_reason_return', { freeShipping: false }, ['customer', 'customer']],
    ['§4 row 3 item not covered by 7-day no-reason, own reason → customer both ways (repays outbound)', 'not_covered_own_reason', {}, ['customer', 'customer']],
    ['§4 row 4 customer damaged it (使用不当) → customer both ways', 'customer_damaged', {}, ['customer', 'customer']],
    ['§4 row 5 refund agreed, postage never discussed → seller pays the return', 'postage_undiscussed', {}, ['none', 'seller']],
    ['§4 row 6 agent error (客服失误) → seller both ways (free return/exchange)', 'agent_error', {}, ['seller', 'seller']],
  ];
  it.each(rows)('%s', (_name, situation, o, expected) => {
    const p = shippingPayer(situation, order(o));
    expect([p.outbound, p.return]).toEqual(expected);
  });
});

describe('§4 who pays shipping — through the handlers', () => {
  const rows: [string, Subtype, Facts, Partial<Order>, [string, string]][] = [
    ['§4 row 1 seller at fault: quality problem returned', 'quality_problem', { misuse: false, customerInsistsReturn: true }, {}, ['seller', 'seller']],
    ['§4 row 1 seller at fault: wrong item exchanged', 'wrong_item', { customerOrderedThis: false, wrongItemValueMinor: 5000, customerWantsItem: false }, {}, ['seller', 'seller']],
    ['§4 row 1 seller at fault: listing not as described', 'not_as_described', { listingAccurate: false }, {}, ['seller', 'seller']],
    ['§4 row 2 free-shipping 7-day no-reason return', 'change_of_mind', {}, {}, ['seller', 'customer']],
    ['§4 row 3 not covered by 7-day no-reason', 'change_of_mind', {}, { sevenDayReturn: false }, ['customer', 'customer']],
    ['§4 row 4 customer damaged it', 'change_of_mind', { customerDamaged: true }, {}, ['customer', 'customer']],
    ['§4 row 4 customer damaged it (quality complaint)', 'minor_defect', { customerDamaged: true }, {}, ['customer', 'customer']],
    ['§4 row 5 refund agreed but postage never discussed', 'not_as_described', {}, {}, ['none', 'seller']],
    ['§4 row 6 agent error that cost the customer', 'price_difference', { verifiedDifferenceMinor: 1000, customerInsistsReturn: true }, {}, ['seller', 'seller']],
  ];
  it.each(rows)('%s', (_name, subtype, facts, o, expected) => {
    const d = draftFor(subtype, facts, { order: order(o) });
    expect([d.shipping.outbound, d.shipping.return]).toEqual(expected);
    expect(d.rules).toContain('§4');
  });
});

describe('§4 postage standard (江浙沪 ¥6, elsewhere ¥10–15, other countries configurable)', () => {
  // Q-6 outside the window: the customer repays the outbound postage the store paid, so the refund shows the rate.
  const late = { deliveredAt: daysAgo(10) };
  const rows: [string, Partial<Order>, Facts, string][] = [
    ['§4 postage 江浙沪 (浙江) ¥6', { region: '浙江省杭州市', ...late }, {}, 'return_refund:17100'],
    ['§4 postage elsewhere in mainland (四川) ¥12', { region: '四川', ...late }, {}, 'return_refund:16500'],
    ['§4 postage remote region (新疆) ¥15', { region: '新疆', ...late }, {}, 'return_refund:16200'],
    ['§4 postage other countries, per currency (USD $15)', { currency: 'USD', region: 'Texas', ...late }, {}, 'return_refund:16200'],
    ['§4 returnShippingCost fact overrides the table', { region: '浙江', ...late }, { returnShippingCostMinor: 2000 }, 'return_refund:15700'],
  ];
  it.each(rows)('%s', (_name, o, facts, expected) => {
    const d = draftFor('change_of_mind', facts, { order: order(o) });
    expect(offerSummary(d)).toEqual([expected]);
  });

  it('§4 a currency with no configured rate → asks the agent for returnShippingCost', () => {
    const d = draftFor('wrong_item', { customerOrderedThis: false, wrongItemValueMinor: 500 }, { order: order({ currency: 'JPY', region: 'Tokyo' }) });
    expect(d.questions.map((q) => q.fact)).toContain('returnShippingCost');
  });
});
