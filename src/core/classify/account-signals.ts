/**
 * Account signals M-S2…M-S8 of POLICY.md §2 (the 职业差评师 profile), read from what the store
 * knows of the customer. M-S1 (off-platform contact) is a text signal and lives in the matcher.
 *
 * Thresholds are the classifier's, not a store's compensation settings: they decide only whether
 * a supervisor should look at the account, never what is offered.
 */
import type { CustomerContext } from '../types.ts';

export type AccountSignal = 'M-S2' | 'M-S3' | 'M-S4' | 'M-S5' | 'M-S6' | 'M-S7' | 'M-S8';

/** An account younger than this is "registered recently" (M-S2, M-S4). */
const NEW_ACCOUNT_DAYS = 30;
/** Share of negative reviews that counts as "nearly all negative" (M-S2, M-S4) / "high" (M-S8). */
const MOSTLY_NEGATIVE = 0.8;
const HIGH_NEGATIVE = 0.7;
/** Enough reviews for a negative share to mean something (M-S4, M-S8). */
const MIN_REVIEWS_FOR_SHARE = 5;
/** Units of one item, or refunds in 90 days, that count as abnormal buying (M-S7). */
const MANY_UNITS = 5;
const MANY_REFUNDS_90D = 5;

/**
 * Weights of each signal in the profile score: M-S3 (paid without chatting) and M-S5 (small shop /
 * promotion item) describe plenty of honest buyers, so they only count half.
 */
export const ACCOUNT_SIGNAL_WEIGHT: Readonly<Record<AccountSignal, number>> = {
  'M-S2': 1, 'M-S3': 0.5, 'M-S4': 1, 'M-S5': 0.5, 'M-S6': 1, 'M-S7': 1, 'M-S8': 1,
};

/** Profile score at which the account itself is suspicious (two full signals). */
export const SUSPICIOUS_PROFILE = 2;

/** Which account signals the customer context shows, in id order. */
export function findAccountSignals(c: CustomerContext | undefined): AccountSignal[] {
  if (!c) return [];
  const found: AccountSignal[] = [];
  const isNew = c.accountAgeDays !== undefined && c.accountAgeDays < NEW_ACCOUNT_DAYS;
  const reviews = c.reviewCount ?? 0;
  const negative = c.negativeReviewRatio ?? 0;
  const shareCounts = reviews >= MIN_REVIEWS_FOR_SHARE;
  if (isNew && (c.reviewCount !== undefined && reviews <= 2 || c.hasAvatar === false || negative >= MOSTLY_NEGATIVE)) found.push('M-S2');
  if (c.chattedBeforePurchase === false) found.push('M-S3');
  if (isNew && shareCounts && negative >= MOSTLY_NEGATIVE) found.push('M-S4');
  if (c.targetsSmallShopOrPromo === true) found.push('M-S5');
  if (c.chatAccountMatchesBuyer === false) found.push('M-S6');
  if ((c.unitsOfOneItem ?? 0) >= MANY_UNITS || (c.refundCount90d ?? 0) >= MANY_REFUNDS_90D) found.push('M-S7');
  if (shareCounts && negative >= HIGH_NEGATIVE) found.push('M-S8');
  return found;
}

/** Weighted profile score of a set of signals. */
export function scoreAccountSignals(signals: readonly AccountSignal[]): number {
  return signals.reduce((sum, s) => sum + ACCOUNT_SIGNAL_WEIGHT[s], 0);
}
