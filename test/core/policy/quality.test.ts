import { describe, expect, it } from 'vitest';
import { daysAgo, draftFor, expectRow, order, type PolicyRow } from './helpers.ts';

const oneItem = (unitPriceMinor: number, over = {}) =>
  ({ order: order({ items: [{ sku: 'X', name: '蓝牙耳机', unitPriceMinor, qty: 1 }], totalMinor: unitPriceMinor, ...over }) });

const rows: PolicyRow[] = [
  {
    name: 'Q-1 minor defect → apologise, coupon for next time or 5 % of the price back',
    subtype: 'minor_defect',
    offers: ['coupon:500', 'partial_refund:295', 'exchange', 'return_refund:17700'], shipping: ['seller', 'seller'], approval: 'agent',
    replyHas: ['真诚地向您道歉', '¥5.00', '¥2.95', '包邮退换'], questions: ['customerInsistsReturn'],
  },
  {
    name: 'Q-1 partial refund is capped by the store (5 % of ¥1,000 = ¥50 → cap ¥30)',
    subtype: 'minor_defect', facts: { customerInsistsReturn: false }, over: oneItem(100000),
    offers: ['coupon:500', 'partial_refund:3000', 'exchange', 'return_refund:100000'],
  },
  {
    name: 'Q-1 customer insists on return/exchange → 包邮退换, seller pays postage',
    subtype: 'minor_defect', facts: { customerInsistsReturn: true }, lang: 'en',
    offers: ['exchange', 'return_refund:17700'], shipping: ['seller', 'seller'], replyHas: ['postage covered by us'],
  },
  {
    name: 'Q-2 quality problem, misuse not ruled out → ask for a fault video, send usage help first',
    subtype: 'quality_problem',
    offers: ['partial_refund:5310', 'coupon:500', 'exchange', 'return_refund:17700'], questions: ['misuse', 'customerInsistsReturn'],
    replyHas: ['视频'], replyLacks: ['道歉'], checklistHas: ['故障视频'],
  },
  {
    name: 'Q-2 confirmed quality problem, wants return → return/exchange, seller pays both ways, small coupon',
    subtype: 'quality_problem', facts: { misuse: false, customerInsistsReturn: true },
    offers: ['exchange', 'return_refund:17700', 'coupon:500'], shipping: ['seller', 'seller'], approval: 'agent',
    replyHas: ['真诚地向您道歉', '来回运费都由我们承担', '¥5.00'],
  },
  {
    name: 'Q-2 confirmed quality problem, keeps the item → 30 % back plus a coupon',
    subtype: 'quality_problem', facts: { misuse: false, customerInsistsReturn: false },
    offers: ['partial_refund:5310', 'coupon:500'], shipping: ['none', 'none'], replyHas: ['30%', '¥53.10'],
  },
  {
    name: 'Q-2 misuse → explain correct use; repair at the customer\'s cost (§4 customer damaged)',
    subtype: 'quality_problem', facts: { misuse: true },
    offers: ['repair'], shipping: ['customer', 'customer'], replyLacks: ['道歉'], replyHas: ['使用方法'],
  },
  {
    name: 'Q-3 listing at fault → apologise, return with compensation, fix the listing, seller pays',
    subtype: 'not_as_described', facts: { listingAccurate: false },
    offers: ['return_refund:17700', 'coupon:1000', 'exchange'], shipping: ['seller', 'seller'],
    replyHas: ['真诚地向您道歉', '¥177.00', '¥10.00'], checklistHas: ['修改商品页面'],
  },
  {
    name: 'Q-3 listing accurate → a customer\'s own reason: no-reason return rules',
    subtype: 'not_as_described', facts: { listingAccurate: true },
    offers: ['exchange', 'return_refund:17700'], shipping: ['seller', 'customer'], replyLacks: ['道歉'],
  },
  {
    name: 'Q-3 listing not checked → self-check, asks listingAccurate',
    subtype: 'not_as_described',
    offers: ['return_refund:17700', 'coupon:1000'], shipping: ['none', 'seller'], questions: ['listingAccurate'],
  },
  {
    name: 'Q-4 counterfeit claim, invoice available, no proof → show the invoice, no money, escalate',
    subtype: 'counterfeit_claim', facts: { invoiceAvailable: true, customerHasProof: false },
    offers: ['none'], approval: 'supervisor', escalate: true, replyHas: ['进货发票'],
  },
  {
    name: 'Q-4 counterfeit claim, no proper documents → return and refund, seller pays postage both ways, escalate',
    subtype: 'counterfeit_claim', facts: { invoiceAvailable: false },
    offers: ['return_refund:17700'], shipping: ['seller', 'seller'], approval: 'supervisor', escalate: true,
    replyHas: ['¥177.00', '主管'],
  },
  {
    name: 'Q-4 counterfeit claim, nothing checked yet → always escalates, asks for the invoice',
    subtype: 'counterfeit_claim', lang: 'en',
    offers: ['none', 'return_refund:17700'], approval: 'supervisor', escalate: true, questions: ['invoiceAvailable'],
  },
  {
    name: 'Q-4 counterfeit claim, invoice held, customer\'s proof unknown → asks for the proof',
    subtype: 'counterfeit_claim', facts: { invoiceAvailable: true },
    offers: ['none'], approval: 'supervisor', escalate: true, questions: ['customerHasProof'],
  },
  {
    name: 'Q-4 counterfeit claim, both sides hold documents → the supervisor weighs them, return stays open',
    subtype: 'counterfeit_claim', facts: { invoiceAvailable: true, customerHasProof: true },
    offers: ['none', 'return_refund:17700'], approval: 'supervisor', escalate: true,
  },
  {
    name: 'Q-5 within warranty (deliveredAt + warrantyMonths vs now) → free repair, seller pays, 3–5 working days',
    subtype: 'warranty_repair', over: { order: order({ deliveredAt: daysAgo(200), warrantyMonths: 12 }) },
    offers: ['repair'], shipping: ['seller', 'seller'], replyHas: ['保修期内', '3–5个工作日', '维修报告'],
  },
  {
    name: 'Q-5 outside warranty → paid repair, customer pays postage',
    subtype: 'warranty_repair', over: { order: order({ deliveredAt: daysAgo(400), warrantyMonths: 12 }) }, lang: 'en',
    offers: ['repair'], shipping: ['customer', 'customer'], replyHas: ['past its warranty', '3–5 working days'],
  },
  {
    name: 'Q-5 the withinWarranty fact overrides the dates',
    subtype: 'warranty_repair', facts: { withinWarranty: true }, over: { order: order({ deliveredAt: daysAgo(400), warrantyMonths: 12 }) },
    offers: ['repair'], shipping: ['seller', 'seller'],
  },
  {
    name: 'Q-5 warranty unknown (no warrantyMonths) → asks withinWarranty',
    subtype: 'warranty_repair', over: { order: order({ warrantyMonths: undefined }) },
    offers: ['repair'], questions: ['withinWarranty'],
  },
  {
    name: 'Q-6 change of mind within 7 days → try an exchange, else return and refund; customer pays return postage',
    subtype: 'change_of_mind',
    offers: ['exchange', 'return_refund:17700'], shipping: ['seller', 'customer'], approval: 'agent', replyLacks: ['道歉'],
    replyHas: ['七天无理由'],
  },
  {
    name: 'Q-6 delivered 10 days ago → not covered; the customer repays the ¥6 outbound postage',
    subtype: 'change_of_mind', over: { order: order({ deliveredAt: daysAgo(10) }) },
    offers: ['return_refund:17100'], shipping: ['customer', 'customer'], replyHas: ['¥171.00'],
  },
  {
    name: 'Q-6 item excluded from 7-day no-reason return → customer pays postage both ways',
    subtype: 'change_of_mind', over: { order: order({ sevenDayReturn: false }) },
    offers: ['return_refund:17100'], shipping: ['customer', 'customer'],
  },
];

describe('quality handlers (POLICY.md Q-1…Q-6)', () => {
  it.each(rows)('$name', (row) => {
    const d = expectRow(row);
    expect(d.escalate).toBe(row.escalate ?? false);
  });

  it('Q-4 counterfeit always escalates to a supervisor, whatever the facts', () => {
    for (const invoiceAvailable of [true, false, undefined]) {
      for (const customerHasProof of [true, false, undefined]) {
        const d = draftFor('counterfeit_claim', { invoiceAvailable, customerHasProof });
        expect(d.escalate).toBe(true);
        expect(d.approval).toBe('supervisor');
      }
    }
  });

  it('Q-5 the same order flips out of warranty as the clock moves past deliveredAt + 12 months', () => {
    const o = order({ deliveredAt: '2025-12-01T00:00:00Z', warrantyMonths: 12 });
    const before = draftFor('warranty_repair', {}, { order: o, now: new Date('2026-11-30T00:00:00Z') });
    const after = draftFor('warranty_repair', {}, { order: o, now: new Date('2026-12-02T00:00:00Z') });
    expect(before.shipping).toEqual({ outbound: 'seller', return: 'seller' });
    expect(after.shipping).toEqual({ outbound: 'customer', return: 'customer' });
  });
});
