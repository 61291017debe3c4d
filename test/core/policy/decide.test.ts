import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/core/policy/decide.ts';
import { MONEY_KINDS } from '../../../src/core/policy/caps.ts';
import { findPersonalData, findTaboos } from '../../../src/core/reply/guard.ts';
import { ALL_SUBTYPES, type Facts, type Lang, type Order, type Subtype } from '../../../src/core/types.ts';
import { cls, daysAgo, makeCase, order, orderWithPart, playbook } from './helpers.ts';

describe('decide: routing', () => {
  it('other → no offer, a clarifying question, an agent may send it', () => {
    const d = decide(makeCase(), playbook, { category: 'other', subtype: '', confidence: 0.9, secondary: [], signals: [], lang: 'zh' });
    expect(d.offers).toEqual([]);
    expect(d.approval).toBe('agent');
    expect(d.escalate).toBe(false);
    expect(d.reply.text).toContain('请问您遇到了什么问题');
  });

  it('low confidence never guesses: a 0.25 "missing item" (under the calibrated minConfidence) goes to a human with no offer', () => {
    const d = decide(makeCase({}), playbook, cls('missing_item', 'zh', { confidence: 0.25 }));
    expect(d.category).toBe('other');
    expect(d.offers).toEqual([]);
  });

  it('a checked fact is not a guess: a 0.3 "missing item" whose weight the agent checked is decided by L-4', () => {
    const d = decide(makeCase({ weightMatchesCustomerClaim: true }), playbook, cls('missing_item', 'zh', { confidence: 0.3 }));
    expect([d.category, d.subtype]).toEqual(['logistics', 'missing_item']);
    expect(d.offers.map((o) => o.kind)).toEqual(['reship', 'refund', 'gift']);
  });

  it('a subtype that does not belong to its category goes to a human', () => {
    const d = decide(makeCase(), playbook, cls('missing_item', 'zh', { category: 'price' }));
    expect(d.category).toBe('other');
  });

  it('c.lang wins over the classifier\'s language', () => {
    const d = decide(makeCase({}, { lang: 'en' }), playbook, cls('lost_or_damaged', 'zh'));
    expect(d.reply.lang).toBe('en');
    expect(d.reply.text).toMatch(/^Hi, /);
  });

  it('no order → look the order up first; refunds carry no invented amount', () => {
    const d = decide(makeCase({}, { order: undefined }), playbook, cls('lost_or_damaged'));
    expect(d.checklist[0]).toContain('找到客户的订单');
    expect(d.offers.find((o) => o.kind === 'refund')?.amountMinor).toBeNull();
    expect(d.reply.text).toContain('相应款项');
  });

  it('records the playbook version and the classification it decided on', () => {
    const c = cls('price_drop', 'zh', { signals: ['kw:降价'] });
    const d = decide(makeCase(), playbook, c);
    expect(d.playbookVersion).toBe(playbook.version);
    expect(d.classification).toEqual(c);
    expect(d.confidence).toBe(0.9);
  });

  it('questions come with the reason the draft assumes store defaults (CONTRACT.md)', () => {
    const d = decide(makeCase({}), playbook, cls('missing_item', 'en'));
    expect(d.questions.length).toBeGreaterThan(0);
    expect(d.questions[0]?.text).toMatch(/\?$/);
    expect(d.checklist.at(-1)).toContain('assumes store defaults');
  });
});

// Every subtype × a spread of facts × orders × languages: the promises that hold for every draft.
const FACT_SETS: Facts[] = [
  {},
  { weightMatchesCustomerClaim: true, missingSku: 'TS-W', customerOrderedThis: false, wrongItemValueMinor: 500, customerWantsItem: false, urgent: true },
  { restockExpected: true, customerAcceptsAlternative: false, trackingUpdated: false, promoPeriod: true, misuse: false, customerInsistsReturn: true },
  { listingAccurate: false, invoiceAvailable: false, customerHasProof: true, withinWarranty: false, priceNowMinor: 100, duplicateCharge: true, verifiedDifferenceMinor: 999999 },
  { customerDamaged: true, misuse: true, listingAccurate: true, invoiceAvailable: true, wrongItemValueMinor: 999999, customerWantsItem: true, returnShippingCostMinor: 50 },
];
const ORDERS: (Order | undefined)[] = [
  order(),
  orderWithPart(),
  order({ currency: 'USD', region: 'Ohio', status: 'paid', shippedAt: undefined, deliveredAt: undefined, paidAt: daysAgo(30) }),
  undefined,
];

function paidTotal(o: Order | undefined): number {
  return o ? o.totalMinor : Infinity;
}

describe('decide: every draft keeps the policy promises', () => {
  const cases: [Subtype, Lang][] = [];
  for (const st of ALL_SUBTYPES) for (const lang of ['zh', 'en'] as const) cases.push([st, lang]);

  it.each(cases)('%s (%s): money capped, integer, malicious pays nothing, empathy first, T-3/T-4/T-6 clean, T-7 commitment', (subtype, lang) => {
    for (const facts of FACT_SETS) {
      for (const o of ORDERS) {
        const c = makeCase(facts, { order: o, message: '我的电话是13812345678，地址杭州市西湖区文三路100号3栋2单元501室 call +1 415-555-0123' });
        const d = decide(c, playbook, cls(subtype, lang));
        for (const off of d.offers) {
          if (off.amountMinor !== null) {
            expect(Number.isInteger(off.amountMinor)).toBe(true);
            expect(off.amountMinor).toBeGreaterThanOrEqual(0);
            expect(off.amountMinor).toBeLessThanOrEqual(paidTotal(o));
          }
          expect(off.currency).toBe(o?.currency ?? 'CNY');
        }
        if (d.category === 'malicious') {
          expect(d.offers.filter((x) => MONEY_KINDS.has(x.kind) || (x.amountMinor ?? 0) > 0)).toEqual([]);
          expect(d.escalate).toBe(true);
        }
        if (d.escalate) expect(d.approval).toBe('supervisor');
        const empathy = playbook.replies[lang].empathy;
        // The opener follows the rule that decided the case (facts may route away from the words).
        const opener = d.category === 'malicious' ? empathy.malicious : d.rules.includes('store.safetyEscalation') ? empathy.safety : empathy[d.subtype as keyof typeof empathy];
        expect(d.reply.text.startsWith(opener.template.source)).toBe(true);
        expect(findTaboos(d.reply.text)).toEqual([]);
        expect(findPersonalData(d.reply.text)).toEqual([]);
        expect(d.reply.text).not.toContain('13812345678');
        expect(d.reply.text).not.toMatch(/[{}]/);
        expect(d.rules).toEqual(expect.arrayContaining(['T-1', 'T-7']));
        expect(new Set(d.questions.map((q) => q.fact)).size).toBe(d.questions.length);
      }
    }
  });
});
