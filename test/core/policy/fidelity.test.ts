/**
 * Policy fidelity (issue 15): the order, the dates and the agent's facts decide, not only the
 * words. Every row is drafted in both languages, usually from a weak or wrong classification, and
 * states what the draft must show. `decides` names the fact (or order field) that decides the row:
 * the same case without it must come out differently, so a row fails if its rule is dropped.
 */
import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/core/policy/decide.ts';
import { parsePlaybook } from '../../../src/core/playbook/schema.ts';
import { findTaboos } from '../../../src/core/reply/guard.ts';
import {
  FACT_KEYS, type CaseInput, type Classification, type Draft, type Facts, type Lang, type Order, type Subtype,
} from '../../../src/core/types.ts';
import { cls, daysAgo, makeCase, NOW, order, playbook } from './helpers.ts';
import { readFileSync } from 'node:fs';

const unshipped: Partial<Order> = { status: 'paid', paidAt: daysAgo(3), shippedAt: undefined, deliveredAt: undefined };
const inTransit: Partial<Order> = { status: 'shipped', deliveredAt: undefined };
const twoItems: Partial<Order> = {
  items: [{ sku: 'LAMP', name: '台灯', unitPriceMinor: 12900, qty: 1 }, { sku: 'TS-W', name: '白色T恤', unitPriceMinor: 5900, qty: 1 }],
  totalMinor: 18800,
};
const earbuds: Partial<Order> = { items: [{ sku: 'EAR', name: '蓝牙耳机', unitPriceMinor: 19900, qty: 1 }], totalMinor: 19900 };

interface FidelityRow {
  name: string;
  /** The classifier's reading: a subtype, or `other` (nothing usable in the words). */
  reading: Subtype | 'other';
  readingOver?: Partial<Classification>;
  facts?: Facts;
  order?: Partial<Order>;
  /** Contract fact name, or `order.<field>` (core field name), that decides this row; absent for a rule with no deciding input. */
  decides?: string;
  category: string;
  subtype: string;
  /** Offer kinds (with `:amountMinor` where money is fixed), in try-order. */
  offers: string[];
  shipping?: [string, string];
  approval?: 'agent' | 'supervisor';
  escalate?: boolean;
  rules?: string[];
  checklistHas?: Partial<Record<Lang, string[]>>;
  replyHas?: Partial<Record<Lang, string[]>>;
  replyLacks?: string[];
}

const rows: FidelityRow[] = [
  // L-1 — a paid, unshipped order with a stock fact is L-1 whatever the words.
  {
    name: 'L-1 restockExpected on an unshipped order read as a wrong item → wait for the restock, no exchange into the missing variant',
    reading: 'wrong_item', facts: { restockExpected: true, urgent: false }, order: unshipped, decides: 'restockExpected',
    category: 'logistics', subtype: 'not_shipped', offers: ['wait_restock', 'switch_variant', 'refund:17700'], shipping: ['seller', 'none'],
    rules: ['L-1'], replyHas: { zh: ['暂时缺货'], en: ['temporarily out of stock'] },
  },
  {
    name: 'L-1 customerAcceptsAlternative on an unshipped order the words missed → switch to an in-stock variant, refund as fallback',
    reading: 'other', facts: { customerAcceptsAlternative: true, urgent: false }, order: unshipped, decides: 'customerAcceptsAlternative',
    category: 'logistics', subtype: 'not_shipped', offers: ['switch_variant', 'refund:17700'], approval: 'agent',
    replyHas: { zh: ['不会再发缺货的这一款'], en: ["won't send the out-of-stock option"] },
  },
  {
    name: 'L-1 no restock and the customer declines → refund at once plus the platform penalty (违约金) as its own offer',
    reading: 'other', facts: { restockExpected: false, customerAcceptsAlternative: false }, order: { ...unshipped, platformPenaltyMinor: 1000 },
    decides: 'order.platformPenaltyMinor',
    category: 'logistics', subtype: 'not_shipped', offers: ['refund:17700', 'refund:1000'], shipping: ['none', 'none'], approval: 'agent',
    replyHas: { zh: ['违约金¥10.00', '1小时内'], en: ['compensation of ¥10.00', 'within 1 hour'] }, checklistHas: { zh: ['违约金'], en: ['违约金'] },
  },
  {
    name: 'L-1 restock expected but the customer declines the alternative → wait or refund, nothing else',
    reading: 'not_shipped', facts: { restockExpected: true, customerAcceptsAlternative: false, urgent: false }, order: unshipped,
    decides: 'restockExpected', category: 'logistics', subtype: 'not_shipped', offers: ['wait_restock', 'refund:17700'],
  },
  {
    name: 'L-1 a paid order that never shipped, read as a wrong item → the real cause (L-1), no exchange',
    reading: 'wrong_item', facts: { urgent: false }, order: unshipped, decides: 'order.status',
    category: 'logistics', subtype: 'not_shipped', offers: ['wait_restock', 'switch_variant', 'refund:17700'], rules: ['L-1'],
  },
  {
    name: 'L-1 platformPenalty on an unshipped order the words missed → L-1 with the penalty after the refund',
    reading: 'other', facts: { urgent: false }, order: { ...unshipped, platformPenaltyMinor: 500 }, decides: 'order.platformPenaltyMinor',
    category: 'logistics', subtype: 'not_shipped', offers: ['wait_restock', 'switch_variant', 'refund:17700', 'refund:500'],
  },
  {
    name: 'L-3 read as not shipped but the parcel has shipped → L-3 courier check, not an out-of-stock draft',
    reading: 'not_shipped', facts: { urgent: false }, order: { status: 'shipped', shippedAt: undefined, deliveredAt: undefined }, decides: 'order.status',
    category: 'logistics', subtype: 'not_received', offers: ['reship', 'refund:17700'], rules: ['L-3'],
  },
  {
    name: '§4 row 6 agent error on a wrong item → free return or exchange, seller pays both ways',
    reading: 'wrong_item', facts: { agentError: true }, decides: 'agentError',
    category: 'logistics', subtype: 'wrong_item', offers: ['return_refund:17700', 'exchange'], shipping: ['seller', 'seller'], rules: ['§4', 'L-5'],
  },
  {
    name: 'L-2 tracking not updated on a shipped order read as other → update the tracking, apologise',
    reading: 'other', facts: { trackingUpdated: false }, order: inTransit, decides: 'trackingUpdated',
    category: 'logistics', subtype: 'no_tracking', offers: ['none'], rules: ['L-2'],
  },
  // L-3 — what the tracking shows decides.
  {
    name: 'L-3 out-of-zone parcel → arrange delivery with the courier first, no reship or refund yet',
    reading: 'not_received', facts: { deliveryProblem: 'out_of_zone', urgent: false }, order: inTransit, decides: 'deliveryProblem',
    category: 'logistics', subtype: 'not_received', offers: ['none'], shipping: ['none', 'none'], rules: ['L-3'],
    replyHas: { zh: ['超区'], en: ['outside the courier'] }, checklistHas: { zh: ['先和快递协商派送'], en: ['Arrange delivery with the courier'] },
  },
  {
    name: 'L-3 failed delivery the words missed → reship or refund',
    reading: 'other', facts: { deliveryProblem: 'failed', urgent: false }, order: inTransit, decides: 'deliveryProblem',
    category: 'logistics', subtype: 'tracking_anomaly', offers: ['reship', 'refund:17700'], shipping: ['seller', 'none'], rules: ['L-3'],
    replyHas: { zh: ['派送没有成功'], en: ["didn't go through"] },
  },
  {
    name: 'L-3 parcel returned to sender → reship or refund',
    reading: 'not_received', facts: { deliveryProblem: 'returned', urgent: false }, order: inTransit, decides: 'deliveryProblem',
    category: 'logistics', subtype: 'tracking_anomaly', offers: ['reship', 'refund:17700'],
  },
  {
    name: 'L-3 parcel held by customs read as other → the real cause, help with the hold, no refund yet',
    reading: 'other', facts: { deliveryProblem: 'customs' }, order: inTransit, decides: 'deliveryProblem',
    category: 'logistics', subtype: 'tracking_anomaly', offers: ['none'], rules: ['L-3'],
    replyHas: { zh: ['海关'], en: ['customs'] }, checklistHas: { zh: ['清关'], en: ['customs'] },
  },
  {
    name: 'L-4 weight proves we under-shipped, words read as a quality problem → reship the missing line',
    reading: 'quality_problem', facts: { weightMatchesCustomerClaim: true, missingSku: 'TS-W', urgent: false }, order: twoItems,
    decides: 'weightMatchesCustomerClaim', category: 'logistics', subtype: 'missing_item', offers: ['reship', 'refund:5900', 'gift:1000'],
  },
  {
    name: 'L-4 missingSku names the missing line of a two-line order',
    reading: 'missing_item', facts: { missingSku: 'LAMP', weightMatchesCustomerClaim: true, urgent: false }, order: twoItems, decides: 'missingSku',
    category: 'logistics', subtype: 'missing_item', offers: ['reship', 'refund:12900', 'gift:1000'],
  },
  {
    name: 'L-5 customerOrderedThis false read as other → our wrong item, exchange at our cost',
    reading: 'other', facts: { customerOrderedThis: false }, decides: 'customerOrderedThis',
    category: 'logistics', subtype: 'wrong_item', offers: ['exchange', 'return_refund:5900'], shipping: ['seller', 'seller'],
  },
  {
    name: 'L-5 wrongItemValue above the postage → keep at a discount first',
    reading: 'wrong_item', facts: { customerOrderedThis: false, wrongItemValueMinor: 5000 }, decides: 'wrongItemValue',
    category: 'logistics', subtype: 'wrong_item', offers: ['keep_at_discount:2080', 'exchange', 'return_refund:5900'],
  },
  {
    name: 'L-5 customerWantsItem false → return or exchange, no discount',
    reading: 'wrong_item', facts: { customerOrderedThis: false, wrongItemValueMinor: 5000, customerWantsItem: false }, decides: 'customerWantsItem',
    category: 'logistics', subtype: 'wrong_item', offers: ['exchange', 'return_refund:5900'],
  },
  {
    name: 'L-5 returnShippingCost above the wrong item\'s value → no return, supervisor',
    reading: 'wrong_item', facts: { customerOrderedThis: false, wrongItemValueMinor: 800, customerWantsItem: false, returnShippingCostMinor: 1000 },
    decides: 'returnShippingCost', category: 'logistics', subtype: 'wrong_item', offers: ['reship', 'refund:5900'], approval: 'supervisor',
  },
  // L-6 — a delay in a promotion is not a lost parcel.
  {
    name: 'L-6 promoPeriod with a delay read as not received → the honest reason, no not-received refund',
    reading: 'not_received', facts: { promoPeriod: true, urgent: false }, order: inTransit, decides: 'promoPeriod',
    category: 'logistics', subtype: 'promo_delay', offers: ['coupon:500'], rules: ['L-6'],
    replyHas: { zh: ['爆仓'], en: ['sale period'] },
  },
  {
    name: 'L-7 parcel lost, urgent not asked → reship at once',
    reading: 'lost_or_damaged', facts: { urgent: false },
    category: 'logistics', subtype: 'lost_or_damaged', offers: ['reship', 'refund:17700'], rules: ['L-7'],
  },
  {
    name: 'L-8 urgent → expedite by express and pay the express price difference before the reship',
    reading: 'lost_or_damaged', facts: { urgent: true }, decides: 'urgent',
    category: 'logistics', subtype: 'lost_or_damaged', offers: ['expedite', 'price_difference', 'reship', 'refund:17700'], rules: ['L-7', 'L-8'],
    replyHas: { zh: ['差价由我们承担'], en: ['cover the difference in postage'] },
  },
  {
    name: 'L-8 urgent on a parcel in transit the words missed → L-3 with an express reship and the price difference',
    reading: 'other', facts: { urgent: true }, order: inTransit, decides: 'urgent',
    category: 'logistics', subtype: 'not_received', offers: ['expedite', 'price_difference', 'reship', 'refund:17700'], rules: ['L-3', 'L-8'],
  },
  // Quality.
  {
    name: 'Q-1 customerInsistsReturn on a minor defect → 包邮退换',
    reading: 'minor_defect', facts: { customerInsistsReturn: true }, decides: 'customerInsistsReturn',
    category: 'quality', subtype: 'minor_defect', offers: ['exchange', 'return_refund:17700'], shipping: ['seller', 'seller'],
  },
  {
    name: 'Q-2 misuse false read as other → a confirmed quality problem, seller pays both ways',
    reading: 'other', facts: { misuse: false, customerInsistsReturn: true }, order: earbuds, decides: 'misuse',
    category: 'quality', subtype: 'quality_problem', offers: ['exchange', 'return_refund:19900', 'coupon:500'], shipping: ['seller', 'seller'],
  },
  {
    name: 'Q-3 listingAccurate false read as other → the listing at fault, return with compensation',
    reading: 'other', facts: { listingAccurate: false }, decides: 'listingAccurate',
    category: 'quality', subtype: 'not_as_described', offers: ['return_refund:17700', 'coupon:1000', 'exchange'], shipping: ['seller', 'seller'],
  },
  {
    name: 'Q-4 invoiceAvailable false read as other → return and refund, escalated',
    reading: 'other', facts: { invoiceAvailable: false }, decides: 'invoiceAvailable',
    category: 'quality', subtype: 'counterfeit_claim', offers: ['return_refund:17700'], approval: 'supervisor', escalate: true,
  },
  {
    name: 'Q-4 customerHasProof against our invoice → a supervisor weighs both, return stays open',
    reading: 'counterfeit_claim', facts: { invoiceAvailable: true, customerHasProof: true }, decides: 'customerHasProof',
    category: 'quality', subtype: 'counterfeit_claim', offers: ['none', 'return_refund:17700'], escalate: true,
  },
  // the warranty decides free vs paid repair; not a 30 % partial refund.
  {
    name: 'Q-5 withinWarranty true on a repair read as a quality problem → free repair, seller pays both ways',
    reading: 'quality_problem', facts: { withinWarranty: true, customerDamaged: false }, order: earbuds, decides: 'withinWarranty',
    category: 'quality', subtype: 'warranty_repair', offers: ['repair'], shipping: ['seller', 'seller'], rules: ['Q-5'],
    replyHas: { zh: ['免费维修'], en: ['free of charge'] },
  },
  {
    name: 'Q-5 withinWarranty false → paid repair at the customer\'s postage',
    reading: 'quality_problem', facts: { withinWarranty: false }, order: earbuds, decides: 'withinWarranty',
    category: 'quality', subtype: 'warranty_repair', offers: ['repair'], shipping: ['customer', 'customer'],
    replyHas: { zh: ['过了保修期'], en: ['past its warranty'] },
  },
  {
    name: 'Q-5 deliveredAt + warrantyMonths against the clock: 13 months after delivery of a 12-month warranty → paid repair',
    reading: 'warranty_repair', order: { ...earbuds, deliveredAt: daysAgo(400), warrantyMonths: 12 }, decides: 'order.warrantyMonths',
    category: 'quality', subtype: 'warranty_repair', offers: ['repair'], shipping: ['customer', 'customer'],
  },
  {
    name: 'Q-5 repairedElsewhere → negotiate with a supervisor, no free repair',
    reading: 'quality_problem', facts: { repairedElsewhere: true, withinWarranty: true }, order: earbuds, decides: 'repairedElsewhere',
    category: 'quality', subtype: 'warranty_repair', offers: ['partial_refund'], approval: 'supervisor', escalate: true, rules: ['Q-5'],
    checklistHas: { zh: ['维修单据'], en: ['repair receipt'] },
  },
  {
    name: 'Q-5 customerDamaged → the repair is paid (§4 row 4)',
    reading: 'warranty_repair', facts: { withinWarranty: true, customerDamaged: true }, order: earbuds, decides: 'customerDamaged',
    category: 'quality', subtype: 'warranty_repair', offers: ['repair'], shipping: ['customer', 'customer'], rules: ['§4'],
  },
  // Q-6 and §4 rows 2–3.
  {
    name: 'Q-6 §4 row 3 return of an item not covered by the 7-day no-reason return, words unread → customer pays both ways',
    reading: 'other', order: { sevenDayReturn: false }, decides: 'order.sevenDayReturn',
    category: 'quality', subtype: 'change_of_mind', offers: ['return_refund:17100'], shipping: ['customer', 'customer'], rules: ['Q-6', '§4'],
  },
  {
    name: 'L-1 is for a late order: "not shipped yet?" inside the promised handling time is a question for a human, not an out-of-stock case',
    reading: 'not_shipped', order: { ...unshipped, paidAt: '2026-11-24T09:00:00+08:00', promisedShipHours: 48 }, decides: 'order.promisedShipHours',
    category: 'other', subtype: '', offers: [],
  },
  {
    name: 'Q-6 needs an item to send back: "when will it ship?" an hour after paying, on an order outside the 7-day return, stays a question for a human',
    reading: 'other', order: { ...unshipped, paidAt: '2026-03-12T10:02:00+08:00', sevenDayReturn: false },
    category: 'other', subtype: '', offers: [],
  },
  {
    name: 'Q-6 §4 row 2 free-shipping 7-day no-reason return → seller out, customer back',
    reading: 'change_of_mind', facts: { customerDamaged: false }, order: { sevenDayReturn: true },
    category: 'quality', subtype: 'change_of_mind', offers: ['exchange', 'return_refund:17700'], shipping: ['seller', 'customer'], rules: ['Q-6', '§4'],
  },
  // Price.
  {
    name: 'P-1 priceNow within the 7-day window read as other → refund the difference',
    reading: 'other', facts: { priceNowMinor: 4900 }, decides: 'priceNow',
    category: 'price', subtype: 'price_drop', offers: ['price_difference:3000', 'coupon:3000'], rules: ['P-1'],
  },
  {
    name: 'P-2 postage demanded after payment on a free-shipping listing → the seller honours the listing',
    reading: 'shipping_fee', order: { freeShipping: true, shippingFeeMinor: 0 }, decides: 'order.freeShipping',
    category: 'price', subtype: 'shipping_fee', offers: ['none'], shipping: ['seller', 'none'], rules: ['P-2'],
    replyHas: { zh: ['不会再向您加收任何运费'], en: ['no extra postage'] },
  },
  {
    name: 'P-2 postage charged on a free-shipping listing, words unread → refund the fee',
    reading: 'other', order: { freeShipping: true, shippingFeeMinor: 1000, totalMinor: 18700 }, decides: 'order.shippingFeeMinor',
    category: 'price', subtype: 'shipping_fee', offers: ['refund:1000'], rules: ['P-2'],
  },
  {
    name: 'P-2 firstWeightOnlyFree → extra-weight postage follows the listing, the customer pays it',
    reading: 'shipping_fee', order: { freeShipping: true, firstWeightOnlyFree: true }, decides: 'order.firstWeightOnlyFree',
    category: 'price', subtype: 'shipping_fee', offers: ['none'], shipping: ['customer', 'none'],
    replyHas: { zh: ['首重'], en: ['first weight'] },
  },
  {
    name: 'P-3 duplicateCharge read as other → refund the duplicate',
    reading: 'other', facts: { duplicateCharge: true }, decides: 'duplicateCharge',
    category: 'price', subtype: 'payment_issue', offers: ['refund:17700'], rules: ['P-3'],
  },
  {
    name: 'P-3 an unpaid order read as not shipped → verify the payment record, not an out-of-stock refund',
    reading: 'not_shipped', order: { status: 'unpaid', shippedAt: undefined, deliveredAt: undefined }, decides: 'order.status',
    category: 'price', subtype: 'payment_issue', offers: ['none'], rules: ['P-3'],
  },
  {
    name: 'P-4 verifiedDifference read as other → refund the verified difference',
    reading: 'other', facts: { verifiedDifferenceMinor: 1200 }, decides: 'verifiedDifference',
    category: 'price', subtype: 'price_difference', offers: ['price_difference:1200'], rules: ['P-4'],
  },
  // §4 rows 1, 5, 6.
  {
    name: '§4 row 1 late shipment (promisedShipHours exceeded) → seller at fault, seller pays postage both ways',
    reading: 'change_of_mind', order: { paidAt: daysAgo(8), shippedAt: daysAgo(4), promisedShipHours: 48 }, decides: 'order.promisedShipHours',
    category: 'quality', subtype: 'change_of_mind', offers: ['return_refund:17700', 'exchange'], shipping: ['seller', 'seller'], rules: ['§4'],
    replyHas: { zh: ['承诺的发货时间'], en: ['handling time promised'] }, checklistHas: { zh: ['承诺的发货时间'], en: ['handling time the listing promised'] },
  },
  {
    name: '§4 row 1 delivered after a late shipment, read as a delay → a return at the seller\'s cost, not a reship',
    reading: 'tracking_anomaly', order: { paidAt: daysAgo(9), shippedAt: daysAgo(4), promisedShipHours: 24 }, decides: 'order.promisedShipHours',
    category: 'quality', subtype: 'change_of_mind', offers: ['return_refund:17700', 'exchange'], shipping: ['seller', 'seller'], rules: ['§4'],
  },
  {
    name: '§4 row 1 still unshipped past the promised handling time, words unread → L-1, seller at fault',
    reading: 'other', order: { ...unshipped, paidAt: daysAgo(5), promisedShipHours: 48 }, decides: 'order.promisedShipHours',
    category: 'logistics', subtype: 'not_shipped', offers: ['wait_restock', 'switch_variant', 'refund:17700'], rules: ['L-1', '§4'],
  },
  {
    name: '§4 row 5 refund agreed and postage never discussed, read as a return → P-2: seller pays the return at the original method, the postage refunded (江浙沪 ¥6)',
    reading: 'change_of_mind', facts: { postageDiscussed: false }, decides: 'postageDiscussed',
    category: 'price', subtype: 'shipping_fee', offers: ['return_refund:17700', 'refund:600'], shipping: ['none', 'seller'], rules: ['P-2', '§4'],
    checklistHas: { zh: ['原来的寄件方式'], en: ['original shipping method'] },
  },
  {
    name: '§4 row 5 postage never discussed, words unread → a shipping-fee question answered by row 5',
    reading: 'other', facts: { postageDiscussed: false }, decides: 'postageDiscussed',
    category: 'price', subtype: 'shipping_fee', offers: ['return_refund:17700', 'refund:600'], shipping: ['none', 'seller'], rules: ['P-2', '§4'],
  },
  {
    name: '§4 row 5 the customer paid ¥8 at their original method (returnShippingCost) → that postage is refunded, not the standard',
    reading: 'shipping_fee', facts: { postageDiscussed: false, returnShippingCostMinor: 800 }, decides: 'returnShippingCost',
    category: 'price', subtype: 'shipping_fee', offers: ['return_refund:17700', 'refund:800'], shipping: ['none', 'seller'], rules: ['P-2', '§4'],
  },
  {
    name: '§4 row 6 agent error (wrong size advice) → free return or exchange, seller pays both ways',
    reading: 'change_of_mind', facts: { agentError: true }, decides: 'agentError',
    category: 'quality', subtype: 'change_of_mind', offers: ['return_refund:17700', 'exchange'], shipping: ['seller', 'seller'], rules: ['§4'],
    replyHas: { zh: ['客服给您提供了错误的信息'], en: ['Our agent gave you wrong information'] },
  },
  {
    name: '§4 row 6 agent error on a return the words did not name → free return or exchange',
    reading: 'other', facts: { agentError: true }, order: { sevenDayReturn: false }, decides: 'agentError',
    category: 'quality', subtype: 'change_of_mind', offers: ['return_refund:17700', 'exchange'], shipping: ['seller', 'seller'],
  },
  // M-1 / M-2.
  {
    name: 'M-1 a threat with nothing confirmed → no money, evidence, supervisor',
    reading: 'extortion', facts: { customerHasProof: false, misuse: true },
    category: 'malicious', subtype: 'extortion', offers: ['none'], approval: 'supervisor', escalate: true, rules: ['M-1'],
  },
  {
    name: 'M-2 a confirmed defect inside a threat → the defect\'s own remedy, escalated, supervisor approval, nothing denied',
    reading: 'extortion', facts: { misuse: false }, order: earbuds, decides: 'misuse',
    category: 'quality', subtype: 'quality_problem', offers: ['partial_refund:5970', 'coupon:500', 'exchange', 'return_refund:19900'],
    approval: 'supervisor', escalate: true, rules: ['M-2', 'Q-2'], replyLacks: ['没有售后咨询记录', 'no after-sales request on record'],
    replyHas: { zh: ['您反映的问题我们已经记录下来'], en: ["We've recorded the problem you reported"] },
  },
  // Safety (Q-2 with the playbook setting).
  {
    name: 'Q-2 safety incident (skin reaction) → supervisor only, checklist, a reply that promises no liability',
    reading: 'quality_problem', facts: { safetyIncident: true }, order: earbuds, decides: 'safetyIncident',
    category: 'quality', subtype: 'quality_problem', offers: ['return_refund:19900'], shipping: ['seller', 'seller'],
    approval: 'supervisor', escalate: true, rules: ['Q-2', 'store.safetyEscalation'],
    checklistHas: { zh: ['照片', '批次号', '就医', '仅限主管'], en: ['photos', 'batch', 'medical help', 'Supervisor only'] },
    replyHas: { zh: ['就医', '批次号'], en: ['medical advice', 'batch number'] },
    replyLacks: ['责任', '赔偿', 'responsib', 'liab', 'compensat', '道歉', 'apologise'],
  },
  {
    name: 'Q-2 safety incident read as other (a melted charger) → still supervisor only',
    reading: 'other', facts: { safetyIncident: true }, decides: 'safetyIncident',
    category: 'quality', subtype: 'quality_problem', offers: ['return_refund:17700'], approval: 'supervisor', escalate: true,
  },
];

function withoutDecider(c: CaseInput, decides: string): CaseInput {
  if (decides.startsWith('order.')) {
    const key = decides.slice(6) as keyof Order;
    const o = { ...c.order } as Order;
    delete o[key];
    return { ...c, order: o };
  }
  const core = ['wrongItemValue', 'returnShippingCost', 'priceNow', 'verifiedDifference'].includes(decides) ? `${decides}Minor` : decides;
  const facts = { ...c.facts } as Record<string, unknown>;
  delete facts[core];
  return { ...c, facts: facts as Facts };
}

function classification(row: FidelityRow, lang: Lang): Classification {
  if (row.reading === 'other') return { category: 'other', subtype: '', confidence: 0.4, secondary: [], signals: [], lang, ...row.readingOver };
  return cls(row.reading, lang, row.readingOver);
}

function caseOf(row: FidelityRow, lang: Lang): CaseInput {
  return makeCase(row.facts ?? {}, { order: order(row.order ?? {}), lang, now: NOW });
}

function summary(d: Draft): string {
  const offers = d.offers.map((o) => (o.amountMinor === null ? o.kind : `${o.kind}:${o.amountMinor}`));
  return JSON.stringify([d.category, d.subtype, offers, d.shipping, d.approval, d.escalate, d.reply.text]);
}

const cases = rows.flatMap((row) => (['zh', 'en'] as const).map((lang) => ({ ...row, lang, title: `${row.name} (${lang})` })));

describe('policy fidelity: the order and the facts decide (both languages)', () => {
  it.each(cases)('$title', (row) => {
    const d = decide(caseOf(row, row.lang), playbook, classification(row, row.lang));
    expect([d.category, d.subtype]).toEqual([row.category, row.subtype]);
    expect(d.offers.map((o) => (o.amountMinor === null ? o.kind : `${o.kind}:${o.amountMinor}`))).toEqual(row.offers);
    if (row.shipping) expect([d.shipping.outbound, d.shipping.return]).toEqual(row.shipping);
    if (row.approval) expect(d.approval).toBe(row.approval);
    if (row.escalate !== undefined) expect(d.escalate).toBe(row.escalate);
    for (const r of row.rules ?? []) expect(d.rules).toContain(r);
    for (const s of row.checklistHas?.[row.lang] ?? []) expect(d.checklist.join('\n')).toContain(s);
    for (const s of row.replyHas?.[row.lang] ?? []) expect(d.reply.text).toContain(s);
    for (const s of row.replyLacks ?? []) expect(d.reply.text).not.toContain(s);
    expect(d.reply.lang).toBe(row.lang);
    expect(findTaboos(d.reply.text)).toEqual([]);
    // Dropping the deciding fact changes the draft: the row tests that fact, not a default.
    if (!row.decides) return;
    const without = decide(withoutDecider(caseOf(row, row.lang), row.decides), playbook, classification(row, row.lang));
    expect(summary(without)).not.toBe(summary(d));
  });

  it('every rule ID of POLICY.md §3 and every §4 row is named by a row of this table, so each is drafted in zh and en', () => {
    const names = rows.map((r) => r.name).join('\n');
    const ids = ['L-1', 'L-2', 'L-3', 'L-4', 'L-5', 'L-6', 'L-7', 'L-8', 'Q-1', 'Q-2', 'Q-3', 'Q-4', 'Q-5', 'Q-6', 'P-1', 'P-2', 'P-3', 'P-4', 'M-1', 'M-2'];
    expect(ids.filter((id) => !new RegExp(`\\b${id}\\b`).test(names))).toEqual([]);
    expect([1, 2, 3, 4, 5, 6].filter((n) => !names.includes(`§4 row ${n}`))).toEqual([]);
  });

  it('every contract fact decides at least one row of this table', () => {
    const decided = new Set(rows.map((r) => r.decides));
    expect(FACT_KEYS.filter((k) => !decided.has(k))).toEqual([]);
  });

  it('every order addition (promisedShipHours, firstWeightOnlyFree, platformPenalty, unpaid) decides a row', () => {
    const decided = new Set(rows.map((r) => r.decides));
    for (const k of ['order.promisedShipHours', 'order.firstWeightOnlyFree', 'order.platformPenaltyMinor', 'order.status']) expect(decided).toContain(k);
  });
});

describe('safety escalation is a playbook setting (on by default)', () => {
  const files = (safetyEscalation?: boolean) => {
    const store = JSON.parse(readFileSync('playbooks/store.json', 'utf8')) as Record<string, unknown>;
    if (safetyEscalation === undefined) delete store.safetyEscalation;
    else store.safetyEscalation = safetyEscalation;
    return {
      'store.json': store,
      'replies.zh.json': JSON.parse(readFileSync('playbooks/replies.zh.json', 'utf8')),
      'replies.en.json': JSON.parse(readFileSync('playbooks/replies.en.json', 'utf8')),
    };
  };
  const c = makeCase({ safetyIncident: true, misuse: false, customerInsistsReturn: true });

  it('Q-2 the shipped playbook turns it on, and a playbook that omits it gets it on', () => {
    expect(playbook.settings.safetyEscalation).toBe(true);
    expect(parsePlaybook(files(undefined), 'v').settings.safetyEscalation).toBe(true);
  });

  it('Q-2 switched off, a safety incident is an ordinary confirmed quality problem for an agent', () => {
    const off = parsePlaybook(files(false), 'v');
    const d = decide(c, off, cls('quality_problem'));
    expect(d.offers.map((o) => o.kind)).toEqual(['exchange', 'return_refund', 'coupon']);
    expect(d.approval).toBe('agent');
    expect(d.rules).not.toContain('store.safetyEscalation');
  });

  it('Q-2 a non-boolean setting is refused by the playbook schema, naming the key', () => {
    expect(() => parsePlaybook(files('yes' as unknown as boolean), 'v')).toThrow(/safetyEscalation/);
  });

  it('Q-2 the classifier\'s safety signal escalates without the fact', () => {
    const d = decide(makeCase({}), playbook, cls('quality_problem', 'en', { signals: ['safety'] }));
    expect(d.approval).toBe('supervisor');
    expect(d.rules).toEqual(expect.arrayContaining(['Q-2', 'store.safetyEscalation']));
    expect(d.reply.text).toContain('medical advice');
  });
});

describe('route by words only where the classifier has no field for it (message-cues.ts)', () => {
  it.each([
    ['zh', '充电器充着充着冒烟融化了，差点起火'],
    ['en', 'The charger melted and burned my hand.'],
  ] as const)('Q-2 safety words with no fact and no signal still go to a supervisor (%s)', (lang, message) => {
    const d = decide(makeCase({}, { message, lang }), playbook, cls('quality_problem', lang));
    expect([d.approval, d.escalate]).toEqual(['supervisor', true]);
    expect(d.rules).toEqual(expect.arrayContaining(['Q-2', 'store.safetyEscalation']));
  });

  it('Q-2 the agent\'s safetyIncident false overrides the words', () => {
    const d = decide(makeCase({ safetyIncident: false, misuse: false, customerInsistsReturn: true }, { message: 'The toaster burnt my bread and stopped working.', lang: 'en' }), playbook, cls('quality_problem', 'en'));
    expect(d.rules).not.toContain('store.safetyEscalation');
    expect(d.approval).toBe('agent');
  });

  it.each([
    ['zh', '耳机用两天就坏了，不给我赔500我就给差评天天投诉'],
    ['en', 'The kettle leaks. Pay me $100 or I post 1-star reviews on every listing.'],
  ] as const)('M-2 a threat inside a concrete complaint, read as quality with malicious secondary → supervisor review (%s)', (lang, message) => {
    const d = decide(makeCase({ misuse: false, customerInsistsReturn: true }, { message, lang }), playbook, cls('quality_problem', lang, { secondary: ['malicious'] }));
    expect(d.rules).toEqual(expect.arrayContaining(['Q-2', 'M-2']));
    expect([d.approval, d.escalate]).toEqual(['supervisor', true]);
    expect(d.offers.map((o) => o.kind)).toEqual(['exchange', 'return_refund', 'coupon']);
  });

  it('M-2 anger without a money demand stays an ordinary complaint (001 5.4.3)', () => {
    const d = decide(makeCase({ misuse: false, customerInsistsReturn: true }, { message: '质量太差了，我要投诉！' }), playbook, cls('quality_problem'));
    expect(d.rules).not.toContain('M-2');
    expect(d.approval).toBe('agent');
  });

  it('Q-5 a repair request read as a quality problem goes to Q-5, not a 30 % partial refund', () => {
    const d = decide(makeCase({}, { message: '耳机坏了，能帮我维修一下吗？', order: order(earbuds) }), playbook, cls('quality_problem'));
    expect(d.subtype).toBe('warranty_repair');
    expect(d.offers.map((o) => o.kind)).toEqual(['repair']);
    expect([d.shipping.outbound, d.shipping.return]).toEqual(['seller', 'seller']);
  });
});
