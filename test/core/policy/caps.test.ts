import { describe, expect, it } from 'vitest';
import { approvalLevel, checkOffers } from '../../../src/core/policy/caps.ts';
import type { Offer } from '../../../src/core/types.ts';
import { draftFor, makeCase, order, orderWithPart, playbook } from './helpers.ts';

const offer = (kind: Offer['kind'], amountMinor: number | null, rule: string, currency = 'CNY'): Offer =>
  ({ kind, amountMinor, currency, note: '', rule });

describe('approvalLevel (store thresholds)', () => {
  it.each([
    ['money within the agent limit (¥100) → agent', [offer('coupon', 500, 'Q-1'), offer('partial_refund', 10000, 'Q-2')], 'agent'],
    ['money over the agent limit → supervisor', [offer('partial_refund', 10001, 'Q-2')], 'supervisor'],
    ['no money at all → agent', [offer('reship', null, 'L-7'), offer('exchange', null, 'Q-1')], 'agent'],
    ['L-1 refund of an unshipped order at any amount → agent', [offer('refund', 999900, 'L-1')], 'agent'],
    ['P-3 refund of a duplicate charge at any amount → agent', [offer('refund', 500000, 'P-3')], 'agent'],
    ['return and refund at any amount → agent', [offer('return_refund', 500000, 'Q-6')], 'agent'],
    ['L-5 reship without a return → supervisor', [offer('reship', null, 'L-5')], 'supervisor'],
    ['L-5 refund without a return → supervisor', [offer('refund', 100, 'L-5')], 'supervisor'],
    ['a currency with no agent limit → supervisor', [offer('coupon', 100, 'L-6', 'JPY')], 'supervisor'],
  ] as const)('%s', (_name, offers, expected) => {
    expect(approvalLevel([...offers], playbook)).toBe(expected);
  });
});

describe('checkOffers (edits are re-checked)', () => {
  const c = makeCase({ misuse: false, customerInsistsReturn: false });
  const q2 = draftFor('quality_problem', { misuse: false, customerInsistsReturn: false });

  it('the draft as decided has no violations for the role it asks for', () => {
    expect(checkOffers(c, q2, q2.offers, q2.approval, playbook)).toEqual([]);
  });

  it('Q-2 an edit above 30 % of what was paid is refused with the cap', () => {
    const v = checkOffers(c, q2, [offer('partial_refund', 6000, 'Q-2')], 'supervisor', playbook);
    expect(v).toEqual([expect.objectContaining({ offerIndex: 0, rule: 'Q-2', maxMinor: 5310 })]);
  });

  it('Q-1 an edit above 10 % of the item price is refused; 10 % passes', () => {
    const d = draftFor('minor_defect');
    const mc = makeCase();
    expect(checkOffers(mc, d, [offer('partial_refund', 590, 'Q-1')], 'agent', playbook)).toEqual([]);
    const v = checkOffers(mc, d, [offer('partial_refund', 591, 'Q-1')], 'agent', playbook);
    expect(v).toEqual([expect.objectContaining({ rule: 'Q-1', maxMinor: 590 })]);
  });

  it('no offer exceeds what the customer paid for what it concerns — not even a supervisor\'s', () => {
    const v = checkOffers(c, q2, [offer('return_refund', 17701, 'Q-2')], 'supervisor', playbook);
    expect(v).toEqual([expect.objectContaining({ maxMinor: 17700 })]);
    expect(v[0]?.message).toContain('¥177.00');
  });

  it('L-4 a refund for the missing item is capped at that line, not the order total', () => {
    const mc = makeCase({ missingSku: 'SCREW', weightMatchesCustomerClaim: true }, { order: orderWithPart() });
    const d = draftFor('missing_item', { missingSku: 'SCREW', weightMatchesCustomerClaim: true }, { order: orderWithPart() });
    const v = checkOffers(mc, d, [offer('refund', 500, 'L-4')], 'supervisor', playbook);
    expect(v).toEqual([expect.objectContaining({ maxMinor: 100 })]);
  });

  it('L-4 an agent may not add a refund for a low-value part the weight does not prove', () => {
    const mc = makeCase({ missingSku: 'SCREW' }, { order: orderWithPart() });
    const d = draftFor('missing_item', { missingSku: 'SCREW' }, { order: orderWithPart() });
    expect(checkOffers(mc, d, [offer('refund', 100, 'L-4')], 'agent', playbook)).toEqual([expect.objectContaining({ rule: 'L-4' })]);
    expect(checkOffers(mc, d, [offer('refund', 100, 'L-4')], 'supervisor', playbook)).toEqual([]);
  });

  it('M-1 a malicious draft offers no money, whatever the role', () => {
    const d = draftFor('extortion');
    for (const role of ['agent', 'supervisor'] as const) {
      expect(checkOffers(makeCase(), d, [offer('coupon', 100, 'M-1')], role, playbook)).toEqual([expect.objectContaining({ rule: 'M-1', maxMinor: 0 })]);
      expect(checkOffers(makeCase(), d, [offer('gift', null, 'M-1')], role, playbook)).toEqual([expect.objectContaining({ rule: 'M-1' })]);
    }
    expect(checkOffers(makeCase(), d, d.offers, 'supervisor', playbook)).toEqual([]);
  });

  it('an agent may not raise money past the agent limit; a supervisor may (up to the paid cap)', () => {
    const big = order({ items: [{ sku: 'TV', name: '电视', unitPriceMinor: 300000, qty: 1 }], totalMinor: 300000 });
    const bc = makeCase({ misuse: false, customerInsistsReturn: false }, { order: big });
    const d = draftFor('quality_problem', { misuse: false, customerInsistsReturn: false }, { order: big });
    const edit = [offer('partial_refund', 20000, 'Q-2')];
    expect(checkOffers(bc, d, edit, 'agent', playbook)).toEqual([expect.objectContaining({ rule: 'approval', maxMinor: 10000 })]);
    expect(checkOffers(bc, d, edit, 'supervisor', playbook)).toEqual([]);
  });

  it('coupons are capped by the store maximum (¥50)', () => {
    const v = checkOffers(c, q2, [offer('coupon', 6000, 'Q-2')], 'supervisor', playbook);
    expect(v).toEqual([expect.objectContaining({ maxMinor: 5000 })]);
  });

  it('P-1 an edit may not refund more than the price difference', () => {
    const pc = makeCase({ priceNowMinor: 4900 });
    const d = draftFor('price_drop', { priceNowMinor: 4900 });
    expect(checkOffers(pc, d, [offer('price_difference', 3001, 'P-1')], 'supervisor', playbook)).toEqual([expect.objectContaining({ rule: 'P-1', maxMinor: 3000 })]);
  });

  it('amounts are whole, non-negative minor units in the order\'s currency', () => {
    expect(checkOffers(c, q2, [offer('coupon', 10.5, 'Q-2')], 'supervisor', playbook)[0]?.rule).toBe('amount');
    expect(checkOffers(c, q2, [offer('coupon', -1, 'Q-2')], 'supervisor', playbook)[0]?.rule).toBe('amount');
    expect(checkOffers(c, q2, [offer('coupon', 100, 'Q-2', 'USD')], 'supervisor', playbook)[0]?.rule).toBe('currency');
  });
});
