/**
 * The classifier: a customer's message (+ what the store knows of the account) → category,
 * subtype, confidence, secondary categories and the signals behind them (CONTRACT.md
 * `settle classify`, POLICY.md §1–§2). Deterministic, offline, pure, linear in message length.
 *
 * How: weighted lexicon phrases give each subtype a score; the best category wins, unless the
 * message reads as a pre-sales question or thanks, or the evidence is too thin — then it is
 * `other` and a human takes it. Malicious is judged separately (judge-malicious.ts) because it is
 * about *how* the customer asks, not *what* went wrong.
 */
import type { Category, Classification, ClassifyInput, DisputeCategory, Subtype } from '../types.ts';
import { DISPUTE_CATEGORIES, SUBTYPES } from '../types.ts';
import { findAccountSignals, scoreAccountSignals, SUSPICIOUS_PROFILE } from './account-signals.ts';
import { detectLang } from './detect-lang.ts';
import { judgeMalicious } from './judge-malicious.ts';
import { matchEvidence, type Evidence } from './match-evidence.ts';
import { normalizeText } from './normalize.ts';

/** A subtype needs this much evidence to be a dispute at all (one phrase that names the problem). */
export const MIN_DISPUTE_SCORE = 2.5;
/** Below this confidence the answer is `other`: a human looks, no offer is drafted. */
export const MIN_CONFIDENCE = 0.35;
/** Most signals reported; a 20 000-char rant must not produce a 2 000-entry list. */
const MAX_SIGNALS = 16;
/** Confidence of each malicious verdict: how specific its evidence is. */
const MALICIOUS_CONFIDENCE = { extortion: 0.9, off_platform: 0.88, serial_abuse: 0.8, pro_bad_reviewer: 0.75 } as const;
const DELAY_SUBTYPES: readonly Subtype[] = ['not_shipped', 'not_received', 'tracking_anomaly', 'no_tracking'];
const LEGIT_CATEGORIES = DISPUTE_CATEGORIES.filter((c) => c !== 'malicious');

/** Classifies one message. Never throws; an empty message is `other`. */
export function classify(input: ClassifyInput): Classification {
  const lang = input.lang ?? detectLang(input.text);
  const text = normalizeText(input.text);
  const evidence = matchEvidence(text);
  const subtypeScore = scoreSubtypes(evidence);
  const best = bestPerCategory(subtypeScore);
  const ranked = LEGIT_CATEGORIES.map((c) => ({ category: c, ...best[c] })).sort((a, b) => b.score - a.score);
  const top = ranked[0] as (typeof ranked)[number];
  const account = findAccountSignals(input.customer);
  const secondaryOf = (primary: Category): DisputeCategory[] =>
    ranked.filter((r) => r.category !== primary && r.score >= MIN_DISPUTE_SCORE).map((r) => r.category);

  const verdict = judgeMalicious({ text, evidence, account, concrete: top.score >= MIN_DISPUTE_SCORE, priceDispute: best.price.score >= MIN_DISPUTE_SCORE });
  if (verdict) {
    return {
      category: 'malicious', subtype: verdict.subtype, confidence: MALICIOUS_CONFIDENCE[verdict.subtype],
      secondary: secondaryOf('malicious'), signals: collectSignals(verdict.signals, evidence, ['threat', 'cash', 'money', 'bribe', 'channel', 'intent', 'offp', 'legal', 'refuse', 'repeat']), lang,
    };
  }

  const otherScore = evidence.score.get('other') ?? 0;
  const runnerUp = Math.max(ranked[1]?.score ?? 0, otherScore);
  const confidence = disputeConfidence(top.score, runnerUp);
  if (top.score < MIN_DISPUTE_SCORE || otherScore >= top.score || confidence < MIN_CONFIDENCE) {
    const reason = top.score < MIN_DISPUTE_SCORE ? (otherScore > 0 ? 'not-a-dispute' : 'no-dispute-evidence') : otherScore >= top.score ? 'not-a-dispute' : 'low-confidence';
    return {
      category: 'other', subtype: '', confidence: otherConfidence(otherScore, top.score), secondary: [],
      signals: collectSignals([reason], evidence, ['other']), lang,
    };
  }

  const secondary = secondaryOf(top.category);
  const suspicious = scoreAccountSignals(account) >= SUSPICIOUS_PROFILE;
  if (suspicious) secondary.push('malicious');
  return {
    category: top.category, subtype: top.subtype, confidence, secondary,
    signals: collectSignals(suspicious ? account.map((s) => `acct:${s}`) : [], evidence, [top.subtype, ...secondary.map((c) => best[c as Exclude<DisputeCategory, 'malicious'>]?.subtype).filter((s): s is Subtype => !!s)]),
    lang,
  };
}

/** Subtype scores; promo_delay gets its combination rule (a sales event + a delay). */
function scoreSubtypes(evidence: Evidence): Map<Subtype, number> {
  const scores = new Map<Subtype, number>();
  for (const c of DISPUTE_CATEGORIES) for (const s of SUBTYPES[c]) scores.set(s, evidence.score.get(s) ?? 0);
  const promo = evidence.score.get('promo') ?? 0;
  const delay = evidence.score.get('delay') ?? 0;
  const delayed = DELAY_SUBTYPES.some((s) => (scores.get(s) ?? 0) > 0);
  if (promo > 0 && (delay > 0 || delayed)) {
    scores.set('promo_delay', (scores.get('promo_delay') ?? 0) + 3 + (delay > 0 ? 1 : 0));
    evidence.signals.set('promo_delay', [...(evidence.signals.get('promo_delay') ?? []), 'promo+delay', ...(evidence.signals.get('promo') ?? [])]);
  }
  return scores;
}

type Best = Record<Exclude<DisputeCategory, 'malicious'>, { subtype: Subtype; score: number }>;

function bestPerCategory(scores: Map<Subtype, number>): Best {
  const pick = (c: Exclude<DisputeCategory, 'malicious'>): { subtype: Subtype; score: number } => {
    let subtype: Subtype = SUBTYPES[c][0];
    let score = -1;
    for (const s of SUBTYPES[c]) {
      const v = scores.get(s) ?? 0;
      if (v > score) [subtype, score] = [s, v];
    }
    return { subtype, score };
  };
  return { logistics: pick('logistics'), quality: pick('quality'), price: pick('price') };
}

/** Grows with the evidence, shrinks when the runner-up is close. */
function disputeConfidence(top: number, runnerUp: number): number {
  if (top <= 0) return 0;
  const strength = 1 - Math.exp(-top / 2.5);
  const margin = Math.max(0, top - runnerUp) / top;
  return round2(Math.min(0.99, strength * (0.55 + 0.45 * margin)));
}

function otherConfidence(otherScore: number, disputeScore: number): number {
  if (otherScore <= 0 && disputeScore <= 0) return 0.5;
  return round2(Math.min(0.99, Math.max(0.3, 1 - Math.exp(-(otherScore + 1) / 2.5) - disputeScore / 20)));
}

function collectSignals(decisive: readonly string[], evidence: Evidence, targets: readonly (string | undefined)[]): string[] {
  const out = new Set<string>(decisive);
  for (const t of targets) {
    for (const s of evidence.signals.get(t as never) ?? []) {
      if (out.size >= MAX_SIGNALS) return [...out];
      out.add(s);
    }
  }
  return [...out];
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
