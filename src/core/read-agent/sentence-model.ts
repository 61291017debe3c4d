/**
 * The learned half of the agent reader: one logistic regression per rule over the hashed
 * features of sentence-features.ts (trained by scripts/train_sentence_model.py on agent
 * sentences of both languages, tagged per rule). Pure and deterministic; the committed model is
 * decoded once at load. read-agent.ts adds its findings to the structural rules' only above each
 * rule's threshold (chosen for precision on leave-one-source-out predictions) and only where the
 * rule's context holds.
 */
import MODEL_JSON from './model/sentence-model.json' with { type: 'json' };
import { SENTENCE_HASH_BITS, SENTENCE_RULES, vectorizeSentence, type SentenceRule, type SentenceVector } from './sentence-features.ts';

/** The committed model file (src/core/read-agent/model/sentence-model.json). */
export interface SentenceModelData {
  format: string;
  rules: string[];
  hashBits: number;
  intercept: number[];
  scale: number;
  thresholds: Record<string, number>;
  /** Little-endian uint32 bucket ids, ascending, base64. */
  buckets: string;
  /** Little-endian int16 weights, bucket-major (rules.length per bucket), base64; weight = int × scale. */
  weights: string;
}

export class SentenceModel {
  readonly rules: readonly SentenceRule[];
  readonly thresholds: Readonly<Record<SentenceRule, number>>;
  private readonly k: number;
  private readonly intercept: Float64Array;
  private readonly scale: number;
  private readonly rowOf = new Map<number, number>();
  private readonly weights: Int16Array;

  constructor(data: SentenceModelData) {
    if (data.format !== 'settle-sentence-1') throw new Error(`unknown sentence model format ${data.format}`);
    if (data.hashBits !== SENTENCE_HASH_BITS) throw new Error(`sentence model hashBits ${data.hashBits}, features use ${SENTENCE_HASH_BITS}`);
    if (data.rules.join() !== SENTENCE_RULES.join()) throw new Error(`sentence model rules ${data.rules.join()} differ from ${SENTENCE_RULES.join()}`);
    this.rules = SENTENCE_RULES;
    this.k = SENTENCE_RULES.length;
    this.thresholds = Object.fromEntries(SENTENCE_RULES.map((r) => [r, data.thresholds[r] ?? 1])) as Record<SentenceRule, number>;
    this.intercept = Float64Array.from(data.intercept);
    this.scale = data.scale;
    const b = decodeBase64(data.buckets);
    const w = decodeBase64(data.weights);
    for (let i = 0; i < b.byteLength / 4; i++) this.rowOf.set(b.getUint32(i * 4, true), i);
    this.weights = new Int16Array(w.byteLength / 2);
    for (let i = 0; i < this.weights.length; i++) this.weights[i] = w.getInt16(i * 2, true);
    if (this.weights.length !== this.rowOf.size * this.k) throw new Error('sentence model: weights do not match buckets × rules');
  }

  /** P(sentence breaks rule) per rule, in `rules` order. */
  predictVector(v: SentenceVector): Float64Array {
    const z = Float64Array.from(this.intercept);
    for (let j = 0; j < v.indices.length; j++) {
      const row = this.rowOf.get(v.indices[j] as number);
      if (row === undefined) continue;
      const x = (v.values[j] as number) * this.scale;
      for (let c = 0; c < this.k; c++) z[c] = (z[c] as number) + x * (this.weights[row * this.k + c] as number);
    }
    return z.map((s) => 1 / (1 + Math.exp(-s)));
  }

  /** P(sentence breaks rule) per rule. */
  predict(sentence: string): Record<SentenceRule, number> {
    const p = this.predictVector(vectorizeSentence(sentence));
    return Object.fromEntries(this.rules.map((r, i) => [r, p[i] as number])) as Record<SentenceRule, number>;
  }

  /** The rules the model finds in `sentence` (probability at or above the rule's threshold). */
  rulesIn(sentence: string): { rule: SentenceRule; probability: number }[] {
    const p = this.predict(sentence);
    return this.rules.filter((r) => p[r] >= this.thresholds[r]).map((r) => ({ rule: r, probability: p[r] }));
  }
}

/** Standard base64 → bytes with the web-standard `atob` (the core is pure). */
function decodeBase64(s: string): DataView {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return new DataView(out.buffer);
}

/** The committed model, decoded once at module load. */
export const SENTENCE_MODEL = new SentenceModel(MODEL_JSON as SentenceModelData);
