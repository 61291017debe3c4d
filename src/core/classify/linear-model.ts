/**
 * Inference of the learned classifier in TypeScript, no Python: a multinomial logistic
 * regression trained by scripts/train_classifier.py (scikit-learn) and committed as
 * model/classifier.json. Scores match sklearn's predict_proba to 1e-6 (test/core/classify/
 * linear-model.test.ts checks the fixture scores the training script wrote).
 *
 * Storage: the kept hash buckets (sorted uint32) and, per bucket, one int16 weight per class
 * (weight = q × scale), both base64 little-endian; decoded once, at module load.
 */
import type { SparseVector } from './features.ts';
import MODEL_JSON from './model/classifier.json' with { type: 'json' };

export interface LinearModelData {
  format: string;
  hashBits: number;
  classes: string[];
  intercept: number[];
  scale: number;
  /** base64 of uint32 LE bucket ids, ascending. */
  buckets: string;
  /** base64 of int16 LE weights, bucket-major (buckets × classes). */
  weights: string;
  /** Calibrated threshold: below it a dispute reading becomes `other`. */
  minConfidence: number;
  /** judge-malicious.ts verdicts that decide `malicious` on their own (a post-rule, also applied in training's evaluation). */
  ruleOverrides: string[];
  /** The confidence at least given to such a verdict. */
  ruleConfidence: number;
  /** A verdict decides only when the model gives `malicious` at least this probability (precision first). */
  verdictModelMin: number;
  /** The model's own `malicious` probability at or above this counts as a sign of malice (no lexicon cue needed). */
  maliceModelMin: number;
  /** LABELLING.md 7: a threat over a real problem asking only the normal remedy is never `malicious` (features.ts remedyOnly). */
  remedyRule: boolean;
  /** A remedy-only threat whose problem the lexicon did not name counts when the model gives a real dispute category at least this (features.ts remedyCandidate). */
  remedyModelMin: number;
  training: Record<string, unknown>;
}

export class LinearModel {
  readonly classes: readonly string[];
  readonly minConfidence: number;
  readonly ruleOverrides: ReadonlySet<string>;
  readonly ruleConfidence: number;
  readonly verdictModelMin: number;
  readonly maliceModelMin: number;
  readonly remedyRule: boolean;
  readonly remedyModelMin: number;
  readonly hashBits: number;
  private readonly intercept: Float64Array;
  private readonly buckets: Uint32Array;
  private readonly weights: Int16Array;
  private readonly scale: number;
  private readonly k: number;
  /** Open-addressing table bucket → row + 1 (0 = empty); the bucket ids are hashes already. */
  private readonly table: Int32Array;
  private readonly tableMask: number;

  constructor(data: LinearModelData) {
    if (data.format !== 'settle-linear-1') throw new Error(`unknown classifier model format ${data.format}`);
    this.classes = data.classes;
    this.k = data.classes.length;
    this.minConfidence = data.minConfidence;
    this.ruleOverrides = new Set(data.ruleOverrides);
    this.ruleConfidence = data.ruleConfidence;
    this.verdictModelMin = data.verdictModelMin;
    this.maliceModelMin = data.maliceModelMin;
    this.remedyRule = data.remedyRule;
    this.remedyModelMin = data.remedyModelMin;
    this.hashBits = data.hashBits;
    this.intercept = Float64Array.from(data.intercept);
    this.scale = data.scale;
    const b = decodeBase64(data.buckets);
    const w = decodeBase64(data.weights);
    this.buckets = new Uint32Array(b.byteLength / 4);
    for (let i = 0; i < this.buckets.length; i++) this.buckets[i] = b.getUint32(i * 4, true);
    this.weights = new Int16Array(w.byteLength / 2);
    for (let i = 0; i < this.weights.length; i++) this.weights[i] = w.getInt16(i * 2, true);
    if (this.weights.length !== this.buckets.length * this.k) throw new Error('classifier model: weights do not match buckets × classes');
    let size = 1024;
    while (size < this.buckets.length * 2) size *= 2;
    this.table = new Int32Array(size);
    this.tableMask = size - 1;
    for (let row = 0; row < this.buckets.length; row++) {
      let i = (this.buckets[row] as number) & this.tableMask;
      while (this.table[i] !== 0) i = (i + 1) & this.tableMask;
      this.table[i] = row + 1;
    }
  }

  /** Number of buckets with weights. */
  get size(): number {
    return this.buckets.length;
  }

  /** Row of a bucket in the weight table, or -1 when the model has no weight for it. */
  rowOf(bucket: number): number {
    let i = bucket & this.tableMask;
    for (;;) {
      const r = this.table[i] as number;
      if (r === 0) return -1;
      if (this.buckets[r - 1] === bucket) return r - 1;
      i = (i + 1) & this.tableMask;
    }
  }

  /** Weight of a row for class c. */
  weight(row: number, c: number): number {
    return (this.weights[row * this.k + c] as number) * this.scale;
  }

  /** Class probabilities (softmax of the linear scores), in `classes` order. */
  predictProba(v: SparseVector): Float64Array {
    const rows = v.indices.map((b) => this.rowOf(b));
    return this.predictRows(rows, v.values);
  }

  /** Class probabilities of a vector given as weight-table rows (-1: no weight) and values. */
  predictRows(rows: ArrayLike<number>, values: ArrayLike<number>): Float64Array {
    const k = this.k;
    const w = this.weights;
    const scale = this.scale;
    const z = new Float64Array(k);
    const n = rows.length;
    for (let j = 0; j < n; j++) {
      const row = rows[j] as number;
      if (row < 0) continue;
      const x = (values[j] as number) * scale;
      let base = row * k;
      for (let c = 0; c < k; c++) z[c] = (z[c] as number) + x * (w[base++] as number);
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      z[c] = (z[c] as number) + (this.intercept[c] as number);
      if ((z[c] as number) > max) max = z[c] as number;
    }
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp((z[c] as number) - max);
      z[c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) z[c] = (z[c] as number) / sum;
    return z;
  }
}

/** Standard base64 → bytes, with the web-standard `atob` (no platform Buffer: the core is pure). */
function decodeBase64(s: string): DataView {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return new DataView(out.buffer);
}

/** The committed model, decoded once at module load. */
export const MODEL = new LinearModel(MODEL_JSON as LinearModelData);
