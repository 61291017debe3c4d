import { describe, expect, it } from 'vitest';
import { findMoneyPromises, findOfferKinds, parseChineseNumber, readReply } from '../../../src/core/training/read-reply.ts';
import type { Order } from '../../../src/core/types.ts';
import { asksAbout } from '../../../src/core/training/policy-outcome.ts';

const cny: Order = { id: 'T1', currency: 'CNY', items: [{ sku: 'A', name: 'A', unitPriceMinor: 5900, qty: 3 }], totalMinor: 17700, shippingFeeMinor: 0, freeShipping: true };
const usd: Order = { ...cny, currency: 'USD', totalMinor: 7900 };

describe('findMoneyPromises: what a trainee promises to pay', () => {
  it.each([
    ['退您50元', cny, 5000],
    ['我们给您补偿五十元,您看可以吗', cny, 5000],
    ['马上给您退款¥30.5', cny, 3050],
    ['给您全额退款', cny, 17700],
    ['I can refund $20 right away.', usd, 2000],
    ['We will give you a full refund today.', usd, 7900],
    ['退您30%的货款作为补偿', cny, 5310],
  ])('%s → %i minor units', (text, order, minor) => {
    expect(findMoneyPromises(text, order).map((p) => p.amountMinor)).toContain(minor);
  });

  it.each([
    ['您付的是177元对吧?'],
    ['退货运费6元由我们承担'],
    ['I will get back to you within 2 hours.'],
    ['The return shipping of $8 is on us.'],
    ["We can't send you $60 outside the platform."],
    ['我们不能私下给您转100元。'],
  ])('not a promise: %s', (text) => {
    expect(findMoneyPromises(text, cny)).toEqual([]);
  });
});

describe('findOfferKinds', () => {
  it.each([
    ['马上给您补发少的那件', 'reship'],
    ['您可以申请退货退款,运费我们出', 'return_refund'],
    ['I can send you a replacement today', 'exchange'],
    ['我把差价退给您', 'price_difference'],
    ['送您一张10元优惠券', 'coupon'],
    ['Would black in 42 work for you instead?', 'switch_variant'],
    ['Please return it for a full refund; we will email you a prepaid label.', 'return_refund'],
    ['您把衣服寄回来,我们收到后给您退款', 'return_refund'],
    ["I'll ship the black pair in 42 today", 'switch_variant'],
    ['黑色的可以吗?同款同码', 'switch_variant'],
    ['到货后第一时间给您发', 'wait_restock'],
  ])('%s → %s', (text, kind) => {
    expect(findOfferKinds(text)).toContain(kind);
  });

  it('"no restock date" does not offer to wait for a restock', () => {
    expect(findOfferKinds('It is out of stock with no restock date.')).not.toContain('wait_restock');
  });

  it('退货退款 is a return, not a bare refund', () => {
    expect(findOfferKinds('给您办理退货退款')).not.toContain('refund');
  });
});

describe('readReply', () => {
  it('empathy first only when the first sentence acknowledges the customer', () => {
    expect(readReply('非常抱歉给您带来不便。我马上帮您查。').empathyFirst).toBe(true);
    expect(readReply('这是快递的问题。不过很抱歉。').empathyFirst).toBe(false);
    expect(readReply('这是快递的问题。不过很抱歉。').empathy).toBe(true);
  });

  it('T-7 commitment needs a time and an action', () => {
    const r = readReply('今天下午5点前给您补发,1小时内把快递单号发给您。');
    expect([r.commitTime, r.commitAction]).toEqual([true, true]);
    const en = readReply("I'll send a replacement today and a prepaid return label within 2 hours.");
    expect([en.commitTime, en.commitAction]).toEqual([true, true]);
    expect(readReply('I\u2019ll ship it tomorrow.').commitAction).toBe(true);
    const vague = readReply('我们会尽快处理的');
    expect([vague.commitTime, vague.commitAction]).toEqual([false, false]);
  });

  it('reads questions in both languages', () => {
    expect(readReply('请问您收到的包裹有多重?').question).toBe(true);
    expect(readReply('Could you send a photo of the label').question).toBe(true);
    expect(readReply('好的,马上处理。').question).toBe(false);
  });
});

describe('parseChineseNumber', () => {
  it.each([['五十', 50], ['十五', 15], ['一百二十', 120], ['两千', 2000], ['八', 8]])('%s → %i', (s, n) => {
    expect(parseChineseNumber(s)).toBe(n);
  });
});

describe('T-7 times people actually write', () => {
  it.each([
    "I'll email you a prepaid return label within the hour.",
    "I'll check back with you on Friday.",
    'You will have it by end of day.',
    '周五前给您寄出。',
    '下午3点前给您回复。',
    'We will ship it this afternoon.',
  ])('%s', (text) => {
    expect(readReply(text).commitTime).toBe(true);
  });
});

describe('asking about a hidden fact, as people ask', () => {
  it.each([
    ['urgent', '请问您什么时候需要用到呢?'],
    ['urgent', 'When do you need it by?'],
    ['weightMatchesCustomerClaim', '麻烦您拍一下快递面单给我看看好吗'],
    ['weightMatchesCustomerClaim', 'Could you send me a photo of the shipping label?'],
    ['priceNow', '请问现在页面上的价格是多少?'],
    ['duplicateCharge', 'Could you check your bank statement for the two payments?'],
  ] as const)('%s: %s', (fact, text) => {
    expect(asksAbout(text, fact)).toBe(true);
  });

  it('naming the label without asking is not asking: 1小时内把快递单号发给您', () => {
    expect(asksAbout('1小时内把快递单号发给您。', 'weightMatchesCustomerClaim')).toBe(false);
  });
});
