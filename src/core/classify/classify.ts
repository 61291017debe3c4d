/**
 * The classifier: a customer's message (+ what the store knows of the account) → category,
 * subtype, confidence, secondary categories and the signals behind them (CONTRACT.md
 * `settle classify`, POLICY.md §1–§2). Deterministic, offline, pure, linear in message length.
 *
 * How, in order:
 * 1. Malicious is judged first from POLICY.md §2 signals (judge-malicious.ts): it is about *how*
 *    the customer asks, not *what* went wrong.
 * 2. Weighted lexicon phrases score every subtype; the best category wins when its evidence is
 *    clear (explained by `zh:…` / `en:…` signals).
 * 3. Where the lexicon finds no dispute evidence and no pre-sales cue, a naive Bayes model over
 *    character/word n-grams (trained at build time) may name the subtype, with a capped
 *    confidence and `nb:` signals. It never decides `malicious`.
 * 4. Otherwise `other`: a human takes it.
 */
import type { Category, Classification, ClassifyInput, DisputeCategory, Subtype } from '../types.ts';
import { categoryOf } from '../types.ts';
import { findAccountSignals, scoreAccountSignals, SUSPICIOUS_PROFILE } from './account-signals.ts';
import { detectLang } from './detect-lang.ts';
import { judgeMalicious } from './judge-malicious.ts';
import { disputeConfidence, otherConfidence, rankCategories, round2, type Standing } from './lexicon-scores.ts';
import { matchEvidence, type Evidence } from './match-evidence.ts';
import { NaiveBayes } from './naive-bayes.ts';
import { NB_MODEL } from './nb-model.generated.ts';
import { normalizeText } from './normalize.ts';

/** A subtype needs this much lexicon evidence to be a dispute at all (one phrase that names it). */
export const MIN_DISPUTE_SCORE = 2.5;
/** Below this confidence the answer is `other`: a human looks, no offer is drafted. */
export const MIN_CONFIDENCE = 0.35;
/** The model's posterior needed to name a subtype the lexicon missed. */
export const MIN_MODEL_PROBABILITY = 0.6;
/** A model-only answer never claims more confidence than this: it has no phrase to show. */
const MAX_MODEL_CONFIDENCE = 0.7;
/** Most signals reported; a 20 000-char rant must not produce a 2 000-entry list. */
const MAX_SIGNALS = 16;
const MALICIOUS_CONFIDENCE = { extortion: 0.9, off_platform: 0.88, serial_abuse: 0.8, pro_bad_reviewer: 0.75 } as const;
const MALICIOUS_CUES = ['threat', 'cash', 'money', 'bribe', 'channel', 'intent', 'offp', 'legal', 'refuse', 'repeat'];

const MODEL = new NaiveBayes(NB_MODEL);
const MIN_MODEL_HAN = 6;
const MIN_MODEL_WORDS = 4;
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/g;
const LATIN_WORD = /[a-z]+/g;

/** Which deciders run; `classify` uses both. The training script compares the three settings. */
export interface ClassifyOptions {
  lexicon: boolean;
  model: boolean;
}

/** Classifies one message. Never throws; an empty message is `other`. */
export function classify(input: ClassifyInput): Classification {
  return classifyWith(input, { lexicon: true, model: true });
}

/** `classify` with a choice of deciders (for the build-time comparison). */
export function classifyWith(input: ClassifyInput, options: ClassifyOptions): Classification {
  const lang = input.lang ?? detectLang(input.text);
  const text = normalizeText(input.text);
  const evidence = matchEvidence(text);
  const ranked = rankCategories(evidence);
  const top = ranked[0] as Standing;
  const account = findAccountSignals(input.customer);
  const suspicious = scoreAccountSignals(account) >= SUSPICIOUS_PROFILE;
  const price = ranked.find((r) => r.category === 'price') as Standing;
  const secondaryOf = (primary: Category): DisputeCategory[] => {
    const s: DisputeCategory[] = ranked.filter((r) => r.category !== primary && r.score >= MIN_DISPUTE_SCORE).map((r) => r.category);
    return suspicious && primary !== 'malicious' ? [...s, 'malicious'] : s;
  };
  const acct = suspicious ? account.map((s) => `acct:${s}`) : [];

  const verdict = judgeMalicious({ text, evidence, account, concrete: top.score >= MIN_DISPUTE_SCORE, priceDispute: price.score >= MIN_DISPUTE_SCORE });
  if (verdict) {
    return {
      category: 'malicious', subtype: verdict.subtype, confidence: MALICIOUS_CONFIDENCE[verdict.subtype],
      secondary: secondaryOf('malicious'), signals: collectSignals(verdict.signals, evidence, MALICIOUS_CUES), lang,
    };
  }

  const otherScore = evidence.score.get('other') ?? 0;
  if (options.lexicon) {
    const confidence = disputeConfidence(top.score, Math.max(ranked[1]?.score ?? 0, otherScore));
    if (top.score >= MIN_DISPUTE_SCORE && otherScore < top.score && confidence >= MIN_CONFIDENCE) {
      const secondary = secondaryOf(top.category);
      const secondarySubtypes = ranked.filter((r) => secondary.includes(r.category)).map((r) => r.subtype);
      return { category: top.category, subtype: top.subtype, confidence, secondary, signals: collectSignals(acct, evidence, [top.subtype, ...secondarySubtypes]), lang };
    }
  }
  // The model speaks only where the lexicon is silent (no dispute phrase, no real pre-sales cue —
  // a greeting like "你好"/"hello" weighs under 2 and does not count), on a message long enough to
  // judge, and not when the customer threatens without naming a problem: "我要给差评" over
  // nothing we can see is for a human to read.
  const silent = !options.lexicon || (top.score < MIN_DISPUTE_SCORE && otherScore < 2 && !evidence.score.has('threat') && !evidence.score.has('noproblem'));
  if (options.model && silent && isLongEnough(text)) {
    const p = MODEL.predict(text);
    if (p.label !== 'other' && p.probability >= MIN_MODEL_PROBABILITY && p.known >= 2) {
      const subtype = p.label as Subtype;
      const category = categoryOf(subtype);
      const secondary = suspicious ? (['malicious'] as DisputeCategory[]) : [];
      const signals = [...acct, 'nb-fallback', `nb:${subtype}`, ...p.evidence.map((f) => `nb:${f}`)];
      return { category, subtype, confidence: round2(Math.min(MAX_MODEL_CONFIDENCE, p.probability * 0.75)), secondary, signals, lang };
    }
  }
  const reason = top.score >= MIN_DISPUTE_SCORE && otherScore < top.score ? 'low-confidence' : otherScore > 0 ? 'not-a-dispute' : 'no-dispute-evidence';
  return { category: 'other', subtype: '', confidence: otherConfidence(otherScore, top.score), secondary: [], signals: collectSignals([reason], evidence, ['other']), lang };
}

/** Enough words to guess from: 6 Han characters or 4 Latin words. */
function isLongEnough(text: string): boolean {
  return (text.match(HAN) ?? []).length >= MIN_MODEL_HAN || (text.match(LATIN_WORD) ?? []).length >= MIN_MODEL_WORDS;
}

function collectSignals(decisive: readonly string[], evidence: Evidence, targets: readonly string[]): string[] {
  const out = new Set<string>(decisive);
  for (const t of targets) {
    for (const s of evidence.signals.get(t as never) ?? []) {
      if (out.size >= MAX_SIGNALS) return [...out];
      out.add(s);
    }
  }
  return [...out];
}
