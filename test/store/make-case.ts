/** Minimal, valid case records for store tests (the store does not judge drafts). */
import type { DraftRevision } from '../../src/app/desk.ts';
import type { Classification, Draft } from '../../src/core/types.ts';
import type { CaseRecord } from '../../src/store/store.ts';

const classification: Classification = { category: 'logistics', subtype: 'missing_item', confidence: 0.9, secondary: [], signals: ['少发'], lang: 'zh' };

export function makeDraft(id: string, text = '亲，非常抱歉给您带来不便，我们马上为您补发。'): Draft {
  return {
    id, category: 'logistics', subtype: 'missing_item', confidence: 0.9, rules: ['L-4', 'T-1'],
    offers: [{ kind: 'reship', amountMinor: null, currency: 'CNY', note: 'reship the missing item', rule: 'L-4' }],
    shipping: { outbound: 'seller', return: 'none' }, approval: 'agent', escalate: false,
    reply: { lang: 'zh', text }, checklist: [], questions: [], classification, playbookVersion: 'test',
  };
}

export function makeCase(id: string, at = '2026-11-24T02:00:00.000Z', createdBy = 'console:li'): { rec: CaseRecord; first: DraftRevision } {
  return {
    rec: { id, status: 'drafted', revision: 1, message: '少发了一件白色T恤', orderId: 'T1001', facts: {}, classification, createdBy, authors: [], createdAt: at, updatedAt: at },
    first: { revision: 1, draft: makeDraft(id), authorId: 'settle', createdAt: at, cause: 'decided' },
  };
}
