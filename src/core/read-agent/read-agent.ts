/**
 * The one reader of agent text: what a reply breaks (T-3, T-4, T-6, P-3, M-1, §4, each with
 * the words that break it) and what it offers ({kind, payer, amount}). Pure and offline; the
 * training scorer, the edit and polish checks and the release check all ask it, so a wording
 * caught in one place is caught in all of them.
 */
import { toMinor } from '../money.ts';
import { findOfferKinds } from '../training/read-reply.ts';
import type { Category, OfferKind, Order, Payer, Subtype } from '../types.ts';
import { findPersonal, maskDatum, type PersonalDatum } from './find-personal.ts';
import { normalizeAgentText, sentencesOf } from './normalize-text.ts';
import { readMoney, readPercents, readPromises, type MoneyMention, type PromiseMention } from './read-money.ts';
import {
  EN_NEGATED, P3_PATTERNS, REVIEW_REQUEST, T3_PATTERNS, T4_PATTERNS, ZH_NEGATED, customerPaysPostage, m1Hits, tradesValueForReview,
  type SentencePattern,
} from './rule-patterns.ts';

export const READER_RULES = ['T-3', 'T-4', 'T-5', 'T-6', 'P-3', 'M-1', '§4'] as const;
export type ReaderRuleId = (typeof READER_RULES)[number];

/** What the reader knows of the case. Everything optional: less context, fewer context rules. */
export interface ReadContext {
  category?: Category;
  subtype?: Subtype | '';
  order?: Order;
  /** Who pays return postage by the policy's decision (§4): only 'seller' makes "you pay postage" a breach. */
  returnPayer?: Payer;
  /**
   * A real problem inside a hostile message (M-2): the defect's own remedy may be offered, but
   * moving the customer off the platform is still giving in (M-1).
   */
  hostile?: boolean;
  /** The case is marked solved: a polite request to update the review is allowed (T-4). */
  solved?: boolean;
  /** A public reply (a review answer): no personal data at all (T-6). Default: a private chat. */
  public?: boolean;
  /** The customer's own words: their own phone or address may be repeated privately to confirm a reship. */
  customerText?: string;
  /** Order, tracking and other ids of the case: never personal data. */
  knownIds?: readonly string[];
}

export interface Finding {
  rule: ReaderRuleId;
  /** Which wording family matched: dunno, no_way, blame, threat, review_value, secret_request, phone … */
  family: string;
  /** The words that break the rule: the matched phrase, or for M-1, §4 and review trades the sentence; personal data masked. */
  quote: string;
  /** The whole sentence (personal data in it masked), for refusals that must show the context. */
  sentence: string;
}

export interface ReadOffer {
  kind: OfferKind | 'postage' | PromiseMention['kind'];
  payer: Payer;
  /** Minor units in the case currency; null when no figure is named. */
  amountMinor: number | null;
  quote: string;
}

export interface AgentReading {
  findings: Finding[];
  offers: ReadOffer[];
  /** Every amount named, with its minor-unit value in the case currency. */
  money: (MoneyMention & { amountMinor: number })[];
  promises: PromiseMention[];
  personal: PersonalDatum[];
}

const SPECIFIC_MONEY: ReadonlySet<OfferKind> = new Set(['price_difference', 'partial_refund', 'coupon', 'keep_at_discount', 'gift']);
const POSTAGE = /运费|邮费|快递费|寄回费用|postage|shipping (?:fee|cost)|return shipping|return label/i;
const REFUSAL = new RegExp(`${ZH_NEGATED.source}|${EN_NEGATED.source}`, 'i');
const CONFIRM_DELIVERY = /寄到|发到|送到|补发|重新发|重发|reship|resend|send (?:it|the|a|your) (?:\w+ )?(?:to|back)|ship(?:ped)? (?:it |the |a |your )?(?:replacement |new )?(?:one |item |parcel )?to|deliver(?:ed|y)? to/i;
const STORE_ADDRESS = /退货地址|寄回地址|售后地址|仓库|我们的地址|本店地址|return address|our (?:warehouse|address|returns)|send (?:it|them|the item) back to/i;

function matchPatterns(sentence: string, patterns: readonly SentencePattern[]): Finding[] {
  const out: Finding[] = [];
  for (const p of patterns) {
    const m = p.re.exec(sentence);
    if (m && !(p.unless?.test(sentence) ?? false)) out.push({ rule: p.rule as ReaderRuleId, family: p.family, quote: m[0].trim(), sentence });
  }
  return out;
}

const digitsOf = (s: string) => s.replace(/\D/g, '');
const squash = (s: string) => normalizeAgentText(s).replace(/\s+/g, '').toLowerCase();

/** Personal data that a private reply may repeat: the customer's own phone or address (to confirm a reship), or the store's return address. */
function allowedPrivately(p: PersonalDatum, sentence: string, ctx: ReadContext): boolean {
  if (p.kind === 'address' && STORE_ADDRESS.test(sentence)) return true;
  if (p.kind !== 'phone' && p.kind !== 'address') return false;
  // A lone sentence (no conversation known): a phone or address repeated for a reship or delivery
  // is taken to be the customer's own, as POLICY.md T-6 allows in private.
  if (ctx.customerText === undefined) return CONFIRM_DELIVERY.test(sentence);
  const customer = ctx.customerText;
  if (!customer) return false;
  if (p.kind === 'phone') return Boolean(p.digits) && digitsOf(normalizeAgentText(customer)).includes(p.digits ?? '');
  // The address pattern may take a few words before it ("寄到浙江省…"): any tail of 6+ characters the customer wrote counts.
  const own = squash(customer);
  const quote = squash(p.quote);
  for (let i = 0; i + 6 <= quote.length; i++) if (own.includes(quote.slice(i))) return true;
  return false;
}

/** Reads one agent text in its case context. */
export function readAgent(text: string, ctx: ReadContext = {}): AgentReading {
  const t = normalizeAgentText(text);
  const sentences = sentencesOf(t).map((s) => s.text.trim()).filter(Boolean);
  const currency = ctx.order?.currency ?? 'CNY';
  const findings: Finding[] = [];
  const offers: ReadOffer[] = [];
  const money = readMoney(t).map((m) => ({ ...m, amountMinor: toMinor(m.major, currency) }));
  const promises = readPromises(t);
  const extortion = ctx.category === 'malicious';

  sentences.forEach((s, i) => {
    findings.push(...matchPatterns(s, T3_PATTERNS), ...matchPatterns(s, T4_PATTERNS), ...matchPatterns(s, P3_PATTERNS));
    if (tradesValueForReview(s, sentences[i + 1])) findings.push({ rule: 'T-4', family: 'review_value', quote: s, sentence: s });
    else if (!ctx.solved && REVIEW_REQUEST.test(s)) findings.push({ rule: 'T-4', family: 'review_request', quote: s, sentence: s });
    const amounts = money.filter((m) => m.quote === s || s.includes(m.raw));
    if (extortion || ctx.hostile) {
      for (const h of m1Hits(s, amounts.map((a) => a.raw))) if (extortion || h.family === 'off_platform') findings.push({ rule: 'M-1', family: h.family, quote: s, sentence: s });
    }
    if (ctx.returnPayer === 'seller' && customerPaysPostage(s)) findings.push({ rule: '§4', family: 'customer_pays_postage', quote: s, sentence: s });
    // T-5: a public reply only states the problem was handled; amounts and offers go to the private chat.
    if (ctx.public && amounts.length > 0) findings.push({ rule: 'T-5', family: 'details_in_public', quote: s, sentence: s });

    // Offers read from the sentence: its kinds, who pays, and the figure named with them.
    if (REFUSAL.test(s)) return;
    if (POSTAGE.test(s)) {
      offers.push({ kind: 'postage', payer: customerPaysPostage(s) ? 'customer' : 'seller', amountMinor: amounts[0]?.amountMinor ?? null, quote: s });
      return;
    }
    // "退您30元差价" reads as refund AND price difference: the figure belongs to the specific kind.
    const found = findOfferKinds(s);
    const specific = found.find((k) => SPECIFIC_MONEY.has(k));
    const kinds = specific ? [specific, ...found.filter((k) => k !== specific && k !== 'refund')] : found;
    kinds.forEach((kind, k) => offers.push({ kind, payer: 'seller', amountMinor: k === 0 ? (amounts[0]?.amountMinor ?? null) : null, quote: s }));
    if (kinds.length === 0 && amounts.length) offers.push({ kind: 'partial_refund', payer: 'seller', amountMinor: amounts[0]?.amountMinor ?? null, quote: s });
    if (ctx.order && kinds.length) {
      for (const p of readPercents(s)) if (p.quote === s) offers.push({ kind: kinds[0] ?? 'partial_refund', payer: 'seller', amountMinor: Math.floor((ctx.order.totalMinor * p.percent) / 100), quote: s });
    }
  });
  for (const p of promises) offers.push({ kind: p.kind, payer: 'seller', amountMinor: p.kind === 'free_order' && ctx.order ? ctx.order.totalMinor : null, quote: p.quote });

  const personal = findPersonal(t, { knownIds: [...(ctx.knownIds ?? []), ...(ctx.order ? [ctx.order.id] : [])] });
  for (const p of personal) {
    const sentence = sentences.find((s) => s.includes(p.quote)) ?? p.quote;
    // The sentence is quoted with the datum masked: evidence and audit lines never repeat it.
    if (ctx.public || !allowedPrivately(p, sentence, ctx)) findings.push({ rule: 'T-6', family: p.kind, quote: maskDatum(p.quote), sentence: sentence.split(p.quote).join(maskDatum(p.quote)) });
  }
  return { findings: dedupe(findings), offers, money, promises, personal };
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}|${f.quote}|${f.sentence}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
