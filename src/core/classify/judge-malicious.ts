/**
 * POLICY.md §2: when a message is malicious. The line drawn here is the one the seeds draw
 * (001 5.4.3 vs 5.4.4): anger, threats of a bad review, 投诉 or 12315 are a normal complaint as long
 * as what the customer wants is a remedy (refund, reship, repair). It turns malicious when the
 * threat is tied to a money demand, when the customer pulls the talk off the platform, when a
 * legal-sounding threat comes with no concrete problem, or when the customer announces a
 * buy-then-refund pattern or refuses every remedy.
 */
import type { Subtype } from '../types.ts';
import type { AccountSignal } from './account-signals.ts';
import { SUSPICIOUS_PROFILE, scoreAccountSignals } from './account-signals.ts';
import type { Evidence } from './match-evidence.ts';

/**
 * An amount of money: "200块", "五十元", "$50", "30 dollars". One Chinese digit with 块 is money only
 * before 钱, a particle or the end of a phrase ("两块钱", "给我五块吧"): "一块硬币大小的污渍" is a piece, not a
 * yuan; a larger number ("五十块", "两千块营养费") is money.
 * Bounded repeats keep it linear.
 */
const AMOUNT = /\d{1,7}(?:\.\d{1,2})? ?(?:块|元|刀)|[一二两三四五六七八九十百千]{1,6} ?(?:元|刀)|[一二两三四五六七八九十百千]{2,6} ?块|[一二两三四五六七八九十] ?块(?:钱|$|(?![\u4e00-\u9fff])|(?=[吧啊呢了不就]))|\d{1,7}(?:\.\d{1,2})? ?(?:rmb|usd|dollars?|eur|euros?|bucks)\b|[$¥€£] ?\d/;
/** A Chinese money verb directly followed by a number: "转我300", "不赔我500", "赔我一千", "打500到我账户". */
const VERB_AMOUNT = /(?:给我|转我|赔我|补我|返我|赔偿|补偿)(?:个|了)? ?(?:\d{2}|[一二两三四五六七八九十][十百千万])|(?:打|转)\d{2,5} ?(?:块|元|到|过来|给我)/;

/** A sum named with a number after a demand word: "至少三百", "一口价,800", "say 50 bucks". */
const NUMBER_AFTER = /(?:至少|一口价|给个|给我个)[,, ]?(?:\d{2}|[一二两三四五六七八九][十百千])|\b\d{2,5} ?(?:bucks|quid)\b/;

/** The message names a sum of money ("200块", "$50", "至少三百"). */
export function mentionsAmount(text: string): boolean {
  return AMOUNT.test(text) || NUMBER_AFTER.test(text);
}

export interface MaliciousVerdict {
  subtype: Extract<Subtype, 'extortion' | 'pro_bad_reviewer' | 'off_platform' | 'serial_abuse'>;
  signals: string[];
}

export interface MaliciousContext {
  /** Normalised message text. */
  text: string;
  evidence: Evidence;
  account: readonly AccountSignal[];
  /** The message names a concrete product/delivery/price problem. */
  concrete: boolean;
  /** The message is a price dispute: its amounts are the disputed difference, not a demand. */
  priceDispute: boolean;
  /** A demand out of proportion to the remedy (refund and keep it, refund plus a replacement or compensation). */
  disproportionate?: boolean;
  /** Every remedy refused: the lexicon's phrases or two remedies refused one by one (features.ts). */
  refusesAll?: boolean;
}

/** The malicious subtype, with the signals that decided it, or null for a legitimate message. */
export function judgeMalicious(ctx: MaliciousContext): MaliciousVerdict | null {
  const has = (cue: Parameters<Evidence['score']['get']>[0]): boolean => (ctx.evidence.score.get(cue) ?? 0) > 0;
  const amount = mentionsAmount(ctx.text);
  // "给我退30块差价" names the remedy of a price dispute; "赔我300" with no price problem is a demand.
  // A money verb glued to a number ("转我300", "打500") is a demand on its own.
  const moneyDemand = has('cash') || (!ctx.priceDispute && (VERB_AMOUNT.test(ctx.text) || (has('money') && amount)));
  const threat = has('threat');
  const suspicious = scoreAccountSignals(ctx.account) >= SUSPICIOUS_PROFILE;
  const acct = ctx.account.map((s) => `acct:${s}`);

  if ((threat || has('bribe')) && moneyDemand) return { subtype: 'extortion', signals: [threat ? 'threat+money' : 'review-for-money', ...acct] };
  if (has('offp') || (has('channel') && has('intent'))) return { subtype: 'off_platform', signals: ['off-platform', 'M-S1', ...acct] };
  const refuses = ctx.refusesAll ?? has('refuse');
  if (has('repeat') || (refuses && (threat || ctx.account.includes('M-S7')))) {
    return { subtype: 'serial_abuse', signals: [has('repeat') ? 'buy-refund-repeat' : 'refuses-all-remedies', ...acct] };
  }
  if (has('legal') && !ctx.concrete) return { subtype: 'pro_bad_reviewer', signals: ['legal-threat-no-problem', ...acct] };
  if (suspicious && (moneyDemand || has('legal') || ctx.disproportionate === true)) return { subtype: 'pro_bad_reviewer', signals: ['profile+demand', ...acct] };
  if (suspicious && threat && !ctx.concrete) return { subtype: 'pro_bad_reviewer', signals: ['profile+threat', ...acct] };
  return null;
}
