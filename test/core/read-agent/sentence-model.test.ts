import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SENTENCE_RULES } from '../../../src/core/read-agent/sentence-features.ts';
import { SENTENCE_MODEL } from '../../../src/core/read-agent/sentence-model.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/training/sentence-model-scores.json', import.meta.url), 'utf8')) as {
  rules: string[];
  rows: { id: string; text: string; proba: number[] }[];
};

describe('sentence model: TypeScript inference matches sklearn', () => {
  it('has the fixture rules in the model order', () => {
    expect(fixture.rules).toEqual([...SENTENCE_RULES]);
    expect(fixture.rows.length).toBeGreaterThan(50);
  });
  it.each(fixture.rows.map((r) => [r.id, r] as const))('%s: every rule probability within 1e-6', (_id, row) => {
    const p = SENTENCE_MODEL.predict(row.text);
    SENTENCE_RULES.forEach((rule, i) => expect(Math.abs(p[rule] - (row.proba[i] as number))).toBeLessThan(1e-6));
  });
  it('is deterministic: the same sentence twice gives the same figures', () => {
    const s = '只要您把差评改成好评,我们马上退您20元。';
    expect(SENTENCE_MODEL.predict(s)).toEqual(SENTENCE_MODEL.predict(s));
  });
});
