/**
 * Evaluation figures for the classifier: per-class precision / recall / F1, the confusion matrix,
 * macro-F1 over the five categories (other included), accuracy, subtype accuracy and the
 * malicious precision the release gate watches (a false "malicious" withholds money from an
 * honest customer, so its precision matters more than its recall), and calibration (expected
 * calibration error, reliability table). Pure.
 */
import type { Category, Lang } from '../types.ts';
import { CATEGORIES } from '../types.ts';

/** One labelled message and what the classifier said. */
export interface Outcome {
  actual: Category;
  predicted: Category;
  actualSubtype: string;
  predictedSubtype: string;
  lang: Lang;
  /** The classifier's confidence in its answer (for calibration). */
  confidence?: number;
}

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Labelled messages of this class. */
  support: number;
  /** Messages predicted as this class. */
  predicted: number;
}

export interface Metrics {
  count: number;
  accuracy: number;
  /** Share of messages whose category and subtype are both right. */
  subtypeAccuracy: number;
  macroF1: number;
  perClass: Record<Category, ClassMetrics>;
  /** matrix[i][j]: messages labelled labels[i] and predicted labels[j]. */
  confusion: { labels: Category[]; matrix: number[][] };
}

/**
 * Figures for a set of outcomes. A class with nothing predicted has precision 1 if it also has
 * no support (nothing to find, nothing wrongly claimed) and 0 otherwise; likewise recall.
 */
export function computeMetrics(outcomes: readonly Outcome[]): Metrics {
  const labels = [...CATEGORIES];
  const index = new Map(labels.map((c, i) => [c, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  let correct = 0;
  let subtypeCorrect = 0;
  for (const o of outcomes) {
    const row = matrix[index.get(o.actual) as number] as number[];
    const col = index.get(o.predicted) as number;
    row[col] = (row[col] as number) + 1;
    if (o.actual === o.predicted) {
      correct++;
      if (o.actualSubtype === o.predictedSubtype) subtypeCorrect++;
    }
  }
  const perClass = {} as Record<Category, ClassMetrics>;
  labels.forEach((c, i) => {
    const tp = (matrix[i] as number[])[i] as number;
    const support = (matrix[i] as number[]).reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((a, r) => a + (r[i] as number), 0);
    const precision = predicted === 0 ? (support === 0 ? 1 : 0) : tp / predicted;
    const recall = support === 0 ? (predicted === 0 ? 1 : 0) : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass[c] = { precision, recall, f1, support, predicted };
  });
  const n = outcomes.length;
  return {
    count: n,
    accuracy: n === 0 ? 0 : correct / n,
    subtypeAccuracy: n === 0 ? 0 : subtypeCorrect / n,
    macroF1: labels.reduce((a, c) => a + perClass[c].f1, 0) / labels.length,
    perClass,
    confusion: { labels, matrix },
  };
}

/** Metrics overall and per language (languages with no message are left out). */
export function computeMetricsByLang(outcomes: readonly Outcome[]): { overall: Metrics; byLang: Partial<Record<Lang, Metrics>> } {
  const byLang: Partial<Record<Lang, Metrics>> = {};
  for (const lang of ['zh', 'en'] as const) {
    const subset = outcomes.filter((o) => o.lang === lang);
    if (subset.length > 0) byLang[lang] = computeMetrics(subset);
  }
  return { overall: computeMetrics(outcomes), byLang };
}

/** One bin of a reliability table: messages whose confidence fell in (lo, hi]. */
export interface ReliabilityBin {
  lo: number;
  hi: number;
  count: number;
  /** Mean confidence of those messages. */
  confidence: number;
  /** Share of them whose category was right. */
  accuracy: number;
}

/**
 * Expected calibration error over `bins` equal-width confidence bins: the count-weighted mean gap
 * between confidence and accuracy (0 = a confidence of 0.8 is right 80 % of the time). The first
 * bin includes 0. Outcomes without a confidence are left out.
 */
export function computeCalibration(outcomes: readonly Outcome[], bins = 10): { ece: number; table: ReliabilityBin[] } {
  const scored = outcomes.filter((o): o is Outcome & { confidence: number } => typeof o.confidence === 'number');
  const table: ReliabilityBin[] = [];
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const lo = b / bins;
    const hi = (b + 1) / bins;
    const inBin = scored.filter((o) => (b === 0 ? o.confidence >= lo : o.confidence > lo) && o.confidence <= hi);
    const count = inBin.length;
    const confidence = count ? inBin.reduce((a, o) => a + o.confidence, 0) / count : 0;
    const accuracy = count ? inBin.filter((o) => o.actual === o.predicted).length / count : 0;
    if (count) ece += (count / scored.length) * Math.abs(confidence - accuracy);
    table.push({ lo, hi, count, confidence, accuracy });
  }
  return { ece, table };
}
