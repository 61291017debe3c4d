import { describe, expect, it } from 'vitest';
import { computeCalibration, computeMetrics, computeMetricsByLang, type Outcome } from '../../../src/core/classify/metrics.ts';
import type { Category } from '../../../src/core/types.ts';

const o = (actual: Category, predicted: Category, lang: 'zh' | 'en' = 'zh', sub = ['', '']): Outcome =>
  ({ actual, predicted, actualSubtype: sub[0] as string, predictedSubtype: sub[1] as string, lang });

describe('computeMetrics', () => {
  // 4 logistics (3 right, 1 → other), 2 malicious (both right), 1 other wrongly called malicious.
  const outcomes = [
    o('logistics', 'logistics', 'zh', ['not_received', 'not_received']),
    o('logistics', 'logistics', 'zh', ['not_received', 'tracking_anomaly']),
    o('logistics', 'logistics', 'en', ['wrong_item', 'wrong_item']),
    o('logistics', 'other', 'en'),
    o('malicious', 'malicious', 'zh', ['extortion', 'extortion']),
    o('malicious', 'malicious', 'en', ['off_platform', 'off_platform']),
    o('other', 'malicious', 'en'),
  ];
  const m = computeMetrics(outcomes);

  it('counts the confusion matrix rows as labelled, columns as predicted', () => {
    expect(m.confusion.labels).toEqual(['logistics', 'quality', 'price', 'malicious', 'other']);
    expect(m.confusion.matrix).toEqual([
      [3, 0, 0, 0, 1],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 2, 0],
      [0, 0, 0, 1, 0],
    ]);
  });

  it('per-class precision, recall, F1', () => {
    expect(m.perClass.logistics).toMatchObject({ precision: 1, recall: 0.75, support: 4, predicted: 3 });
    expect(m.perClass.logistics.f1).toBeCloseTo(6 / 7, 10);
    expect(m.perClass.malicious.precision).toBeCloseTo(2 / 3, 10);
    expect(m.perClass.malicious.recall).toBe(1);
    expect(m.perClass.other).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it('a class with neither labels nor predictions counts as perfect, so macro-F1 is over all five', () => {
    expect(m.perClass.quality).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    const expected = (6 / 7 + 1 + 1 + 0.8 + 0) / 5;
    expect(m.macroF1).toBeCloseTo(expected, 10);
  });

  it('accuracy and subtype accuracy', () => {
    expect(m.accuracy).toBeCloseTo(5 / 7, 10);
    expect(m.subtypeAccuracy).toBeCloseTo(4 / 7, 10);
  });

  it('splits by language', () => {
    const { byLang } = computeMetricsByLang(outcomes);
    expect(byLang.zh?.count).toBe(3);
    expect(byLang.zh?.accuracy).toBe(1);
    expect(byLang.en?.count).toBe(4);
    expect(byLang.en?.perClass.malicious.precision).toBe(0.5);
  });

  it('no outcomes: zero counts, no division by zero', () => {
    const e = computeMetrics([]);
    expect(e).toMatchObject({ count: 0, accuracy: 0, subtypeAccuracy: 0 });
    expect(Number.isFinite(e.macroF1)).toBe(true);
  });
});

describe('computeCalibration', () => {
  const o = (actual: Category, predicted: Category, confidence: number): Outcome => ({ actual, predicted, actualSubtype: '', predictedSubtype: '', lang: 'zh', confidence });

  it('is 0 when confidence matches accuracy in every bin, and fills the reliability table', () => {
    const outcomes = [o('price', 'price', 1), o('price', 'price', 1), o('other', 'other', 0.5), o('other', 'price', 0.5)];
    const c = computeCalibration(outcomes);
    expect(c.ece).toBeCloseTo(0, 12);
    expect(c.table).toHaveLength(10);
    expect(c.table[4]).toMatchObject({ count: 2, confidence: 0.5, accuracy: 0.5 });
    expect(c.table[9]).toMatchObject({ count: 2, confidence: 1, accuracy: 1 });
  });

  it('weights each bin gap by its share of messages', () => {
    // 3 of 4 at 0.9 confidence, all wrong: gap 0.9, weight 0.75; 1 at 0.15, right: gap 0.85, weight 0.25.
    const outcomes = [o('price', 'other', 0.9), o('price', 'other', 0.9), o('price', 'other', 0.9), o('price', 'price', 0.15)];
    expect(computeCalibration(outcomes).ece).toBeCloseTo(0.75 * 0.9 + 0.25 * 0.85, 12);
  });
});
