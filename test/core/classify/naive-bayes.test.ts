import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLabelledMessage } from '../../../src/core/classify/labelled-message.ts';
import { NaiveBayes } from '../../../src/core/classify/naive-bayes.ts';
import { extractFeatures } from '../../../src/core/classify/ngram-features.ts';
import { normalizeText } from '../../../src/core/classify/normalize.ts';
import { renderModelModule, trainNaiveBayes } from '../../../src/core/classify/train-naive-bayes.ts';
import { loadCorpus } from './load-corpus.ts';

const labelled = (id: string, text: string, category: string, subtype: string) =>
  parseLabelledMessage({ id, text, category, subtype });

describe('extractFeatures', () => {
  it('Han 1–3-grams, words, word bigrams and 5-letter stems', () => {
    expect(extractFeatures(normalizeText('没收到'))).toEqual(['没', '没收', '没收到', '收', '收到', '到']);
    expect(extractFeatures(normalizeText('never arrived'))).toEqual(['w:never', 'b:never arrived', 'w:arrived', 's:arriv']);
  });

  it('is bounded on a 50 000-char message', () => {
    expect(extractFeatures(normalizeText('包裹一直没收到 parcel never arrived '.repeat(2000))).length).toBeLessThanOrEqual(4000);
  });
});

describe('NaiveBayes', () => {
  const tiny = trainNaiveBayes([
    labelled('1', 'parcel never arrived', 'logistics', 'not_received'),
    labelled('2', 'my parcel never came', 'logistics', 'not_received'),
    labelled('3', 'the headphones stopped working', 'quality', 'quality_problem'),
    labelled('4', 'the kettle stopped working', 'quality', 'quality_problem'),
    labelled('5', 'pay me or one star', 'malicious', 'extortion'),
  ]);

  it('learns from the labelled messages and leaves malicious out', () => {
    expect(tiny.classes).toEqual(['not_received', 'quality_problem']);
    const nb = new NaiveBayes(tiny);
    const p = nb.predict(normalizeText('the fan stopped working'));
    expect(p.label).toBe('quality_problem');
    expect(p.probability).toBeGreaterThan(0.5);
    expect(p.evidence).toEqual(expect.arrayContaining(['b:stopped working', 'w:stopped']));
    expect(p.evidence).not.toContain('w:the');
    expect(nb.predict(normalizeText('my parcel never showed')).label).toBe('not_received');
  });

  it('with no known feature falls back to the prior and reports it knew nothing', () => {
    expect(new NaiveBayes(tiny).predict('zzz').known).toBe(0);
  });
});

describe('the committed model', () => {
  it('is what scripts/train-classifier.ts makes from the current TRAIN split (regenerate if this fails)', () => {
    const committed = readFileSync(resolve(import.meta.dirname, '../../../src/core/classify/nb-model.generated.ts'), 'utf8');
    expect(committed === renderModelModule(trainNaiveBayes(loadCorpus('train')))).toBe(true);
  });
});
