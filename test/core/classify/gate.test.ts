/**
 * The accuracy gate of `npm test`, driven by test/fixtures/corpus/gate.json: one row per source,
 * with floors per language. A `file` row classifies a labelled file no author of the training
 * corpus wrote (a blind set); a `loao` row reads the leave-one-author-out report the training
 * script wrote for the committed model (each author held out in turn), until blind sets are
 * added as rows. Plus the training corpus itself: every line has an author, every POLICY.md §1
 * subtype is there in both languages, and ids are unique.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/classify.ts';
import { parseLabelledMessage, type LabelledMessage } from '../../../src/core/classify/labelled-message.ts';
import { computeMetricsByLang, type Outcome } from '../../../src/core/classify/metrics.ts';
import { ALL_SUBTYPES } from '../../../src/core/types.ts';
import { CORPUS_DIR } from './load-corpus.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

interface Floors {
  macroF1: number;
  zh: number;
  en: number;
  maliciousPrecision: number;
  maliciousRecall: number;
  maxOtherToDispute: number;
}
type GateRow = { source: 'loao'; report: string; floors: Floors } | { source: 'file'; file: string; floors: Floors };

interface Figures { macroF1: number; zh: number; en: number; maliciousPrecision: number; maliciousRecall: number; otherToDispute: number }

const gate = JSON.parse(readFileSync(resolve(CORPUS_DIR, 'gate.json'), 'utf8')) as { rows: GateRow[] };
const model = JSON.parse(readFileSync(resolve(ROOT, 'src/core/classify/model/classifier.json'), 'utf8')) as { training: { corpusSha256: string } };

function readLabelled(file: string): (LabelledMessage & { author?: string })[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
    const obj = JSON.parse(l) as { author?: string };
    return { ...parseLabelledMessage(obj), ...(obj.author ? { author: obj.author } : {}) };
  });
}

function figuresOf(row: GateRow): Figures {
  if (row.source === 'loao') {
    const r = JSON.parse(readFileSync(resolve(ROOT, row.report), 'utf8')) as {
      corpusSha256: string;
      pooled: { macroF1: number; zh: { macroF1: number }; en: { macroF1: number }; otherToDispute: number; perClass: { malicious: { precision: number; recall: number } } };
    };
    // The report must be of the corpus the committed model was trained on.
    expect(r.corpusSha256).toBe(model.training.corpusSha256);
    const p = r.pooled;
    return { macroF1: p.macroF1, zh: p.zh.macroF1, en: p.en.macroF1, maliciousPrecision: p.perClass.malicious.precision, maliciousRecall: p.perClass.malicious.recall, otherToDispute: p.otherToDispute };
  }
  const messages = readLabelled(resolve(CORPUS_DIR, row.file));
  const outcomes: Outcome[] = messages.map((m) => {
    const c = classify(m.input);
    return { actual: m.category, predicted: c.category, actualSubtype: m.subtype, predictedSubtype: c.subtype, lang: m.input.lang ?? c.lang };
  });
  const { overall, byLang } = computeMetricsByLang(outcomes);
  const others = outcomes.filter((o) => o.actual === 'other');
  return {
    macroF1: overall.macroF1, zh: byLang.zh?.macroF1 ?? 0, en: byLang.en?.macroF1 ?? 0,
    maliciousPrecision: overall.perClass.malicious.precision, maliciousRecall: overall.perClass.malicious.recall,
    otherToDispute: others.filter((o) => o.predicted !== 'other').length / Math.max(1, others.length),
  };
}

describe('accuracy gate (test/fixtures/corpus/gate.json)', () => {
  it('has at least one row', () => {
    expect(gate.rows.length).toBeGreaterThan(0);
  });

  it.each(gate.rows.map((r) => [r.source === 'loao' ? `loao ${r.report}` : r.file, r] as const))('%s meets its floors', (_name, row) => {
    const f = figuresOf(row);
    expect(f.macroF1).toBeGreaterThanOrEqual(row.floors.macroF1);
    expect(f.zh).toBeGreaterThanOrEqual(row.floors.zh);
    expect(f.en).toBeGreaterThanOrEqual(row.floors.en);
    expect(f.maliciousPrecision).toBeGreaterThanOrEqual(row.floors.maliciousPrecision);
    expect(f.maliciousRecall).toBeGreaterThanOrEqual(row.floors.maliciousRecall);
    expect(f.otherToDispute).toBeLessThanOrEqual(row.floors.maxOtherToDispute);
  });
});

describe('the training corpus', () => {
  const table = JSON.parse(readFileSync(resolve(CORPUS_DIR, 'training.json'), 'utf8')) as { files: { file: string; author: string }[] };
  const authorFiles = readdirSync(resolve(CORPUS_DIR, 'authors')).filter((f) => f.endsWith('.jsonl')).map((f) => `authors/${f}`);
  const all = [
    ...table.files.flatMap((s) => readLabelled(resolve(CORPUS_DIR, s.file)).map((m) => ({ ...m, author: m.author ?? s.author }))),
    ...authorFiles.flatMap((f) => readLabelled(resolve(CORPUS_DIR, f))),
  ];

  it('names the author of every line, each author file holding only its author', () => {
    expect(all.every((m) => typeof m.author === 'string' && m.author.length > 0)).toBe(true);
    for (const f of authorFiles) {
      const author = f.slice('authors/'.length, -'.jsonl'.length);
      expect(readLabelled(resolve(CORPUS_DIR, f)).every((m) => m.author === author)).toBe(true);
    }
    expect(new Set(all.map((m) => m.author)).size).toBeGreaterThanOrEqual(2);
  });

  it('has unique ids', () => {
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
  });

  it.each(['zh', 'en'] as const)('holds every POLICY.md §1 subtype and a large other class in %s', (lang) => {
    const mine = all.filter((m) => m.input.lang === lang);
    const present = new Set(mine.map((m) => m.subtype));
    expect(ALL_SUBTYPES.filter((s) => !present.has(s))).toEqual([]);
    expect(mine.filter((m) => m.category === 'other').length / mine.length).toBeGreaterThanOrEqual(0.1);
  });

  it('lists no gated file as training data', () => {
    const training = new Set([...table.files.map((s) => s.file), ...authorFiles]);
    for (const row of gate.rows) if (row.source === 'file') expect(training.has(row.file)).toBe(false);
  });
});
