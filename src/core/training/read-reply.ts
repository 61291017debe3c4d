/**
 * Reads what a trainee's reply does: shows empathy, asks, commits, proposes offers, promises
 * money. Pure text inspection shared by the scripted customer and the scorer, so both judge a
 * reply alike.
 */
import { toMinor } from '../money.ts';
import { parseChineseNumeral, readMoney } from '../read-agent/read-money.ts';
import type { OfferKind, Order } from '../types.ts';
import {
  COMMIT_ACTION, COMMIT_TIME, EMPATHY, ESCALATE, EVIDENCE, FEELING, FOLLOW_UP, OFFER_WORDS, POSTAGE_CONTEXT, QUESTION,
} from './lexicon.ts';

/** Curly apostrophes → straight ones, so the guard's "don't" also catches "don’t"; case and width kept for quoting. */
export function foldApostrophes(text: string): string {
  return text.replace(/[\u2018\u2019]/g, "'");
}

/** Lower case, full-width folded (NFKC), so one pattern serves ＡＢＣ, ？ and ￥ alike. */
export function normaliseText(text: string): string {
  // Curly apostrophes (typed on phones and Macs) read like straight ones: "I’ll" is "I'll".
  return text.normalize('NFKC').replace(/[\u2018\u2019]/g, "'").toLowerCase();
}

/** Sentences (Chinese and Western punctuation), for quoting and for "what comes first". */
export function splitSentences(text: string): string[] {
  return text.split(/(?<=[。!！?？；;\n])|(?<=\.)\s+/).map((s) => s.trim()).filter(Boolean);
}

/** Money a reply promises to give, in minor units, with the words that promise it. */
export interface MoneyPromise {
  amountMinor: number;
  quote: string;
  /** Offer kinds named in the same sentence ("补偿" → partial_refund, "优惠券" → coupon). */
  kinds: OfferKind[];
}

/** What one reply does. */
export interface ReplyReading {
  empathy: boolean;
  /** Empathy in the first sentence (T-1: empathy first). */
  empathyFirst: boolean;
  /** The customer's feeling or what the problem cost them named, or the fault owned — more than a bare "sorry". */
  feeling: boolean;
  question: boolean;
  commitTime: boolean;
  commitAction: boolean;
  followUp: boolean;
  offers: OfferKind[];
  evidence: boolean;
  escalate: boolean;
  money: MoneyPromise[];
}

/** 五十 → 50, 一百二十 → 120, 十五 → 15: the agent reader's Chinese numeral parser (大写 too). */
export function parseChineseNumber(s: string): number | undefined {
  return parseChineseNumeral(s);
}

const FULL_REFUND = /全额退款|全额退|退全款|全款退|全部退款|full refund|refund (you )?in full|refund the (full|whole|entire) (amount|order)|refund everything/;
const PERCENT = /(\d+(?:\.\d+)?)\s*%/g;
/** A refusal: "we can't send $60" promises nothing. */
const REFUSING = /不能|无法|不会|不可以|没法|拒绝|不予|can't|cannot|can not|won't|will not|unable|not able|refuse|no (cash|money|refund)/;
/** Money is "given" when one of these is near the amount: not a price quoted back, not postage. */
const GIVING = /退|补偿|赔|返|给您|送您|转|红包|券|优惠|减|refund|compensat|credit|coupon|voucher|give you|pay you|send you|transfer|off|back/;

/**
 * Money a reply promises: "退您50元", "refund $20", "全额退款" (the order total), "退30%" (of the
 * total). Amounts about postage or with no giving word nearby are not promises.
 */
export function findMoneyPromises(text: string, order?: Order): MoneyPromise[] {
  const currency = order?.currency ?? 'CNY';
  const out: MoneyPromise[] = [];
  for (const sentence of splitSentences(normaliseText(text))) {
    if (POSTAGE_CONTEXT.test(sentence) || REFUSING.test(sentence) || !GIVING.test(sentence)) continue;
    const kinds = findOfferKinds(sentence);
    if (FULL_REFUND.test(sentence) && order) {
      out.push({ amountMinor: order.totalMinor, quote: sentence, kinds: ['refund'] });
      continue;
    }
    // Every numeral form (¥50, 伍佰元, five grand, $5k) is read by the agent reader's money reader.
    // Each figure takes the offer kinds of its own clause: "送您¥5优惠券，或者退您¥15差价" is a
    // ¥5 coupon and a ¥15 difference, not two coupons.
    const clauses = sentence.split(/[,，;；]|或者|还是|\bor\b/);
    for (const m of readMoney(sentence)) {
      const own = findOfferKinds(clauses.find((c) => c.includes(m.raw)) ?? '');
      out.push({ amountMinor: toMinor(m.major, currency), quote: sentence, kinds: own.length ? own : kinds });
    }
    if (order) {
      for (const m of sentence.matchAll(PERCENT)) {
        const pct = Number(m[1]);
        if (pct > 0) out.push({ amountMinor: Math.floor((order.totalMinor * pct) / 100), quote: sentence, kinds });
      }
    }
  }
  return dedupe(out);
}

function dedupe(promises: MoneyPromise[]): MoneyPromise[] {
  const seen = new Set<string>();
  return promises.filter((p) => {
    const key = `${p.amountMinor}|${p.quote}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Offer kinds a reply proposes, in the order of OFFER_WORDS. */
export function findOfferKinds(text: string): OfferKind[] {
  const t = normaliseText(text);
  const kinds = OFFER_WORDS.filter(([, re]) => re.test(t)).map(([kind]) => kind);
  // "退货退款" also reads as "退款": keep the more specific one only.
  return kinds.includes('return_refund') ? kinds.filter((k) => k !== 'refund') : kinds;
}

/** Everything the scorer and the scripted customer need to know about one reply. */
export function readReply(text: string, order?: Order): ReplyReading {
  const t = normaliseText(text);
  const first = splitSentences(t)[0] ?? '';
  return {
    empathy: EMPATHY.test(t) || FEELING.test(first),
    empathyFirst: EMPATHY.test(first) || FEELING.test(first),
    feeling: FEELING.test(t),
    question: QUESTION.test(t),
    commitTime: COMMIT_TIME.test(t),
    commitAction: COMMIT_ACTION.test(t),
    followUp: FOLLOW_UP.test(t),
    offers: findOfferKinds(text),
    evidence: EVIDENCE.test(t),
    escalate: ESCALATE.test(t),
    money: findMoneyPromises(text, order),
  };
}

/** The first sentence of `text` that matches `re`, for quoting as evidence. */
export function quoteMatch(text: string, re: RegExp): string | undefined {
  return splitSentences(text).find((s) => re.test(normaliseText(s)));
}
