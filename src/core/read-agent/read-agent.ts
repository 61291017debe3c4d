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
import { SENTENCE_MODEL } from './sentence-model.ts';
import {
  EN_NEGATED, OFF_PLATFORM, P3_PATTERNS, REVIEW_REQUEST, SELLER_PAYS, T3_PATTERNS, T4_PATTERNS, ZH_NEGATED, customerPaysPostage, m1Hits, tradesValueForReview,
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
   * Who paid the outbound postage by the policy's decision (§4). 'seller' with no return in the
   * case (a reship, a missing part) makes any postage put on the customer a breach; with a
   * customer-paid return, only the outbound leg ("来回运费", "the original shipping") is.
   */
  outboundPayer?: Payer;
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
const CONFIRM_DELIVERY = /寄到|发到|送到|补发|重新发|重发|寄出|快递员|收件(?:人|电话|地址)|(?:新)?地址[^。！？]{0,24}(?:改好|确认|更新)|courier|replacement|new parcel|delivery address|confirm (?:the |your )?(?:address|number)|reship|resend|send (?:it|the|a|your) (?:\w+ )?(?:to|back)|ship(?:ped)? (?:it |the |a |your )?(?:replacement |new )?(?:one |item |parcel )?to|deliver(?:ed|y)? to/i;
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
    if (sellerOwesPostage(s, ctx) && customerPaysPostage(s) && (!CUSTOMER_REASON.test(s) || outboundOnCustomer(s, ctx)) && !NOT_NO_REASON.test(t)) findings.push({ rule: '§4', family: 'customer_pays_postage', quote: s, sentence: s });
    if (!NOT_NO_REASON.test(t)) findings.push(...modelFindings(s, ctx, findings));
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
    // A datum read across a sentence end is judged (and quoted) in the whole reply.
    const sentence = sentences.find((s) => s.includes(p.quote)) ?? t;
    // The sentence is quoted with the datum masked: evidence and audit lines never repeat it.
    if (ctx.public || !allowedPrivately(p, sentence, ctx)) findings.push({ rule: 'T-6', family: p.kind, quote: maskDatum(p.quote), sentence: sentence.split(p.quote).join(maskDatum(p.quote)) });
  }
  return { findings: dedupe(findings), offers, money, promises, personal };
}

/** The sentence states a reason §4 puts on the customer (7-day no-reason, misuse, an item outside no-reason returns). */
const CUSTOMER_REASON = /七天无理由|7天无理由|无理由退|使用不当|人为|不支持七天|定制|as an exception|custom(?:ised|ized)? (?:item|piece)s?|no[- ]reason|your own reasons?|change[- ]of[- ]mind|changed your mind|7-day (?:return|policy)|misuse|user damage|not covered by (?:our )?no-reason|outside (?:the )?warranty/i;
const POSTAGE_WORD = /运费|邮费|快递费|寄回|寄件|补寄|补发|postage|shipping|return label|send(?:ing)? it back|ship it back|reshipment/i;
const MASKED = /打码|遮住|遮挡|隐去|马赛克|后四位|尾号|\b(?:hide|hidden|blur|mask|cover (?:up )?the|last (?:4|four))\b/i;

const OUTBOUND_KEPT = /stays? free|remains? free|still free|is free|not (?:be )?deducted|nothing (?:is )?deducted|won't be (?:deducted|charged)|we (?:keep|cover|pay)|不扣|不收|不用您|仍然包邮|还是包邮|依然包邮|我们(?:承担|出)/i;
const OUTBOUND_LEG = /来回|往返|发货(?:时|的)?(?:那趟)?(?:的)?运费|发给您的那趟|当初(?:包邮)?的运费|原(?:来|先)?的?运费|both ways|two-way|round[- ]trip|original shipping|outbound|shipping (?:to you|we covered)/i;

/** §4: the policy has the seller pay the postage this sentence is about. */
function sellerOwesPostage(s: string, ctx: ReadContext): boolean {
  if (ctx.returnPayer === 'seller') return true;
  if (ctx.outboundPayer !== 'seller') return false;
  return ctx.returnPayer === 'none' || ctx.returnPayer === undefined || OUTBOUND_LEG.test(s);
}

/** The reply says the item is outside no-reason returns: §4 puts both legs on the customer (POLICY.md §4, third row). */
const NOT_NO_REASON = /不支持七天|不在七天无理由|不属于七天|定制(?:商品|款)?不(?:支持|退)|aren't covered by (?:our )?no-reason|isn't covered by (?:our )?no-reason|not covered by (?:our )?no-reason|custom(?:-engraved|ised|ized)? (?:items?|pieces?) (?:aren't|are not|isn't|is not) (?:covered|returnable)/i;

/** The outbound leg the seller paid put on the customer, with no reason §4 gives for it (an item outside no-reason returns). */
function outboundOnCustomer(s: string, ctx: ReadContext): boolean {
  if (ctx.outboundPayer !== 'seller' || /不支持七天|不在七天|不属于七天|定制|not covered|isn't covered|custom|exception/i.test(s)) return false;
  // Per clause: "return shipping is on you, but your original shipping stays free" keeps the outbound leg on the seller.
  return s.split(/[,，;；]|\bbut\b|但是|不过/).some((c) => OUTBOUND_LEG.test(c) && !OUTBOUND_KEPT.test(c));
}

const EXONERATES = /不是您的(问题|原因|错|责任)|与您无关|跟您(没|无)关|不怪您|不是您(造成|弄)的|\bnot (anything|something) you did\b|\bnot your fault\b|\bnothing you did\b|\bno fault of yours\b|\bnot on your (side|end)\b|\bnot anything on your (side|end)\b|\b(?:not|isn't|wasn't) the (?:experience|service) (?:you|we)\b|是我们的(?:错|失误|问题|责任)|我们(?:的)?失误/i;

/**
 * The sentence model's findings for one sentence, where the structural rules found none of the
 * same rule. Precision first: each rule only in its context — M-1 in an extortion case, §4 when
 * the seller pays return postage and the sentence names postage with no seller-pays wording or
 * customer reason, P-3 and T-4 not when refused or (P-3) masked.
 */
function modelFindings(s: string, ctx: ReadContext, found: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const { rule } of SENTENCE_MODEL.rulesIn(s)) {
    if (found.some((f) => f.rule === rule && f.sentence === s)) continue;
    if (rule === 'M-1' && !(ctx.category === 'malicious' || (ctx.hostile && OFF_PLATFORM.test(s)))) continue;
    if (rule === '§4' && (!sellerOwesPostage(s, ctx) || !POSTAGE_WORD.test(s) || SELLER_PAYS.test(s) || CUSTOMER_REASON.test(s))) continue;
    if (rule === 'P-3' && (MASKED.test(s) || /不会|绝不|从不|切勿|请勿|\bnever\b|\bwon't\b|\bdon't need\b/i.test(s))) continue;
    if (rule === 'M-1' && REFUSAL.test(s)) continue;
    // Clearing the customer of the fault is the opposite of blaming them (T-3).
    if (rule === 'T-3' && EXONERATES.test(s)) continue;
    // A note about the customer in the third person (a checklist line: "建议客户就医") speaks to staff, not to them.
    if (rule === 'T-3' && /客户|顾客|买家|\bthe (?:customer|buyer)\b/i.test(s) && !/您|你|\byou\b/i.test(s)) continue;
    if (rule === 'T-4' && /绝不|从不|决不|\bnever\b|\bwe (?:don't|do not|won't|will not) (?:offer|give|pay|buy)\b/i.test(s)) continue;
    if (rule === 'T-4' && ctx.solved && !/返|红包|券|现金|礼|\$|¥|refund|coupon|voucher|gift|cash|discount|credit|report|ban|blacklist|legal/i.test(s)) continue;
    out.push({ rule, family: 'model', quote: s, sentence: s });
  }
  return out;
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
