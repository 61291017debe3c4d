import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFeatures, fnv1a32, vectorize } from '../../../src/core/classify/features.ts';
import { MODEL } from '../../../src/core/classify/linear-model.ts';
import { readMessage } from '../../../src/core/classify/classify.ts';
import type { ClassifyInput } from '../../../src/core/types.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const fixtures = JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/classifier/sklearn-scores.json'), 'utf8')) as {
  classes: string[];
  cases: { id: string; input: ClassifyInput; proba: number[] }[];
};
const modelFile = resolve(ROOT, 'src/core/classify/model/classifier.json');
const model = JSON.parse(readFileSync(modelFile, 'utf8')) as { training: Record<string, unknown>; minConfidence: number };

describe('the learned model in TypeScript', () => {
  it('scores the fixture set as sklearn predict_proba did, to 1e-6', () => {
    expect(fixtures.cases.length).toBeGreaterThanOrEqual(20);
    expect(MODEL.classes).toEqual(fixtures.classes);
    let worst = 0;
    for (const c of fixtures.cases) {
      const p = MODEL.predictProba(vectorize(extractFeatures(c.input)));
      c.proba.forEach((q, i) => (worst = Math.max(worst, Math.abs(q - (p[i] as number)))));
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it('classify reads the same probabilities (its unmerged, unsorted path), to 1e-6', () => {
    let worst = 0;
    for (const c of fixtures.cases) {
      const p = readMessage(c.input).reading.classes;
      c.proba.forEach((q, i) => (worst = Math.max(worst, Math.abs(q - (p[i] as number)))));
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it('records the data hash and the versions it was trained with', () => {
    expect(model.training.corpusSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(model.training.featuresSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(model.training.sklearn).toMatch(/^\d+\.\d+/);
    expect(model.training.python).toMatch(/^3\.\d+/);
  });

  it('was trained on the corpus as committed (retrain after changing it: /usr/bin/python3 scripts/train_classifier.py --loao)', () => {
    const corpus = resolve(ROOT, 'test/fixtures/corpus');
    const table = JSON.parse(readFileSync(resolve(corpus, 'training.json'), 'utf8')) as { files: { file: string }[] };
    const files = [...table.files.map((f) => f.file), ...readdirSync(resolve(corpus, 'authors')).filter((f) => f.endsWith('.jsonl')).sort().map((f) => `authors/${f}`)];
    const h = createHash('sha256');
    for (const f of files) {
      h.update(`${f}\0`);
      h.update(readFileSync(resolve(corpus, f)));
    }
    expect(model.training.corpusSha256).toBe(h.digest('hex'));
  });

  it('is small: ≤ 10 MB on disk', () => {
    expect(statSync(modelFile).size).toBeLessThanOrEqual(10 * 1024 * 1024);
  });

  it('hashes with 32-bit FNV-1a over UTF-8 (published test vectors)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    // UTF-8 bytes of 没 are e6 b2 a1: the same as hashing those three bytes.
    expect(fnv1a32('没')).toBe(fnv1a32Bytes([0xe6, 0xb2, 0xa1]));
    expect(fnv1a32('😀')).toBe(fnv1a32Bytes([0xf0, 0x9f, 0x98, 0x80]));
  });

  it('playbooks/store.json carries the calibrated minConfidence', () => {
    const store = JSON.parse(readFileSync(resolve(ROOT, 'playbooks/store.json'), 'utf8')) as { store: { minConfidence: number } };
    expect(store.store.minConfidence).toBe(model.minConfidence);
  });
});

function fnv1a32Bytes(bytes: number[]): number {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}
