/**
 * A multinomial naive Bayes over n-gram features (ngram-features.ts), trained at build time from
 * the TRAIN split by scripts/train-classifier.ts and stored in nb-model.generated.ts. It is the
 * fallback for messages the lexicon finds no evidence in; it never decides `malicious` (that
 * verdict must rest on the POLICY.md §2 signals, not on word statistics).
 */
import { extractFeatures } from './ngram-features.ts';

export interface NbModelData {
  /** Class labels: subtype ids and 'other'. */
  classes: string[];
  /** Training messages per class. */
  docs: number[];
  /** Total feature occurrences per class. */
  totals: number[];
  vocabularySize: number;
  /** feature → [classIndex, count, classIndex, count, …] for the classes it was seen in. */
  features: Record<string, number[]>;
}

export interface NbPrediction {
  label: string;
  /** Posterior probability of `label`. */
  probability: number;
  /** Known features of the message that favour `label` most, for the signals. */
  evidence: string[];
  /** How many of the message's features the model has seen. */
  known: number;
}

/** A trained model, ready to predict; the log tables are computed once. */
export class NaiveBayes {
  private readonly logPrior: number[];
  /** log P(unseen feature | class), per class. */
  private readonly logUnseen: number[];
  /** feature → [class, log P(f|c) − log P(unseen|c), …]: only classes the feature was seen in. */
  private readonly deltas = new Map<string, number[]>();

  constructor(private readonly model: NbModelData) {
    const n = model.docs.reduce((a, b) => a + b, 0);
    this.logPrior = model.docs.map((d) => Math.log((d + 1) / (n + model.classes.length)));
    const denom = model.totals.map((t) => t + model.vocabularySize);
    this.logUnseen = denom.map((d) => -Math.log(d));
    for (const [f, counts] of Object.entries(model.features)) {
      const row: number[] = [];
      for (let i = 0; i < counts.length; i += 2) {
        const c = counts[i] as number;
        row.push(c, Math.log(((counts[i + 1] as number) + 1) / (denom[c] as number)) - (this.logUnseen[c] as number));
      }
      this.deltas.set(f, row);
    }
  }

  /** Most probable class of a normalised message. */
  predict(text: string): NbPrediction {
    const k = this.model.classes.length;
    const scores = this.logPrior.slice();
    const seen: string[] = [];
    for (const f of extractFeatures(text)) {
      const row = this.deltas.get(f);
      if (!row) continue;
      seen.push(f);
      for (let i = 0; i < row.length; i += 2) scores[row[i] as number] = (scores[row[i] as number] as number) + (row[i + 1] as number);
    }
    // Every known feature adds log P(unseen|c) to every class; the deltas above correct the seen ones.
    for (let c = 0; c < k; c++) scores[c] = (scores[c] as number) + seen.length * (this.logUnseen[c] as number);
    let best = 0;
    for (let c = 1; c < k; c++) if ((scores[c] as number) > (scores[best] as number)) best = c;
    const max = scores[best] as number;
    const sum = scores.reduce((a, s) => a + Math.exp(s - max), 0);
    return { label: this.model.classes[best] as string, probability: 1 / sum, evidence: this.topEvidence(seen, best), known: seen.length };
  }

  /** The features whose likelihood ratio favours class `c` most. */
  private topEvidence(features: string[], c: number): string[] {
    const ratio = (f: string): number => {
      const counts = this.model.features[f] as number[];
      let inC = 0;
      let total = 0;
      for (let i = 0; i < counts.length; i += 2) {
        total += counts[i + 1] as number;
        if (counts[i] === c) inC = counts[i + 1] as number;
      }
      return (inC + 1) / (total + 2);
    };
    return features
      .filter(isTelling)
      .map((f) => ({ f, r: ratio(f) }))
      .filter((x) => x.r > 0.5)
      .sort((a, b) => b.r - a.r)
      .slice(0, 3)
      .map((x) => x.f);
  }
}

/** Single Han characters and short words ("的", "the", "my") explain nothing to a supervisor. */
function isTelling(feature: string): boolean {
  if (feature.startsWith('w:')) return feature.length >= 6;
  return feature.length >= 2;
}
