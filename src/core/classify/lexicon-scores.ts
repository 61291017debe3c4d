/**
 * From lexicon evidence to per-category standings: subtype scores (with the promo_delay
 * combination rule), the best subtype of each legitimate category, and a confidence that grows
 * with the evidence and shrinks when the runner-up is close.
 */
import type { DisputeCategory, Subtype } from '../types.ts';
import { DISPUTE_CATEGORIES, SUBTYPES } from '../types.ts';
import type { Evidence } from './match-evidence.ts';

export type LegitCategory = Exclude<DisputeCategory, 'malicious'>;
export const LEGIT_CATEGORIES: readonly LegitCategory[] = ['logistics', 'quality', 'price'];
export type Standing = { category: LegitCategory; subtype: Subtype; score: number };

const DELAY_SUBTYPES: readonly Subtype[] = ['not_shipped', 'not_received', 'tracking_anomaly', 'no_tracking'];

/** Best subtype per legitimate category, strongest category first. Adds the promo+delay signal. */
export function rankCategories(evidence: Evidence): Standing[] {
  const scores = scoreSubtypes(evidence);
  return LEGIT_CATEGORIES.map((category) => {
    let subtype: Subtype = SUBTYPES[category][0];
    let score = -1;
    for (const s of SUBTYPES[category]) {
      const v = scores.get(s) ?? 0;
      if (v > score) [subtype, score] = [s, v];
    }
    return { category, subtype, score };
  }).sort((a, b) => b.score - a.score);
}

/** promo_delay is a sales event *and* a delay: either alone says nothing. */
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

/** Grows with the evidence, shrinks when the runner-up is close. */
export function disputeConfidence(top: number, runnerUp: number): number {
  if (top <= 0) return 0;
  const strength = 1 - Math.exp(-top / 2.5);
  const margin = Math.max(0, top - runnerUp) / top;
  return round2(Math.min(0.99, strength * (0.55 + 0.45 * margin)));
}

/** How sure we are it is not a dispute: pre-sales cues raise it, stray dispute words lower it. */
export function otherConfidence(otherScore: number, disputeScore: number): number {
  if (otherScore <= 0 && disputeScore <= 0) return 0.5;
  return round2(Math.min(0.99, Math.max(0.3, 1 - Math.exp(-(otherScore + 1) / 2.5) - disputeScore / 20)));
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
