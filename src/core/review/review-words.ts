/**
 * What a review's words mean to the classifier. A review is already public: "差评", "一星",
 * "one star", "1/5, awful" are the rating it gave, not a threat of one, so they are no leverage
 * (POLICY.md §2: a threat is leverage only when it is still to come). The classifier reads them
 * as threats in a chat message ("I'll leave a bad review"), which is right there; for a review
 * they are masked before it reads the text, so a plain one-star review is a normal complaint and
 * not an M-2 case.
 *
 * The review itself turns into leverage when the reviewer offers to take it down or change it,
 * threatens more reviews, or keeps it up "until you pay" (001 5.3.4, 004 3: 职业差评师). Then
 * nothing is masked and the classifier reads the whole text, threat and money alike (M-1).
 * Pure; linear in the text's length.
 */
import { normalizeText } from '../classify/normalize.ts';

/** The review offered for trade, or more reviews threatened. */
const LEVERAGE: readonly RegExp[] = [
  // zh: take it down or change it, add to it, keep it up until paid.
  /删(?:掉|除|了)?(?:这条|这个|我的)?(?:差评|评价|评论|评)|(?:差评|评价|评论)(?:就|才|马上|立刻)?(?:删|撤)|不删|撤(?:回|销)?(?:差评|评价)/,
  /改(?:成|为)?(?:好评|五星|5星)|(?:改|换)(?:评价|评论)|追(?:加)?评|加评|继续(?:差评|给差评|刷)|每个(?:商品|宝贝|产品)|所有(?:商品|宝贝|产品)|满屏差评|天天差评|刷差评/,
  /(?:赔|给|退|转).{0,12}(?:就|才|再)(?:删|改|撤)|不(?:赔|给|退|转).{0,12}(?:就|我就)?(?:继续|一直|永远|再)/,
  // en: delete / remove / change / update / take down the review or rating, more reviews, until paid.
  /\b(?:delete|remove|change|update|edit|withdraw|retract|take down|take off|revise|raise|upgrade)\b.{0,20}\b(?:review|rating|stars?|feedback)\b/,
  /\b(?:review|rating|stars?|feedback)\b.{0,20}\b(?:comes? down|goes away|stays? up|stays?|will stay|remains?)\b/,
  /\b(?:more|another|other|further) (?:\w+ )?(?:reviews?|ratings?)\b|\b(?:every|each|all (?:of )?your) (?:product|item|listing|store|shop)s?\b|\breview bomb/,
  /\buntil (?:you|i get|i am) (?:pay|paid|refund|compensat|send|give)|\bunless you (?:pay|send|give|compensat)/,
];

/** The review's own rating, in the words reviews use. */
const RATING_WORDS: readonly RegExp[] = [
  /(?:中|给|打|给了|打了|一个|个)?差评/g,
  /[零〇一二两三0-3](?:\s*颗)?\s*星/g,
  /(?:零|0|负)\s*分|[一1]\s*分(?![钟钱])/g,
  /\b(?:zero|one|two|half(?: a)?|[0-2](?:\.\d)?)[- ]?stars?\b/g,
  /\b[0-2](?:\.\d)?\s*\/\s*(?:5|10)\b/g,
  /\b(?:bad|negative|poor|low|terrible|awful|honest) (?:review|rating|feedback)s?\b/g,
];

export interface ReviewReading {
  /** The text the classifier reads. */
  text: string;
  /** The review is offered for trade or more reviews are threatened: nothing was masked. */
  leverage: boolean;
  /** The rating words taken out (normalised), for the signals. */
  masked: string[];
}

/** Reads a review's text for the classifier: the rating words masked unless the review is leverage. */
export function readReviewWords(raw: string): ReviewReading {
  const text = normalizeText(raw);
  if (LEVERAGE.some((re) => re.test(text))) return { text: raw, leverage: true, masked: [] };
  const masked: string[] = [];
  let out = text;
  for (const re of RATING_WORDS) {
    out = out.replace(re, (m) => {
      masked.push(m);
      return ' ';
    });
  }
  return masked.length ? { text: out.replace(/\s+/g, ' ').trim(), leverage: false, masked } : { text: raw, leverage: false, masked };
}
