/**
 * The classifier: a customer's message (+ what the store knows of the account) → category,
 * subtype, confidence, secondary categories and the signals behind them (CONTRACT.md
 * `settle classify`, POLICY.md §1–§2). Deterministic, offline, pure, linear in message length.
 *
 * A learned model decides (linear-model.ts: multinomial logistic regression over the features of
 * features.ts — character/word n-grams, lexicon hits, account signals, the malicious frames of
 * POLICY.md §2). A category's probability is the sum of its subtypes'; the most probable category
 * wins and its most probable subtype names the case. A dispute under `minConfidence` (the
 * playbook's, calibrated by cross-validation on the training corpus) is `other`: a human takes it.
 * Before the model, judge-malicious.ts's structural verdict (POLICY.md §2: threat tied to money,
 * off-platform, announced buy-then-refund, legal threat over nothing) decides `malicious` on its
 * own — precision first; the verdict is also one of the model's features.
 * The same rules are scripts/train_classifier.py's, so its cross-validated and leave-one-author-out
 * figures are this function's.
 */
import type { Category, Classification, ClassifyInput, DisputeCategory, Subtype } from '../types.ts';
import { DISPUTE_CATEGORIES, SUBTYPES } from '../types.ts';
import { findAccountSignals, scoreAccountSignals, SUSPICIOUS_PROFILE } from './account-signals.ts';
import { detectLang } from './detect-lang.ts';
import { bucketOf, extractFeatures, type MessageFeatures } from './features.ts';
import { MODEL } from './linear-model.ts';

/** The model's calibrated threshold (playbooks/store.json `store.minConfidence` carries the same value). */
export const MODEL_MIN_CONFIDENCE = MODEL.minConfidence;
/** Another category this probable is a second concern (`secondary`). */
const SECONDARY_PROBABILITY = 0.2;
/** `malicious` as a second concern needs more (M-2 sends the case to a supervisor first) — or a suspicious account. */
const SECONDARY_MALICIOUS = 0.4;
/** Lexicon evidence that names a second concern on its own ("…late and the zipper is broken"). */
const SECONDARY_LEXICON_SCORE = 2.5;
/** Most signals reported; a 20 000-char rant must not produce a 2 000-entry list. */
const MAX_SIGNALS = 16;
/** Top contributing model features reported. */
const TOP_FEATURES = 5;

export interface ClassifyOptions {
  /** Below this the answer is `other` (default: the model's calibrated value). */
  minConfidence?: number;
}

const CLASS_INDEX = new Map(MODEL.classes.map((c, i) => [c, i]));
/** The category of each model class, in class order. */
const CLASS_CATEGORY: readonly Category[] = MODEL.classes.map((c) => (c === 'other' ? 'other' : categoryOfClass(c)));
const CATEGORY_ORDER: readonly Category[] = [...DISPUTE_CATEGORIES, 'other'];

/** Probabilities of the five categories, and of every class, for one message. */
export interface Reading {
  category: Record<Category, number>;
  classes: Float64Array;
}

/** A message's features with their hash buckets (computed once: the vector and the signals use them). */
interface Hashed {
  features: MessageFeatures;
  structure: string[];
  /** Weight-table rows (-1: none) and values: text features first, then distinct structure features. */
  rows: number[];
  values: number[];
}

/** The model's raw reading of a message, before the threshold (for evaluation and tests). */
export function readMessage(input: ClassifyInput): { reading: Reading; features: MessageFeatures; hashed: Hashed } {
  const features = extractFeatures(input);
  const structure = [...new Set(features.structure)];
  // Each feature adds its value × its bucket's weights; colliding buckets add, as in training.
  const textValue = features.text.length > 0 ? 1 / Math.sqrt(features.text.length) : 0;
  const rows: number[] = [];
  const values: number[] = [];
  for (const f of features.text) {
    rows.push(MODEL.rowOf(bucketOf(f)));
    values.push(textValue);
  }
  for (const f of structure) {
    rows.push(MODEL.rowOf(bucketOf(f)));
    values.push(1);
  }
  const hashed = { features, structure, rows, values };
  const classes = MODEL.predictRows(rows, values);
  const category = { logistics: 0, quality: 0, price: 0, malicious: 0, other: 0 } as Record<Category, number>;
  for (let i = 0; i < CLASS_CATEGORY.length; i++) category[CLASS_CATEGORY[i] as Category] += classes[i] as number;
  return { reading: { category, classes }, features, hashed };
}

function categoryOfClass(c: string): DisputeCategory {
  for (const cat of DISPUTE_CATEGORIES) if ((SUBTYPES[cat] as readonly string[]).includes(c)) return cat;
  throw new Error(`classifier model has an unknown class ${c}`);
}

/** Classifies one message. Never throws; an empty message is `other`. */
export function classify(input: ClassifyInput, options: ClassifyOptions = {}): Classification {
  const lang = input.lang ?? detectLang(input.text);
  const minConfidence = options.minConfidence ?? MODEL_MIN_CONFIDENCE;
  const { reading, features, hashed } = readMessage(input);
  const p = reading.category;
  // Without any sign of leverage or abuse, `malicious` is not a reading (LABELLING.md 7, 9); the
  // model's own confident reading counts as one (veiled and account-only malice has no fixed words).
  // LABELLING.md 7, anger is not malice: a threat over a real problem asking only the normal
  // remedy keeps its real category (malicious is its secondary, M-2), whatever the model reads.
  const realProblem = Math.max(p.logistics, p.quality, p.price);
  const remedyOnly = MODEL.remedyRule && (features.remedyOnly || (features.remedyCandidate && realProblem >= MODEL.remedyModelMin));
  const maliceEvidence = (features.maliceEvidence || p.malicious >= MODEL.maliceModelMin) && !remedyOnly;
  let best: Category = 'other';
  for (const c of CATEGORY_ORDER) if (p[c] > p[best] && (c !== 'malicious' || maliceEvidence)) best = c;

  const account = findAccountSignals(input.customer);
  const suspicious = scoreAccountSignals(account) >= SUSPICIOUS_PROFILE;
  const acct = suspicious ? account.map((s) => `acct:${s}`) : [];
  const ranked = features.ranked;
  const secondaryOf = (primary: DisputeCategory): DisputeCategory[] => DISPUTE_CATEGORIES.filter((c) => c !== primary && (
    (c === 'malicious' ? suspicious || features.threat || p[c] >= SECONDARY_MALICIOUS : p[c] >= SECONDARY_PROBABILITY)
    || (c !== 'malicious' && (ranked.find((r) => r.category === c)?.score ?? 0) >= SECONDARY_LEXICON_SCORE)
  ));

  // POLICY.md §2 structure, precision first: threat tied to money, off-platform, announced
  // buy-then-refund, a legal threat over nothing — judge-malicious.ts's verdict decides, unless
  // the model all but rules malice out ("the heater trips every time" is not a serial pattern).
  const verdict = features.verdict;
  if (verdict && MODEL.ruleOverrides.has(verdict.subtype) && p.malicious >= MODEL.verdictModelMin && !remedyOnly) {
    const signals = [...new Set([...verdict.signals, ...account.map((s) => `acct:${s}`), ...topFeatures(hashed, CLASS_INDEX.get(verdict.subtype) ?? -1), ...cueSignals(features)])];
    return { category: 'malicious', subtype: verdict.subtype, confidence: round2(Math.max(p.malicious, MODEL.ruleConfidence)), secondary: secondaryOf('malicious'), signals: signals.slice(0, MAX_SIGNALS), lang };
  }

  if (best === 'other' || p[best] < minConfidence || features.tooShort) {
    const why = features.tooShort ? 'too-short' : best === 'other' ? (features.evidence.score.has('other') ? 'not-a-dispute' : 'no-dispute-evidence') : 'low-confidence';
    const signals = [why, ...topFeatures(hashed, MODEL.classes.indexOf('other'))];
    return { category: 'other', subtype: '', confidence: round2(p.other), secondary: [], signals: signals.slice(0, MAX_SIGNALS), lang };
  }

  let subtype = SUBTYPES[best][0] as Subtype;
  for (const s of SUBTYPES[best]) {
    const i = CLASS_INDEX.get(s);
    const j = CLASS_INDEX.get(subtype);
    if (i !== undefined && (j === undefined || (reading.classes[i] as number) > (reading.classes[j] as number))) subtype = s;
  }
  const lexicon = features.evidence.signals.get(subtype) ?? [];
  const malicious = best === 'malicious' ? [...account.map((s) => `acct:${s}`), ...cueSignals(features)] : acct;
  const signals = [...new Set([...malicious, ...topFeatures(hashed, CLASS_INDEX.get(subtype) as number), ...lexicon])];
  return { category: best, subtype, confidence: round2(p[best]), secondary: secondaryOf(best), signals: signals.slice(0, MAX_SIGNALS), lang };
}

/** The malicious frames and cues the message shows (`frame:threat+beyond`, `zh:差评` …). */
function cueSignals(features: MessageFeatures): string[] {
  const frames = features.structure.filter((s) => s.startsWith('#frame:')).map((s) => s.slice(1));
  const cues = (['threat', 'cash', 'money', 'bribe', 'channel', 'intent', 'offp', 'legal', 'refuse', 'repeat'] as const).flatMap((c) => features.evidence.signals.get(c) ?? []);
  return [...frames, ...cues];
}

/**
 * The features that pushed class `c` most (weight × value), as `m:<feature>`: Han n-grams as
 * they are, `w:`/`b:`/`s:` words, bigrams and stems, `#…` structure.
 */
function topFeatures(h: Hashed, c: number): string[] {
  if (c < 0) return [];
  // The TOP_FEATURES largest contributions, kept sorted in a small array (no sort of every feature).
  const top: { i: number; v: number }[] = [];
  const nText = h.features.text.length;
  const nameOf = (i: number): string => (i < nText ? (h.features.text[i] as string) : (h.structure[i - nText] as string));
  for (let i = 0; i < h.rows.length; i++) {
    const row = h.rows[i] as number;
    if (row < 0) continue;
    const v = (h.values[i] as number) * MODEL.weight(row, c);
    if (v <= 0 || (top.length === TOP_FEATURES && v <= (top[TOP_FEATURES - 1] as { v: number }).v)) continue;
    let at = top.length;
    while (at > 0 && (top[at - 1] as { v: number }).v < v) at--;
    top.splice(at, 0, { i, v });
    if (top.length > TOP_FEATURES) top.pop();
  }
  return top.map((t) => `m:${nameOf(t.i)}`);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
