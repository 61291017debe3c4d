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
  training: Record<string, unknown>;
}

export class LinearModel {
  readonly classes: readonly string[];
  readonly minConfidence: number;
  readonly ruleOverrides: ReadonlySet<string>;
  readonly ruleConfidence: number;
  readonly hashBits: number;
  private readonly intercept: Float64Array;
  private readonly buckets: Uint32Array;
  private readonly weights: Int16Array;
  private readonly scale: number;
  private readonly k: number;

  constructor(data: LinearModelData) {
    if (data.format !== 'settle-linear-1') throw new Error(`unknown classifier model format ${data.format}`);
    this.classes = data.classes;
    this.k = data.classes.length;
    this.minConfidence = data.minConfidence;
    this.ruleOverrides = new Set(data.ruleOverrides);
    this.ruleConfidence = data.ruleConfidence;
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
  }

  /** Number of buckets with weights. */
  get size(): number {
    return this.buckets.length;
  }

  /** Row of a bucket in the weight table, or -1 when the model has no weight for it. */
  rowOf(bucket: number): number {
    let lo = 0;
    let hi = this.buckets.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.buckets[mid] as number;
      if (v === bucket) return mid;
      if (v < bucket) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Weight of a row for class c. */
  weight(row: number, c: number): number {
    return (this.weights[row * this.k + c] as number) * this.scale;
  }

  /** Class probabilities (softmax of the linear scores), in `classes` order. */
  predictProba(v: SparseVector): Float64Array {
    const z = Float64Array.from(this.intercept);
    for (let j = 0; j < v.indices.length; j++) {
      const row = this.rowOf(v.indices[j] as number);
      if (row < 0) continue;
      const x = (v.values[j] as number) * this.scale;
      const base = row * this.k;
      for (let c = 0; c < this.k; c++) z[c] = (z[c] as number) + x * (this.weights[base + c] as number);
    }
    let max = -Infinity;
    for (const s of z) if (s > max) max = s;
    let sum = 0;
    for (let c = 0; c < this.k; c++) {
      z[c] = Math.exp((z[c] as number) - max);
      sum += z[c] as number;
    }
    for (let c = 0; c < this.k; c++) z[c] = (z[c] as number) / sum;
    return z;
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Standard base64 → bytes (no platform Buffer: the core is pure). */
function decodeBase64(s: string): DataView {
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = B64_INDEX[clean.charCodeAt(i)] ?? -1;
    if (v < 0) throw new Error('classifier model: bad base64');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
      acc &= (1 << bits) - 1;
    }
  }
  return new DataView(out.buffer, 0, o);
}

/** The committed model, decoded once at module load. */
export const MODEL = new LinearModel(MODEL_JSON as LinearModelData);
