/**
 * Features of one agent sentence for the learned sentence model (sentence-model.ts), the
 * classifier's hashed-feature pattern (src/core/classify/features.ts) applied to what an agent
 * writes. Pure and deterministic; scripts/export-sentence-features.ts writes the same rows for
 * scripts/train_sentence_model.py, so Python never re-implements extraction.
 *
 * - text (unit L2 norm as a block): zh Han character 1–3-grams; en words, word bigrams and
 *   5-letter stems; digit runs folded to "0" so "退您20元" and "退您35元" share grams.
 * - structure (1 each): the cue families the structural rules look for — addressed to the
 *   customer, negation, question, condition, an amount, a review act, value, an off-platform
 *   channel, postage, the seller paying, card secrets — and every structural pattern hit
 *   (`#rp:T-3:blame`), so the model learns how far to trust each one.
 */
import { bucketOf } from '../classify/features.ts';
import { normalizeAgentText } from './normalize-text.ts';
import { readMoney } from './read-money.ts';
import {
  CUSTOMER_PAYS_POSTAGE, EN_CONDITION, EN_NEGATED, OFF_PLATFORM, P3_PATTERNS, REVIEW_ACT_EN, REVIEW_ACT_ZH, SELLER_PAYS, T3_PATTERNS,
  T4_PATTERNS, VALUE_EN, VALUE_ZH, ZH_CONDITION, ZH_NEGATED, ZH_QUESTION,
} from './rule-patterns.ts';

/** The rules the sentence model reads (T-6 stays structural: find-personal.ts reads every form of a datum). */
export const SENTENCE_RULES = ['T-3', 'T-4', 'P-3', 'M-1', '§4'] as const;
export type SentenceRule = (typeof SENTENCE_RULES)[number];

/** Hash space of the sentence model: 2^18 buckets (FNV-1a masked, as the classifier's). */
export const SENTENCE_HASH_BITS = 18;
const MASK = (1 << SENTENCE_HASH_BITS) - 1;
const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0]+/g;
const LATIN_WORD = /[a-z][a-z']*|0/g;
const MAX_TEXT_FEATURES = 1500;

const CUES: readonly [string, RegExp][] = [
  ['you', /您|你|亲|\byou(?:r|'re|'ll)?\b/i],
  ['we', /我们|我|本店|\b(?:we|i|our|us)\b/i],
  ['neg', new RegExp(`${ZH_NEGATED.source}|${EN_NEGATED.source}`, 'i')],
  ['question', new RegExp(`${ZH_QUESTION.source}|\\?`, 'i')],
  ['cond', new RegExp(`${ZH_CONDITION.source}|${EN_CONDITION.source}`, 'i')],
  ['review', new RegExp(`${REVIEW_ACT_ZH.source}|${REVIEW_ACT_EN.source}`, 'i')],
  ['value', new RegExp(`${VALUE_ZH.source}|${VALUE_EN.source}`, 'i')],
  ['offp', OFF_PLATFORM],
  ['postage', /运费|邮费|快递费|寄回|postage|shipping|return label|send(?:ing)? it back/i],
  ['seller_pays', SELLER_PAYS],
  ['customer_pays', new RegExp(CUSTOMER_PAYS_POSTAGE.map((r) => r.source).join('|'), 'i')],
  ['secret', /卡号|银行卡|信用卡|cvv|cvc|安全码|密码|验证码|动态码|有效期|\b(?:card|password|passcode|pin|otp|security code|verification code)\b/i],
  ['mask', /打码|遮住|遮挡|隐去|后四位|尾号|\b(?:hide|blur|mask|cover|last (?:4|four))\b/i],
  ['threat', /举报|起诉|拉黑|黑名单|封号|法律|律师|曝光|\b(?:report|sue|legal|lawyer|ban|blacklist|flag)\w*/i],
  ['blame', /(?:您|你)(?:自己|应该|当时|没有?|是不是)|\byou (?:should|must|probably|clearly|obviously|didn't|did not)\b/i],
];

/** The normalised form the features are taken from: NFKC, no hidden characters, lower case, digit runs as 0. */
export function sentenceForm(sentence: string): string {
  return normalizeAgentText(sentence).toLowerCase().replace(/\d+(?:[.,]\d+)*/g, '0');
}

/** Feature strings of one sentence: text grams, and structure cues. */
export function sentenceFeatures(sentence: string): { text: string[]; structure: string[] } {
  const raw = normalizeAgentText(sentence);
  const t = sentenceForm(sentence);
  const text = new Set<string>();
  for (const run of t.match(HAN_RUN) ?? []) {
    for (let i = 0; i < run.length && text.size < MAX_TEXT_FEATURES; i++) {
      text.add(run[i] as string);
      if (i + 2 <= run.length) text.add(run.slice(i, i + 2));
      if (i + 3 <= run.length) text.add(run.slice(i, i + 3));
    }
  }
  const words = t.replace(HAN_RUN, ' ').match(LATIN_WORD) ?? [];
  for (let i = 0; i < words.length && text.size < MAX_TEXT_FEATURES; i++) {
    const w = words[i] as string;
    text.add(`w:${w}`);
    if (w.length > 5) text.add(`s:${w.slice(0, 5)}`);
    const next = words[i + 1];
    if (next) text.add(`b:${w} ${next}`);
  }
  const structure: string[] = [];
  for (const [name, re] of CUES) if (re.test(raw)) structure.push(`#${name}`);
  if (readMoney(raw).length > 0) structure.push('#amount');
  for (const p of [...T3_PATTERNS, ...T4_PATTERNS, ...P3_PATTERNS]) {
    if (p.re.test(raw) && !(p.unless?.test(raw) ?? false)) structure.push(`#rp:${p.rule}:${p.family}`);
  }
  return { text: [...text], structure: [...new Set(structure)] };
}

/** A sparse vector: sorted distinct bucket indices and their values. */
export interface SentenceVector {
  indices: number[];
  values: number[];
}

/** The hashed vector of a sentence: text block at unit L2 norm, structure at 1 each. */
export function vectorizeSentence(sentence: string): SentenceVector {
  const f = sentenceFeatures(sentence);
  const acc = new Map<number, number>();
  const textValue = f.text.length > 0 ? 1 / Math.sqrt(f.text.length) : 0;
  for (const s of f.text) {
    const b = bucketOf(s) & MASK;
    acc.set(b, (acc.get(b) ?? 0) + textValue);
  }
  for (const s of f.structure) {
    const b = bucketOf(s) & MASK;
    acc.set(b, (acc.get(b) ?? 0) + 1);
  }
  const indices = [...acc.keys()].sort((a, b) => a - b);
  return { indices, values: indices.map((i) => acc.get(i) as number) };
}
