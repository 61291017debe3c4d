/** A realistic CaseView for presentation tests: L-4 missing item, one open question. */
import type { CaseView } from '../../../src/app/desk.ts';
import type { Classification, Draft } from '../../../src/core/types.ts';

export function makeView(overrides: Partial<CaseView> = {}, draftOverrides: Partial<Draft> = {}): CaseView {
  const classification: Classification = { category: 'logistics', subtype: 'missing_item', confidence: 0.9, secondary: [], signals: ['kw:少了'], lang: 'zh' };
  const draft: Draft = {
    id: 'c1',
    category: 'logistics',
    subtype: 'missing_item',
    confidence: 0.9,
    rules: ['L-4', 'T-1'],
    offers: [
      { kind: 'reship', amountMinor: null, currency: 'CNY', note: '补发缺少的配件', rule: 'L-4' },
      { kind: 'coupon', amountMinor: 500, currency: 'CNY', note: '', rule: 'L-4' },
    ],
    shipping: { outbound: 'seller', return: 'none' },
    approval: 'supervisor',
    escalate: false,
    reply: { lang: 'zh', text: '亲,非常抱歉给您带来不便,我们马上为您核实并补发。' },
    checklist: [],
    questions: [
      { fact: 'weightMatchesCustomerClaim', text: '包裹称重是否与客户所说一致?' },
      { fact: 'wrongItemValue', text: '错发商品价值多少?' },
    ],
    classification: { ...classification, secondary: [] },
    playbookVersion: 'pb1',
    ...draftOverrides,
  };
  return {
    id: 'c1',
    status: 'drafted',
    revision: 1,
    message: '我买的套装少了一个配件,怎么回事?',
    orderId: 'TB1001',
    facts: {},
    classification: draft.classification,
    draft,
    createdBy: 'slack:U_AGENT',
    authors: ['settle'],
    createdAt: '2026-11-24T02:00:00.000Z',
    updatedAt: '2026-11-24T02:00:00.000Z',
    deadlines: [],
    ...overrides,
  };
}
