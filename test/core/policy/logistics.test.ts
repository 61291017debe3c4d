import { describe, expect, it } from 'vitest';
import { draftFor, expectRow, offerSummary, order, orderWithPart, type PolicyRow } from './helpers.ts';

const unshipped = { order: order({ status: 'paid', shippedAt: undefined, deliveredAt: undefined }) };
const inTransit = { order: order({ status: 'shipped', deliveredAt: undefined }) };
const usdUnshipped = {
  order: order({
    currency: 'USD', region: 'California', status: 'paid', shippedAt: undefined, deliveredAt: undefined,
    items: [{ sku: 'MUG', name: 'the blue mug', unitPriceMinor: 2000, qty: 2 }], totalMinor: 4000,
  }),
};

const rows: PolicyRow[] = [
  {
    name: 'L-1 out of stock, restock expected → ask to wait, else a similar variant, else refund',
    subtype: 'not_shipped', facts: { restockExpected: true, urgent: false }, over: unshipped,
    offers: ['wait_restock', 'switch_variant', 'refund:17700'], shipping: ['seller', 'none'], approval: 'agent',
    replyHas: ['白色T恤目前暂时缺货', '¥177.00'], questions: ['customerAcceptsAlternative'], rules: ['L-1', 'T-1', 'T-2', 'T-7'],
  },
  {
    name: 'L-1 cross-border restock → a small discount for waiting (5 % of the order)',
    subtype: 'not_shipped', facts: { restockExpected: true, customerAcceptsAlternative: true, urgent: false }, over: usdUnshipped, lang: 'en',
    offers: ['wait_restock', 'coupon:200', 'switch_variant', 'refund:4000'], approval: 'agent',
    replyHas: ['The blue mug is temporarily out of stock', '$2.00', '$40.00'],
    checklistHas: ['Cross-border platform dispute: respond within 5 days'],
  },
  {
    name: 'L-1 no restock → suggest another style, refund if declined',
    subtype: 'not_shipped', facts: { restockExpected: false, urgent: false }, over: unshipped,
    offers: ['switch_variant', 'refund:17700'], replyHas: ['不会再补货', '¥177.00'], questions: ['customerAcceptsAlternative'],
  },
  {
    name: 'L-1 customer declines the alternative → refund promptly (within 1 hour)',
    subtype: 'not_shipped', facts: { restockExpected: false, customerAcceptsAlternative: false }, over: unshipped,
    offers: ['refund:17700'], shipping: ['none', 'none'], approval: 'agent', replyHas: ['全额退款¥177.00', '1小时内'], checklistHas: ['违约金'],
  },
  {
    name: 'L-1 stock not checked → asks restockExpected, drafts under store defaults',
    subtype: 'not_shipped', facts: { urgent: false }, over: unshipped,
    offers: ['wait_restock', 'switch_variant', 'refund:17700'], questions: ['restockExpected'], checklistHas: ['店铺默认'],
  },
  {
    name: 'L-2 no tracking, shipped and tracking now updated → apologise, no compensation',
    subtype: 'no_tracking', facts: { trackingUpdated: true }, over: inTransit,
    offers: ['none'], replyHas: ['真诚地向您道歉', '已经能查到'], approval: 'agent',
  },
  {
    name: 'L-2 no tracking, tracking not updated → update it within 1 hour',
    subtype: 'no_tracking', facts: { trackingUpdated: false }, over: inTransit, lang: 'en',
    offers: ['none'], replyHas: ['latest tracking within 1 hour'],
  },
  {
    name: 'L-2 no tracking and not shipped → handled as L-1',
    subtype: 'no_tracking', facts: { urgent: false }, over: unshipped,
    offers: ['wait_restock', 'switch_variant', 'refund:17700'], rules: ['L-2', 'L-1'], questions: ['restockExpected'],
  },
  {
    name: 'L-3 not received, in transit → courier finds the cause; failed or returned → reship or refund',
    subtype: 'not_received', facts: { urgent: false }, over: inTransit,
    offers: ['reship', 'refund:17700'], shipping: ['seller', 'none'], replyHas: ['运输途中', '¥177.00', '2小时内'],
    checklistHas: ['联系快递'],
  },
  {
    name: 'L-3 "not received" but the order never shipped → tell the real cause, routed to L-1 by the order',
    subtype: 'not_received', facts: { urgent: false }, over: unshipped,
    offers: ['wait_restock', 'switch_variant', 'refund:17700'], rules: ['L-1'],
  },
  {
    name: 'L-3 delivered but not received → check the delivery signature',
    subtype: 'not_received', facts: { urgent: false },
    offers: ['reship', 'refund:17700'], replyHas: ['已签收'], checklistHas: ['签收信息'],
  },
  {
    name: 'L-3 tracking anomaly (stuck in transit) → same courier check, reship or refund',
    subtype: 'tracking_anomaly', facts: { urgent: false }, over: inTransit, lang: 'en',
    offers: ['reship', 'refund:17700'], replyHas: ['still in transit'], rules: ['L-3'],
  },
  {
    name: 'L-4 weight proves we under-shipped → apologise, reship or refund that item, small gift',
    subtype: 'missing_item', facts: { weightMatchesCustomerClaim: true, missingSku: 'TS-W', urgent: false },
    offers: ['reship', 'refund:5900', 'gift:1000'], shipping: ['seller', 'none'], approval: 'agent',
    replyHas: ['真诚地向您道歉', '少发了白色T恤', '¥59.00', '1小时内把新的快递单号'], checklistHas: ['售后记录'],
  },
  {
    name: 'L-4 low-value missing part, weight proves nothing → coupon, refund needs supervisor',
    subtype: 'missing_item', facts: { missingSku: 'SCREW' }, over: { order: orderWithPart() },
    offers: ['coupon:500', 'reship', 'refund:100'], approval: 'supervisor', replyHas: ['螺丝配件', '¥5.00'],
  },
  {
    name: 'L-4 weight does not match the claim → we did not under-ship, no money, ask for a photo',
    subtype: 'missing_item', facts: { weightMatchesCustomerClaim: false, missingSku: 'TS-W' },
    offers: ['none'], approval: 'agent', replyLacks: ['道歉'], checklistHas: ['拍照'],
  },
  {
    name: 'L-4 higher-value item, weight not checked → asks for the weight, reship once verified',
    subtype: 'missing_item', facts: { missingSku: 'LAMP' }, over: { order: orderWithPart() },
    offers: ['reship', 'refund:12900'], questions: ['weightMatchesCustomerClaim'], approval: 'supervisor',
  },
  {
    name: 'L-4 which item is missing not named on a multi-line order → asks missingSku',
    subtype: 'missing_item', facts: { weightMatchesCustomerClaim: false }, over: { order: orderWithPart() },
    offers: ['none'], questions: ['missingSku'],
  },
  {
    name: 'L-5 customer ordered exactly this → explain kindly, exchange at the customer\'s postage',
    subtype: 'wrong_item', facts: { customerOrderedThis: true },
    offers: ['exchange'], shipping: ['customer', 'customer'], replyLacks: ['道歉', '拍错'], rules: ['L-5', '§4'],
  },
  {
    name: 'L-5 wrong item worth more than postage → keep at discount',
    subtype: 'wrong_item', facts: { customerOrderedThis: false, wrongItemValueMinor: 5000, customerWantsItem: true },
    offers: ['keep_at_discount:2080', 'exchange', 'return_refund:5900'], shipping: ['seller', 'seller'], approval: 'agent',
    replyHas: ['¥20.80', '真诚地向您道歉'],
  },
  {
    name: 'L-5 wrong item worth more than postage, not wanted → return/exchange at our cost',
    subtype: 'wrong_item', facts: { customerOrderedThis: false, wrongItemValueMinor: 5000, customerWantsItem: false },
    offers: ['exchange', 'return_refund:5900'], shipping: ['seller', 'seller'], approval: 'agent', replyHas: ['上门取件'],
  },
  {
    name: 'L-5 wrong item worth less than postage, not wanted → supervisor approves reship or refund without a return',
    subtype: 'wrong_item', facts: { customerOrderedThis: false, wrongItemValueMinor: 300, customerWantsItem: false },
    offers: ['reship', 'refund:5900'], shipping: ['seller', 'none'], approval: 'supervisor', replyHas: ['不需要您寄回'],
  },
  {
    name: 'L-5 wrong item worth less than postage → negotiate a discount first',
    subtype: 'wrong_item', facts: { customerOrderedThis: false, wrongItemValueMinor: 300 },
    offers: ['keep_at_discount:5900', 'reship', 'refund:5900'], questions: ['customerWantsItem'],
  },
  {
    name: 'L-5 returnShippingCost overrides the postage standard (§4): ¥8 item vs ¥10 return → no return',
    subtype: 'wrong_item', facts: { customerOrderedThis: false, wrongItemValueMinor: 800, returnShippingCostMinor: 1000, customerWantsItem: false },
    offers: ['reship', 'refund:5900'],
  },
  {
    name: 'L-5 not yet verified → ask for a photo, check the order record; draft as our fault',
    subtype: 'wrong_item', facts: {},
    offers: ['exchange', 'return_refund:5900'], questions: ['customerOrderedThis', 'wrongItemValue'], replyHas: ['拍一张', '核实后2小时内'],
    replyLacks: ['道歉', '上门取件'],
  },
  {
    name: 'L-6 promotion delay → the honest reason (爆仓), small coupon as a store option',
    subtype: 'promo_delay', facts: { promoPeriod: true, urgent: false }, over: inTransit,
    offers: ['coupon:500'], approval: 'agent', replyHas: ['大促', '爆仓', '¥5.00'], replyLacks: ['道歉'],
  },
  {
    name: 'L-6 not a promotion period after all → handled as L-3',
    subtype: 'promo_delay', facts: { promoPeriod: false, urgent: false }, over: inTransit,
    offers: ['reship', 'refund:17700'], rules: ['L-3'],
  },
  {
    name: 'L-7 lost or damaged → reship at once, original not returned, claim from the courier',
    subtype: 'lost_or_damaged', facts: { urgent: false },
    offers: ['reship', 'refund:17700'], shipping: ['seller', 'none'], replyHas: ['不用寄回', '索赔'], checklistHas: ['索赔'],
  },
  {
    name: 'L-8 urgent delay → expedite a reship by express, seller pays the price difference',
    subtype: 'lost_or_damaged', facts: { urgent: true },
    offers: ['expedite', 'price_difference', 'reship', 'refund:17700'], replyHas: ['顺丰加急', '差价由我们承担'], rules: ['L-7', 'L-8'],
  },
  {
    name: 'L-8 urgent parcel stuck in transit → expedite first',
    subtype: 'not_received', facts: { urgent: true }, over: inTransit, lang: 'en',
    offers: ['expedite', 'price_difference', 'reship', 'refund:17700'], replyHas: ['express courier', 'cover the difference in postage'], rules: ['L-3', 'L-8'],
  },
];

describe('logistics handlers (POLICY.md L-1…L-8)', () => {
  it.each(rows)('$name', (row) => {
    const d = expectRow(row);
    expect(d.reply.lang).toBe(row.lang ?? 'zh');
  });

  it('L-4 every missing-item draft is recorded for the weekly report', () => {
    for (const facts of [{ weightMatchesCustomerClaim: true }, { weightMatchesCustomerClaim: false }, {}]) {
      const d = draftFor('missing_item', { ...facts, missingSku: 'TS-W' });
      expect(d.checklist).toContain('做好售后记录，纳入每周报告给主管');
    }
  });

  it('L-1 refund waits for nobody: an unshipped order refunds the whole order at any amount by an agent', () => {
    const big = order({ status: 'paid', deliveredAt: undefined, shippedAt: undefined, items: [{ sku: 'TV', name: '电视', unitPriceMinor: 399900, qty: 1 }], totalMinor: 399900 });
    const d = draftFor('not_shipped', { restockExpected: false, customerAcceptsAlternative: false }, { order: big });
    expect(offerSummary(d)).toEqual(['refund:399900']);
    expect(d.approval).toBe('agent');
  });
});
