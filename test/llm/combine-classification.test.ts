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

/** A stand-in for the rules' lexicon on a quote: 开线 → quality/minor_defect, 物流也慢 → logistics. */
const lexicon = (quote: string): Classification => {
  if (quote.includes('开线')) return rules({ category: 'quality', subtype: 'minor_defect', confidence: 0.7, signals: ['zh:开线'] });
  if (quote.includes('物流也慢')) return rules({ category: 'logistics', subtype: 'tracking_anomaly', confidence: 0.6, signals: ['zh:物流慢'] });
  return rules({ confidence: 0.5, signals: ['no-dispute-evidence'] });
};

describe('combineClassification', () => {
  it('Q-1 adopts a category when the rules read it in the quoted words; the subtype is the rules\' reading', () => {
    const r = combineClassification(rules({ secondary: ['quality', 'logistics'] }), model({ quote: '袖口开线了' }), TEXT, lexicon);
    expect(r).toMatchObject({ decidedBy: 'llm', reason: 'model_category_rules_subtype' });
    expect(r.classification).toMatchObject({ category: 'quality', subtype: 'minor_defect', confidence: 0.85 });
    expect(r.classification.signals).toContain('llm:quality/minor_defect');
  });

  it('says so when the model and the rules agree on the quoted words', () => {
    const r = combineClassification(rules(), model({ subtype: 'minor_defect', quote: '袖口开线了' }), TEXT, lexicon);
    expect(r).toMatchObject({ decidedBy: 'llm', reason: 'model_quote_confirmed_by_rules' });
  });

  it('never adopts a category the quoted words do not carry, even a rules candidate', () => {
    const r = combineClassification(rules({ secondary: ['quality'] }), model({ quote: '你们看着办' }), TEXT, lexicon);
    expect(r).toMatchObject({ decidedBy: 'rules', reason: 'model_category_without_rules_signal' });
    expect(r.classification.category).toBe('other');
  });

  it('never changes anything without the rules to read the quote', () => {
    expect(combineClassification(rules({ secondary: ['quality'] }), model({ quote: '袖口开线了' }), TEXT).decidedBy).toBe('rules');
  });

  it('keeps the rules when the quote is not in the text', () => {
    const r = combineClassification(rules({ secondary: ['quality'] }), model({ quote: '质量太差要求全额退款' }), TEXT, lexicon);
    expect(r).toMatchObject({ decidedBy: 'rules', reason: 'model_quote_not_in_text' });
  });

  it('keeps the rules when the model is not confident', () => {
    const r = combineClassification(rules(), model({ quote: '袖口开线了', confidence: 0.4 }), TEXT, lexicon);
    expect(r.reason).toBe('model_not_confident');
  });

  it('M-1 a rules malicious verdict stands against the model', () => {
    const r = combineClassification(rules({ category: 'malicious', subtype: 'extortion', confidence: 0.5, secondary: ['quality'] }), model({ quote: '袖口开线了' }), TEXT, lexicon);
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

  it('same category, other subtype: the model\'s subtype only when the rules read it in the quote', () => {
    const base = rules({ category: 'quality', subtype: 'quality_problem', confidence: 0.5 });
    expect(combineClassification(base, model({ subtype: 'minor_defect', quote: '你们看着办' }), TEXT, lexicon).classification.subtype).toBe('quality_problem');
    expect(combineClassification(base, model({ subtype: 'not_as_described', quote: '袖口开线' }), TEXT, lexicon).classification.subtype).toBe('quality_problem');
    const quoted = combineClassification(base, model({ subtype: 'minor_defect', quote: '袖口开线' }), TEXT, lexicon);
    expect(quoted).toMatchObject({ reason: 'agree_category_quote_subtype', classification: { subtype: 'minor_defect' } });
  });

  it('rejects a subtype from another category and a model "other"', () => {
    expect(combineClassification(rules({ secondary: ['quality'] }), model({ subtype: 'price_drop' }), TEXT).reason).toBe('model_subtype_invalid');
    expect(combineClassification(rules({ category: 'price', subtype: 'price_drop' }), model({ category: 'other', subtype: '' }), TEXT).reason).toBe('model_unsure');
  });

  it('does not accept a reading that came from a statistical fallback, not the lexicon', () => {
    const fallback = (): Classification => rules({ category: 'quality', subtype: 'quality_problem', confidence: 0.6, signals: ['nb-fallback', 'nb:quality_problem'] });
    const r = combineClassification(rules(), model({ quote: '你们看着办' }), TEXT, fallback);
    expect(r.reason).toBe('model_category_without_rules_signal');
  });

  it('matches quotes across width, case and hidden characters, not fragments', () => {
    expect(quoteIsInText('ＲＥＦＵＮＤ', 'please refund me')).toBe(true);
    expect(quoteIsInText('袖口\u200B开线', TEXT)).toBe(true);
    expect(quoteIsInText('袖', TEXT)).toBe(false);
  });
});
