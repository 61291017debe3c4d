/** What the labelled export keeps, and how it scrubs personal data (pure). */
import { describe, expect, it } from 'vitest';
import { exportLabelled, scrubPersonal, type LabelSource } from '../../../src/core/labels/labelled-export.ts';
import { parseCaseLabel } from '../../../src/core/labels/case-label.ts';
import type { Classification, Draft } from '../../../src/core/types.ts';

const cls = (over: Partial<Classification> = {}): Classification => ({ category: 'quality', subtype: 'quality_problem', confidence: 0.9, secondary: [], signals: [], lang: 'zh', ...over });
const draft = (over: Partial<Draft> = {}): Draft => ({ category: 'quality', subtype: 'quality_problem', rules: ['Q-2'], ...over }) as Draft;
const src = (id: string, over: Partial<LabelSource> = {}): LabelSource => ({ id, status: 'released', message: `耳机坏了 ${id}`, classification: cls(), finalDraft: draft(), release: {}, ...over });

describe('exportLabelled', () => {
  it('keeps released cases and corrections; leaves out open, rejected and released-other cases and repeats', () => {
    const out = exportLabelled([
      src('c1'),
      src('c2', { status: 'drafted' }),
      src('c3', { status: 'rejected' }),
      src('c4', { finalDraft: draft({ category: 'other', subtype: '' }) }),
      src('c5', { status: 'rejected', correction: { category: 'malicious', subtype: 'extortion' } }),
      src('c6', { message: '耳机坏了 c1!' }),
    ], 'desk');
    expect(out.lines.map((l) => [l.id, l.category, l.subtype, l.hard])).toEqual([['desk-c1', 'quality', 'quality_problem', false], ['desk-c5', 'malicious', 'extortion', true]]);
    expect([out.confirmed, out.corrected]).toEqual([1, 1]);
    expect(out.skipped).toEqual({ open: 1, rejected: 1, released_other: 1, duplicate: 1 });
  });

  it('a confirmed M-2 case carries malicious as a secondary; a correction has none', () => {
    const out = exportLabelled([
      src('c1', { classification: cls({ category: 'malicious', subtype: 'extortion', secondary: ['quality'] }), finalDraft: draft({ rules: ['Q-2', 'M-1', 'M-2'] }) }),
      src('c2', { classification: cls({ secondary: ['logistics'] }), correction: { category: 'logistics', subtype: 'lost_or_damaged' } }),
    ], 'desk');
    expect(out.lines.map((l) => l.secondary)).toEqual([['malicious'], []]);
  });

  it('the language is the case\'s, else the classifier\'s; the account context is kept', () => {
    const customer = { accountAgeDays: 2, reviewCount: 0 };
    const [a, b] = exportLabelled([src('c1', { lang: 'en', customer }), src('c2')], 'desk').lines;
    expect([a!.lang, a!.customer, b!.lang, 'customer' in b!]).toEqual(['en', customer, 'zh', false]);
  });
});

describe('scrubPersonal', () => {
  it.each([
    ['call me on 138 1234 5678 please', 'call me on *** please'],
    ['我的手机１３８１２３４５６７８，尽快联系', '我的手机***,尽快联系'],
    ['email li.wei@example.com about it', 'email *** about it'],
  ])('%s → %s', (text, expected) => {
    expect(scrubPersonal(text)).toEqual({ text: expected, scrubbed: true });
  });

  it('text without personal data is kept byte for byte (full-width punctuation too); the case\'s order id is not personal data', () => {
    expect(scrubPersonal('少发了一件，订单号 20261124123', ['20261124123'])).toEqual({ text: '少发了一件，订单号 20261124123', scrubbed: false });
  });
});

describe('parseCaseLabel', () => {
  const current = { category: 'quality' as const, subtype: 'minor_defect' as const };
  it.each([
    [['price', 'price_drop'], { category: 'price', subtype: 'price_drop' }],
    [['PRICE_DROP'], { category: 'price', subtype: 'price_drop' }],
    [['quality'], { category: 'quality', subtype: 'minor_defect' }],
    [['other'], { category: 'other', subtype: '' }],
  ])('%j → %j', (words, expected) => {
    expect(parseCaseLabel(words[0]!, words[1], current)).toEqual(expected);
  });
});
