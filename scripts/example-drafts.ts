/**
 * Regenerates docs/example-drafts.md by running the real pipeline (contract parsing, classifier,
 * routing by order and facts, policy, composer) on one case per rule:
 *
 *   node bin/run-ts.js scripts/example-drafts.ts > docs/example-drafts.md
 *
 * test/core/reply/example-drafts.test.ts fails when the committed file differs from this output.
 */
import { resolve } from 'node:path';
import { parseCaseLine } from '../src/core/contract/parse-case.ts';
import { draftCase } from '../src/core/settle-case.ts';
import { loadPlaybook } from '../src/playbook/load-playbook.ts';

const NOW = '2026-11-24T10:00:00+08:00';
const tee = { sku: 'TS-W', name: '白色T恤', unitPrice: 59.0, qty: 3 };
const zhOrder = {
  id: 'T1001', currency: 'CNY', items: [tee], total: 177.0, shippingFee: 0, freeShipping: true, region: '浙江',
  status: 'delivered', paidAt: '2026-11-19T10:00:00+08:00', shippedAt: '2026-11-20T10:00:00+08:00',
  deliveredAt: '2026-11-22T10:00:00+08:00', sevenDayReturn: true, warrantyMonths: 12,
};
const enOrder = (over: Record<string, unknown> = {}) => ({
  id: 'A2001', currency: 'USD', items: [{ sku: 'LAMP-B', name: 'the brass desk lamp', unitPrice: 48.0, qty: 1 }],
  total: 48.0, shippingFee: 0, freeShipping: true, region: 'Ohio', status: 'delivered',
  paidAt: '2026-11-18T09:00:00Z', shippedAt: '2026-11-19T09:00:00Z', deliveredAt: '2026-11-23T09:00:00Z',
  sevenDayReturn: true, warrantyMonths: 12, ...over,
});

export const EXAMPLES: { title: string; input: Record<string, unknown> }[] = [
  {
    title: 'L-4 missing item, the weight proves we under-shipped (zh)',
    input: { id: 'ex1', message: '买了三件白色T恤，收到只有两件，少发了一件！怎么回事啊？', lang: 'zh', now: NOW, order: zhOrder,
      facts: { weightMatchesCustomerClaim: true, missingSku: 'TS-W', urgent: false } },
  },
  {
    title: 'L-7 + L-8 parcel arrived crushed, the customer needs it urgently (en)',
    input: { id: 'ex2', message: 'The box arrived completely crushed and the lamp is broken. I need it for my office opening on Friday!', lang: 'en', now: NOW,
      order: enOrder(), facts: { urgent: true } },
  },
  {
    title: 'L-5 wrong item, worth more than the postage: keep at a discount (zh)',
    input: { id: 'ex3', message: '我买的是白色T恤，收到的是黑色的，发错货了吧', lang: 'zh', now: NOW, order: zhOrder,
      facts: { customerOrderedThis: false, wrongItemValue: 49.0, customerWantsItem: true } },
  },
  {
    title: 'L-1 cross-border order out of stock, restock expected (en)',
    input: { id: 'ex4', message: "I paid 5 days ago and my order still hasn't shipped. What's going on?", lang: 'en', now: NOW,
      order: enOrder({ status: 'paid', shippedAt: undefined, deliveredAt: undefined }), facts: { restockExpected: true, urgent: false } },
  },
  {
    title: 'Q-2 quality problem, misuse not yet ruled out: questions and store defaults (zh)',
    input: { id: 'ex5', message: '蓝牙耳机用了两天左耳就没声音了，什么质量啊', lang: 'zh', now: NOW,
      order: { ...zhOrder, items: [{ sku: 'EAR-1', name: '蓝牙耳机', unitPrice: 199.0, qty: 1 }], total: 199.0 } },
  },
  {
    title: 'Q-1 minor defect, customer would keep it (en)',
    input: { id: 'ex6', message: 'The lamp works but there is a small scratch on the base. A bit disappointing.', lang: 'en', now: NOW,
      order: enOrder(), facts: { customerInsistsReturn: false } },
  },
  {
    title: 'P-1 price dropped within the price-protection window (zh)',
    input: { id: 'ex7', message: '我前几天买的T恤今天就降价了，便宜了10块，能退差价吗？', lang: 'zh', now: NOW, order: zhOrder,
      facts: { priceNow: 49.0 } },
  },
  {
    title: 'P-3 charged twice (en)',
    input: { id: 'ex8', message: 'My card was charged twice for the same order! Please fix this.', lang: 'en', now: NOW,
      order: enOrder(), facts: { duplicateCharge: true } },
  },
  {
    title: 'M-1 extortion: no money, evidence, escalate (zh)',
    input: { id: 'ex9', message: '给我转200块，不然我就给你差评，天天投诉你们店', lang: 'zh', now: NOW, order: zhOrder,
      customer: { accountAgeDays: 3, reviewCount: 1, negativeReviewRatio: 1, chatAccountMatchesBuyer: false } },
  },
  {
    title: 'Q-4 counterfeit claim, no purchase invoice: return and refund, escalated (en)',
    input: { id: 'ex10', message: "This tote is counterfeit. The logo is wrong, it's a fake, not the real brand.", lang: 'en', now: NOW,
      order: enOrder({ items: [{ sku: 'BAG-1', name: 'the leather tote', unitPrice: 120.0, qty: 1 }], total: 120.0 }),
      facts: { invoiceAvailable: false } },
  },
  {
    title: 'L-1 paid, unshipped, no restock and the customer declines: refund plus the platform penalty (zh)',
    input: { id: 'ex11', message: '不会补货了是吧？那我也不要别的款了，直接退款吧', lang: 'zh', now: NOW,
      order: { ...zhOrder, status: 'paid', shippedAt: undefined, deliveredAt: undefined, platformPenalty: 5 },
      facts: { restockExpected: false, customerAcceptsAlternative: false } },
  },
  {
    title: 'L-1 the customer accepts another variant: switch to an in-stock one, never the missing one (en)',
    input: { id: 'ex12', message: "OK, if the brass one is gone, send me the black one instead.", lang: 'en', now: NOW,
      order: enOrder({ status: 'paid', shippedAt: undefined, deliveredAt: undefined }), facts: { customerAcceptsAlternative: true, urgent: false } },
  },
  {
    title: 'L-3 out of the delivery zone: arrange delivery with the courier first (zh)',
    input: { id: 'ex13', message: '快递说我这边超区送不了，那我的东西怎么办？', lang: 'zh', now: NOW,
      order: { ...zhOrder, status: 'shipped', deliveredAt: undefined }, facts: { deliveryProblem: 'out_of_zone' } },
  },
  {
    title: 'L-3 failed delivery, parcel on its way back: reship or refund (en)',
    input: { id: 'ex14', message: 'Tracking says delivery failed and the parcel is going back to you. I still want it.', lang: 'en', now: NOW,
      order: enOrder({ status: 'shipped', deliveredAt: undefined }), facts: { deliveryProblem: 'failed', urgent: false } },
  },
  {
    title: 'L-3 held by customs: the real cause, help with the hold, no refund yet (en)',
    input: { id: 'ex15', message: "My parcel hasn't moved for a week. What is going on?", lang: 'en', now: NOW,
      order: enOrder({ status: 'shipped', deliveredAt: undefined }), facts: { deliveryProblem: 'customs' } },
  },
  {
    title: 'L-6 a delay during a promotion is not a lost parcel (zh)',
    input: { id: 'ex16', message: '双十一买的，一个星期了还没收到，是不是丢了？', lang: 'zh', now: NOW,
      order: { ...zhOrder, status: 'shipped', deliveredAt: undefined }, facts: { promoPeriod: true, urgent: false } },
  },
  {
    title: 'Q-5 repair within the warranty (deliveredAt + warrantyMonths): free, the seller pays postage (zh)',
    input: { id: 'ex17', message: '吹风机突然不出热风了，能帮我修一下吗？', lang: 'zh', now: NOW,
      order: { ...zhOrder, items: [{ sku: 'HD-1', name: '吹风机', unitPrice: 299.0, qty: 1 }], total: 299.0, deliveredAt: '2026-03-02T10:00:00+08:00' } },
  },
  {
    title: 'Q-5 repair outside the warranty: paid repair (en)',
    input: { id: 'ex18', message: 'The lamp switch broke. Can you repair it?', lang: 'en', now: NOW,
      order: enOrder({ deliveredAt: '2025-06-01T09:00:00Z' }) },
  },
  {
    title: 'Q-5 repaired elsewhere without asking: a supervisor negotiates (en)',
    input: { id: 'ex19', message: 'I had the lamp fixed at a local shop for $15. Will you pay me back?', lang: 'en', now: NOW,
      order: enOrder(), facts: { repairedElsewhere: true } },
  },
  {
    title: 'P-2 postage demanded after payment on a free-shipping listing: the seller honours the listing (zh)',
    input: { id: 'ex20', message: '页面写着包邮，付款后客服又让我补10块运费？', lang: 'zh', now: NOW,
      order: { ...zhOrder, status: 'paid', shippedAt: undefined, deliveredAt: undefined } },
  },
  {
    title: '§4 row 1 late shipment: the seller pays postage both ways (zh)',
    input: { id: 'ex21', message: '说好48小时发货，拖了五天才发，我不想要了，要退货', lang: 'zh', now: NOW,
      order: { ...zhOrder, paidAt: '2026-11-14T10:00:00+08:00', shippedAt: '2026-11-19T10:00:00+08:00', promisedShipHours: 48 } },
  },
  {
    title: '§4 row 5 refund agreed, postage never discussed: the seller pays the return (en)',
    input: { id: 'ex22', message: 'You agreed to refund me, and now you say I have to pay the return postage?', lang: 'en', now: NOW,
      order: enOrder(), facts: { postageDiscussed: false } },
  },
  {
    title: '§4 row 6 the agent recommended the wrong size: free return or exchange (zh)',
    input: { id: 'ex23', message: '客服推荐我买M码，结果小了一圈根本穿不上', lang: 'zh', now: NOW, order: zhOrder,
      facts: { agentError: true } },
  },
  {
    title: 'M-2 a real defect inside a threat: the defect\'s own remedy after a supervisor\'s review (zh)',
    input: { id: 'ex24', message: '耳机用了两天就坏了，不赔我500就给差评，天天投诉你们', lang: 'zh', now: NOW,
      order: { ...zhOrder, items: [{ sku: 'EAR-1', name: '蓝牙耳机', unitPrice: 199.0, qty: 1 }], total: 199.0 }, facts: { misuse: false } },
  },
  {
    title: 'Q-2 safety incident (safety escalation setting): supervisor only, no liability promised (en)',
    input: { id: 'ex25', message: 'I got a rash all over my face after using your cream. It really hurts.', lang: 'en', now: NOW,
      order: enOrder({ items: [{ sku: 'CR-1', name: 'the face cream', unitPrice: 35.0, qty: 1 }], total: 35.0 }), facts: { safetyIncident: true } },
  },
];

/** The markdown document: input line, classification, draft JSON and the reply text. */
export function renderExampleDrafts(): string {
  const playbook = loadPlaybook(resolve(import.meta.dirname, '..', 'playbooks'));
  const out: string[] = [
    '# Example drafts',
    '',
    `Generated by running Settle's core on ${EXAMPLES.length} cases (contract parsing → classifier → routing by order and`,
    'facts → policy → reply): `node bin/run-ts.js scripts/example-drafts.ts > docs/example-drafts.md`; a test fails when',
    'this file differs from that output. Money in the input is in major units (CONTRACT.md); `amountMinor` in the output',
    'is in minor units (fen, cents).',
    `Playbook version: \`${playbook.version}\`.`,
    '',
  ];
  EXAMPLES.forEach((ex, i) => {
    const c = parseCaseLine(ex.input, new Date(NOW)).value;
    const d = draftCase(c, playbook);
    const { classification, playbookVersion: _v, reply, ...shown } = d;
    out.push(`## ${i + 1}. ${ex.title}`, '', '**Input**', '', '```json', JSON.stringify(ex.input), '```', '');
    out.push(`**Classified** ${classification.category} / ${classification.subtype || '—'} (confidence ${classification.confidence.toFixed(2)}; signals: ${classification.signals.join(', ') || '—'})`, '');
    out.push(`**Decided** ${d.category} / ${d.subtype || '—'} by ${d.rules.filter((r) => !r.startsWith('T-')).join(', ') || '—'}; approval ${d.approval}${d.escalate ? ', escalated' : ''}`, '');
    out.push('**Reply**', '', ...reply.text.split('\n').map((l) => `> ${l}`), '');
    out.push('**Draft**', '', '```json', JSON.stringify({ ...shown, reply: { lang: reply.lang } }, null, 2), '```', '');
  });
  return out.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.stdout.write(renderExampleDrafts());
}
