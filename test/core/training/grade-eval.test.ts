/**
 * The graded-set evaluation: on the example files in test/fixtures/training (written for this
 * test; a sealed set written by someone else is scored with the same code), and on lines built
 * here to show each promise can fail.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateGraded, evaluateSentences, parseGradedLine, parseSentenceLine, type GradedLine } from '../../../src/core/training/grade-eval.ts';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/training');
const playbook = loadPlaybook();
const now = new Date('2026-11-24T02:00:00Z');
const lines = <T>(file: string, parse: (v: unknown, n: number) => T) =>
  readFileSync(resolve(FIXTURES, file), 'utf8').split('\n').filter((l) => l.trim()).map((l, i) => parse(JSON.parse(l), i + 1));

describe('graded transcripts (example set: 6 families × 4 levels, zh and en)', () => {
  const graded = lines('graded-example.jsonl', parseGradedLine);
  const report = evaluateGraded(graded, playbook, { now });

  it('every family in strict order', () => {
    expect(report.families.length).toBe(6);
    expect(report.families.filter((f) => !f.strictOrder)).toEqual([]);
  });
  it('every tagged breach found with the right rule ID', () => {
    expect(report.breachesTagged).toBeGreaterThanOrEqual(20);
    expect(report.transcripts.flatMap((t) => t.breaches.filter((b) => !b.found))).toEqual([]);
  });
  it('no violation on an excellent or decent transcript', () => {
    expect(report.falseViolations).toEqual([]);
  });

  it('reports a family out of order, a missed breach and a false violation', () => {
    const base = graded.find((g) => g.id === 'en-p3-1') as GradedLine;
    const swapped: GradedLine[] = [
      { ...base, id: 'x-1', family: 'x', level: 'excellent', turns: [base.turns[0]!, { role: 'agent', text: 'We will look into it.' }] },
      { ...base, id: 'x-2', family: 'x', level: 'decent', turns: base.turns, breaches: [{ rule: 'T-4', quote: 'Please don\'t share any card numbers here.' }] },
    ];
    const r = evaluateGraded(swapped, playbook, { now });
    expect(r.families[0]?.strictOrder).toBe(false);
    expect(r.breachesFound).toBe(0);
    const bad = evaluateGraded([{ ...base, id: 'x-3', turns: [base.turns[0]!, { role: 'agent', text: 'I need your CVV to refund you.' }] }], playbook, { now });
    expect(bad.falseViolations.map((v) => v.rule)).toContain('P-3');
  });

  it('a bad line is named with its number', () => {
    expect(() => parseGradedLine({ id: 'a', family: 'f', level: 'great', lang: 'en', case: {}, turns: [] }, 7)).toThrow(/graded line 7: .*level/);
  });
});

describe('tagged sentences (example set)', () => {
  const report = evaluateSentences(lines('sentences-example.jsonl', parseSentenceLine));
  it('precision and recall per rule', () => {
    expect(report.sentences).toBe(60);
    for (const r of report.rules.filter((x) => x.tp + x.fn > 0)) {
      expect({ rule: r.rule, recall: r.recall }).toEqual({ rule: r.rule, recall: expect.any(Number) });
      expect(r.precision ?? 0, r.rule).toBeGreaterThanOrEqual(0.9);
      expect(r.recall ?? 0, r.rule).toBeGreaterThanOrEqual(0.9);
    }
  });
  it('counts a miss and a false alarm', () => {
    const r = evaluateSentences([
      parseSentenceLine({ id: 'a', lang: 'en', caseCategory: 'quality', text: 'We will reship today.', rules: ['T-3'] }, 1),
      parseSentenceLine({ id: 'b', lang: 'en', caseCategory: 'quality', text: 'There is nothing we can do.', rules: [] }, 2),
    ]);
    expect(r.rules.find((x) => x.rule === 'T-3')).toMatchObject({ tp: 0, fp: 1, fn: 1, precision: 0, recall: 0 });
  });
});
