import { describe, expect, it } from 'vitest';
import { combineClassification, quoteIsInText, type ModelReading } from '../../src/llm/combine-classification.ts';
import type { Classification } from '../../src/core/types.ts';

const rules = (over: Partial<Classification> = {}): Classification => ({
  category: 'other', subtype: '', confidence: 0.3, secondary: [], signals: [], lang: 'zh', ...over,
});
const model = (over: Partial<ModelReading> = {}): ModelReading => ({
  category: 'quality', subtype: 'quality_problem', confidence: 0.9, quote: '', reason: 'r', ...over,
});

const TEXT = '衣服收到了，袖口开线了，而且物流也慢，你们看着办';

describe('combineClassification', () => {
  it('a quoted, confident reading wins, even a category the lexicon would not read in the quote', () => {
    const r = combineClassification(rules(), model({ quote: '你们看着办' }), TEXT);
    expect(r).toMatchObject({ decidedBy: 'llm', reason: 'model_quoted_confident' });
    expect(r.classification).toMatchObject({ category: 'quality', subtype: 'quality_problem', confidence: 0.85 });
    expect(r.classification.signals).toContain('llm:quality/quality_problem');
  });

  it('the quoted subtype wins within the same category', () => {
    const base = rules({ category: 'quality', subtype: 'quality_problem', confidence: 0.5 });
    const r = combineClassification(base, model({ subtype: 'minor_defect', quote: '袖口开线' }), TEXT);
    expect(r).toMatchObject({ decidedBy: 'combined', reason: 'agree_category_quoted_subtype', classification: { subtype: 'minor_defect' } });
  });

  it('keeps the rules when the quote is not in the text', () => {
    const r = combineClassification(rules({ secondary: ['quality'] }), model({ quote: '质量太差要求全额退款' }), TEXT);
    expect(r).toMatchObject({ decidedBy: 'rules', reason: 'model_quote_not_in_text' });
  });

  it('keeps the rules when the model is not confident', () => {
    const r = combineClassification(rules(), model({ quote: '袖口开线了', confidence: 0.4 }), TEXT);
    expect(r.reason).toBe('model_not_confident');
  });

  it('M-1 a rules malicious verdict stands against the model', () => {
    const r = combineClassification(rules({ category: 'malicious', subtype: 'extortion', confidence: 0.5, secondary: ['quality'] }), model({ quote: '袖口开线了' }), TEXT);
    expect(r).toMatchObject({ decidedBy: 'rules', reason: 'rules_malicious_stands' });
    expect(r.classification.category).toBe('malicious');
  });

  it('M-1 the model adds malicious only with a rules signal or a confident real quote', () => {
    const unsupported = combineClassification(rules({ secondary: ['quality'] }), model({ category: 'malicious', subtype: 'extortion', quote: '不存在的话' }), TEXT);
    expect(unsupported.reason).toBe('model_malicious_unsupported');
    const quoted = combineClassification(rules({ secondary: ['quality'] }), model({ category: 'malicious', subtype: 'extortion', quote: '你们看着办' }), TEXT);
    expect(quoted).toMatchObject({ decidedBy: 'llm', reason: 'model_malicious_quoted' });
    const signalled = combineClassification(rules({ secondary: ['malicious'] }), model({ category: 'malicious', subtype: 'extortion', confidence: 0.5 }), TEXT);
    expect(signalled.decidedBy).toBe('llm');
  });

  it('agreement raises confidence but never above the model cap unless the rules were higher', () => {
    const r = combineClassification(rules({ category: 'quality', subtype: 'quality_problem', confidence: 0.5 }), model({ confidence: 0.99 }), TEXT);
    expect(r).toMatchObject({ decidedBy: 'combined', reason: 'agree' });
    expect(r.classification.confidence).toBe(0.85);
  });

  it('rejects a subtype from another category and a model "other"', () => {
    expect(combineClassification(rules({ secondary: ['quality'] }), model({ subtype: 'price_drop' }), TEXT).reason).toBe('model_subtype_invalid');
    expect(combineClassification(rules({ category: 'price', subtype: 'price_drop' }), model({ category: 'other', subtype: '' }), TEXT).reason).toBe('model_unsure');
  });

  it('matches quotes across width, case and hidden characters, not fragments', () => {
    expect(quoteIsInText('ＲＥＦＵＮＤ', 'please refund me')).toBe(true);
    expect(quoteIsInText('袖口\u200B开线', TEXT)).toBe(true);
    expect(quoteIsInText('袖', TEXT)).toBe(false);
  });
});
