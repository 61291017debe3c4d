import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/core/policy/decide.ts';
import { cls, daysAgo, expectRow, makeCase, offerSummary, order, playbook, type PolicyRow } from './helpers.ts';

const rows: PolicyRow[] = [
  {
    name: 'P-1 price drop within the 7-day window → refund the difference (cash), coupon as alternative',
    subtype: 'price_drop', facts: { priceNowMinor: 4900 },
    offers: ['price_difference:3000', 'coupon:3000'], approval: 'agent', replyHas: ['7天的价保期', '¥30.00'],
  },
  {
    name: 'P-1 price drop outside the window (paid 10 days ago) → a goodwill coupon at most',
    subtype: 'price_drop', facts: { priceNowMinor: 4900 }, over: { order: order({ paidAt: daysAgo(10) }) }, lang: 'en',
    offers: ['coupon:1000'], replyHas: ['7-day price protection', '¥10.00'],
  },
  {
    name: 'P-1 goodwill coupon never exceeds the drop itself (¥0.50 drop → ¥0.50 coupon)',
    subtype: 'price_drop', facts: { priceNowMinor: 5850 },
    over: { order: order({ paidAt: daysAgo(30), items: [{ sku: 'TS-W', name: '白色T恤', unitPriceMinor: 5900, qty: 1 }], totalMinor: 5900 }) },
    offers: ['coupon:50'],
  },
  {
    name: 'P-1 no drop → explain, no money',
    subtype: 'price_drop', facts: { priceNowMinor: 5900 }, offers: ['none'], replyHas: ['一样的'],
  },
  {
    name: 'P-1 current price unknown → asks priceNow, no money until verified',
    subtype: 'price_drop', offers: ['none'], questions: ['priceNow'],
  },
  {
    name: 'P-2 free shipping as listed, postage charged anyway → refund the postage',
    subtype: 'shipping_fee', over: { order: order({ shippingFeeMinor: 800, totalMinor: 18500 }) },
    offers: ['refund:800'], approval: 'agent', replyHas: ['包邮', '¥8.00', '真诚地向您道歉'],
  },
  {
    name: 'P-2 no extra postage charged → explain who pays per §4, no money',
    subtype: 'shipping_fee', lang: 'en', over: { order: order({ freeShipping: false, shippingFeeMinor: 1000, totalMinor: 18700 }) },
    offers: ['none'], shipping: ['none', 'none'], replyHas: ['postage both ways'],
  },
  {
    name: 'P-3 duplicate charge verified → refund the duplicate; never ask for card details',
    subtype: 'payment_issue', facts: { duplicateCharge: true },
    offers: ['refund:17700'], approval: 'agent', replyHas: ['重复扣款', '¥177.00', '请不要在聊天中发送银行卡号或支付密码'],
  },
  {
    name: 'P-3 payment record shows one charge → explain, no money',
    subtype: 'payment_issue', facts: { duplicateCharge: false }, lang: 'en',
    offers: ['none'], replyHas: ['charged only once', 'never send card numbers'],
  },
  {
    name: 'P-3 payment record not yet checked → verify first, asks duplicateCharge',
    subtype: 'payment_issue', offers: ['none'], questions: ['duplicateCharge'], replyHas: ['核实'],
  },
  {
    name: 'P-4 verified price difference → apologise and refund it',
    subtype: 'price_difference', facts: { verifiedDifferenceMinor: 1500 },
    offers: ['price_difference:1500'], shipping: ['none', 'none'], replyHas: ['¥15.00', '真诚地向您道歉'],
  },
  {
    name: 'P-4 difference not verified → asks verifiedDifference, no money',
    subtype: 'price_difference', offers: ['none'], questions: ['verifiedDifference'], replyLacks: ['道歉'],
  },
];

describe('price handlers (POLICY.md P-1…P-4)', () => {
  it.each(rows)('$name', (row) => {
    expectRow(row);
  });

  it('P-1 a coupon payout store pays the difference as a coupon first', () => {
    const couponStore = { ...playbook, settings: { ...playbook.settings, priceProtectionPayout: 'coupon' as const } };
    const d = decide(makeCase({ priceNowMinor: 4900 }), couponStore, cls('price_drop'));
    expect(offerSummary(d)).toEqual(['coupon:3000', 'price_difference:3000']);
  });
});
