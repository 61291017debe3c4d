/**
 * Feature extraction for the learned classifier (linear-model.ts): one message (+ what the store
 * knows of the account) → a sparse vector in a hashed space of 2^HASH_BITS dimensions. Pure and
 * deterministic; the same function feeds training (scripts/export-features.ts writes its rows for
 * scripts/train_classifier.py, so Python never re-implements it) and inference.
 *
 * Two blocks, each a list of feature strings:
 * - text: zh Han character 1–3-grams; en words, word bigrams and crude 5-letter stems
 *   ("arrived", "arriving" → "arriv"), on the normalised text (full-width → half-width,
 *   traditional → simplified, lower case, typos and contractions fixed: normalize.ts). Each counts
 *   once; the block is scaled to unit L2 norm, so a long rant weighs as much as a one-liner.
 * - structure (value 1 each, not scaled): lexicon hits per subtype and cue (the old lexicon's
 *   phrases become evidence, not verdicts), negation, question and request markers, amounts,
 *   account signals M-S2…M-S8 and their profile score, and the malicious frames of POLICY.md §2
 *   (threat/leverage + a demand beyond the remedy + a condition; off-platform; buy-then-refund;
 *   refusing every remedy; judge-malicious.ts's verdict).
 *
 * Hash: 32-bit FNV-1a over the feature string's UTF-8 bytes, masked to HASH_BITS. Collisions add.
 */
import type { ClassifyInput } from '../types.ts';
import { findAccountSignals, scoreAccountSignals, SUSPICIOUS_PROFILE } from './account-signals.ts';
import { judgeMalicious, mentionsAmount, type MaliciousVerdict } from './judge-malicious.ts';
import { rankCategories, type Standing } from './lexicon-scores.ts';
import { matchEvidence, type Evidence } from './match-evidence.ts';
import { normalizeText } from './normalize.ts';

export const HASH_BITS = 20;
const MASK = (1 << HASH_BITS) - 1;
/** Text features beyond this are ignored: a 50 000-char message does not need 100 000 of them. */
const MAX_TEXT_FEATURES = 3000;

const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
const LATIN_WORD = /[a-z][a-z']*|\d+/g;

const ZH_NEGATION = /没|不|未|无|别/;
const EN_NEGATION = /\b(?:not|no|never|nothing|without|none)\b/;
const QUESTION = /[?？]|吗|呢|么|是否|能否|\b(?:can|could|will|would|do|does|is|are|when|how|what|where|which|why)\b [a-z]/;
const REQUEST = /请|麻烦|帮我|帮忙|能不能|可不可以|可以|希望|\b(?:please|could you|can you|would you|kindly|i would like|i want|i need)\b/;
/** A condition: the demand holds "or else". */
const CONDITION = /不然|否则|要不然|要么|不给|不赔|不退|除非|再不|如果不|不.{0,8}(?:就|我就)|\b(?:or else|or i|or we|unless|otherwise|if you do not|if not|or my|else i)\b|\bor\b.{0,20}\b(?:review|report|post|star|chargeback|complain)/;
/** A demand beyond the remedy: money in hand, compensation, a cash figure. */
const BEYOND_REMEDY = /赔偿|补偿|精神损失|红包|转我|转账|给我.{0,4}(?:钱|块|元)|赔我|退一赔|假一赔|\b(?:compensat\w*|pay me|send me|cash|venmo|paypal me|gift card|extra|on top)\b/;
/** "…and this goes away", "would be a shame if…": veiled leverage. */
const VEILED = /就当没发生|这事就算了|就不追究|删评|删差评|改好评|追评|\b(?:goes away|go away|shame if|would hate|be a pity|remove (?:my|the) review|change (?:my|the) review|update (?:my|the) review|delete (?:my|the) review)\b/;
/**
 * A demand out of proportion to the remedy (LABELLING.md 6, 9), fixed frames: a refund and a
 * replacement too, a refund plus compensation. With the §2 account profile it is malice; from an
 * ordinary account only a feature. Keeping the item is judged in disproportionateDemand.
 */
const DISPROPORTIONATE_FIXED = /(?:退款|退全款|全额退款|退钱).{0,8}(?:补偿|赔偿|再发|重发|补发|另外|再加|再赔)|(?:重发|补发|换新).{0,8}(?:补偿|赔偿|再退)|\b(?:refund (?:and|plus|\+|&) (?:a )?(?:replacement|new one|compensation)|(?:refund|money back)\b.{0,20}\b(?:plus|and|\+) (?:\$|£|€|\d|a gift|compensation|a replacement|a new one|a free))/;
/** Keeping the item ("keep it", "not sending it back", 不寄回 …): with a refund it is refund-and-keep. */
const KEEPS_ITEM = /仅退款|退款不退货|不退货|东西不退|货不退|不寄回|不用寄回|\b(?:keep(?:ing)? (?:it|the item|the product|them|the goods)|not (?:sending|returning|posting) (?:it|them) back|no return|without (?:returning|sending))\b/;
const ASKS_REFUND = /退款|退钱|钱退|退我钱|退全款|仅退款|\b(?:refund\w*|money back|reimburs\w*)\b/;
/** Q-2's normal remedy for a defect kept: a partial refund, "something back", a discount. */
const PARTIAL = /部分退款|退一点|退点|退一部分|退部分|补一点|补点|给点补偿|少退|便宜点|打个折|\b(?:partial(?:ly)?|part of|something back|some money|some of|a bit|a little|discount)\b/;
/**
 * A demand out of proportion (LABELLING.md 6, 9): a refund plus more (the fixed frames above), or
 * money back while keeping the item — unless what is asked is partial, which is Q-2's own remedy
 * for a defect the customer keeps.
 */
function disproportionateDemand(t: string): boolean {
  if (DISPROPORTIONATE_FIXED.test(t)) return true;
  return KEEPS_ITEM.test(t) && ASKS_REFUND.test(t.replace(/不退货|货不退|东西不退/g, '')) && !PARTIAL.test(t);
}

/**
 * Remedies refused one by one ("I don't want a replacement, I don't want a coupon", 不要换货也不要
 * 优惠券): two or more refused is refusing every remedy (LABELLING.md 10), in any wording.
 */
const REFUSED_EN = /\b(?:not|never) (?:want|need|accept|interested in) (?:a |an |any |your |the |my )?(replacement|partial refund|refund|coupon|voucher|exchange|discount|repair|return|reship|resend|store credit|gift)s?\b/g;
const REFUSED_ZH = /不要(?:什么|你们的?)?(换货|换新|补发|重发|退款|退货|优惠券|券|补偿|维修|部分退款|红包|赔偿|折扣)|(换货|换新|补发|重发|优惠券|补偿|维修|折扣)[的我也更都就]{0,3}不要/g;
function refusesRemedies(t: string): boolean {
  const refused = new Set<string>();
  for (const m of t.matchAll(REFUSED_EN)) refused.add(m[1] as string);
  for (const m of t.matchAll(REFUSED_ZH)) refused.add((m[1] ?? m[2]) as string);
  return refused.size >= 2;
}
/** The normal remedy (LABELLING.md 7): an exchange, a refund, a repair, a resend. */
const NORMAL_REMEDY = /换|退货|退款|退钱|退了|重发|补发|维修|修好|处理|解决|\b(?:exchange|replace|replacement|refund|repair|fix|resend|send (?:a )?(?:new|another)|money back|return)\b/;
/** Announced buy-then-refund. */
const BUY_THEN_REFUND = /买了就退|再买再退|买.{0,6}退.{0,6}(?:再买|每次)|\b(?:buy (?:it )?again and (?:return|refund)|order again and refund|every time i buy|keep ordering)\b/;

/** 32-bit FNV-1a over UTF-8 bytes (offset basis 2166136261, prime 16777619). */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) h = step(h, c);
    else if (c < 0x800) h = step(step(h, 0xc0 | (c >> 6)), 0x80 | (c & 63));
    else if (c < 0x10000) h = step(step(step(h, 0xe0 | (c >> 12)), 0x80 | ((c >> 6) & 63)), 0x80 | (c & 63));
    else h = step(step(step(step(h, 0xf0 | (c >> 18)), 0x80 | ((c >> 12) & 63)), 0x80 | ((c >> 6) & 63)), 0x80 | (c & 63));
  }
  return h >>> 0;
}

function step(h: number, byte: number): number {
  return Math.imul(h ^ byte, 0x01000193) >>> 0;
}

/** What one message yields: feature strings, and the lexicon evidence (kept for the signals). */
export interface MessageFeatures {
  text: string[];
  structure: string[];
  evidence: Evidence;
  normalized: string;
  /** judge-malicious.ts's structural verdict (POLICY.md §2), or null. */
  verdict: MaliciousVerdict | null;
  /**
   * Any sign of leverage or abuse in the text or the account's pattern (a threat, a demand beyond
   * the remedy, veiled leverage, off-platform, buy-then-refund, M-S7, a suspicious account naming
   * a sum). Without one, `malicious` is not the answer (LABELLING.md 7, 9): the model's next
   * reading is.
   */
  maliceEvidence: boolean;
  /** A threat or complaint is made (差评, 12315, "report you"): `malicious` is a secondary (M-2). */
  threat: boolean;
  /**
   * LABELLING.md 7, anger is not malice: a threat over a concrete problem asking only for the
   * normal remedy, with nothing beyond it (no cash, no keep-and-refund, no veiled leverage, no
   * off-platform, no serial or refuse-all pattern, no suspicious account). `malicious` is then a
   * secondary, never the reading.
   */
  remedyOnly: boolean;
  /**
   * remedyOnly but for the lexicon's concreteness: a threat asking only for the normal remedy. The
   * classifier also counts it as remedy-only when the model reads a real problem (classify.ts).
   */
  remedyCandidate: boolean;
  /** Too little text to judge (≤ 2 Han characters and no word, or one word) with no phrase that names a problem. */
  tooShort: boolean;
  /** The lexicon's standings per legitimate category (lexicon-scores.ts). */
  ranked: Standing[];
}

/** Feature strings of a message. */
export function extractFeatures(input: ClassifyInput): MessageFeatures {
  const normalized = normalizeText(input.text);
  const text = textFeatures(normalized);
  const evidence = matchEvidence(normalized);
  const { structure, verdict, maliceEvidence, threat, ranked, remedyOnly, remedyCandidate } = structureFeatures(normalized, evidence, input);
  const { han, words } = countHanAndWords(normalized);
  const strongPhrase = [...evidence.score.values()].some((w) => w >= 3);
  const tooShort = !strongPhrase && ((han <= 2 && words === 0) || (han === 0 && words <= 1));
  return { text, structure, evidence, normalized, verdict, maliceEvidence, threat, tooShort, ranked, remedyOnly, remedyCandidate };
}

/** Han characters and runs of a–z in normalised text, in one pass (no match arrays). */
function countHanAndWords(t: string): { han: number; words: number } {
  let han = 0;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const letter = c >= 97 && c <= 122;
    if (letter && !inWord) words++;
    inWord = letter;
    if ((c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) han++;
  }
  return { han, words };
}

function textFeatures(t: string): string[] {
  const out = new Set<string>();
  for (const run of t.match(HAN_RUN) ?? []) {
    for (let i = 0; i < run.length && out.size < MAX_TEXT_FEATURES; i++) {
      out.add(run[i] as string);
      if (i + 2 <= run.length) out.add(run.slice(i, i + 2));
      if (i + 3 <= run.length) out.add(run.slice(i, i + 3));
    }
  }
  const words = t.match(LATIN_WORD) ?? [];
  for (let i = 0; i < words.length && out.size < MAX_TEXT_FEATURES; i++) {
    const w = words[i] as string;
    out.add(`w:${w}`);
    if (w.length > 5) out.add(`s:${w.slice(0, 5)}`);
    const next = words[i + 1];
    if (next) out.add(`b:${w} ${next}`);
  }
  return [...out];
}

interface Structure {
  structure: string[];
  verdict: MaliciousVerdict | null;
  maliceEvidence: boolean;
  threat: boolean;
  ranked: Standing[];
  remedyOnly: boolean;
  remedyCandidate: boolean;
}

function structureFeatures(t: string, evidence: Evidence, input: ClassifyInput): Structure {
  const out: string[] = [];
  const has = (k: Parameters<Evidence['score']['get']>[0]): boolean => (evidence.score.get(k) ?? 0) > 0;
  for (const [target, score] of evidence.score) {
    if (score <= 0) continue;
    out.push(`#lex:${target}`);
    if (score >= 3) out.push(`#lex3:${target}`);
  }
  const ranked = rankCategories(evidence);
  const top = ranked[0];
  const concrete = top !== undefined && top.score >= 2.5;
  if (concrete) out.push(`#lextop:${top.category}`);
  if (ZH_NEGATION.test(t) || EN_NEGATION.test(t)) out.push('#neg');
  if (QUESTION.test(t)) out.push('#question');
  if (REQUEST.test(t)) out.push('#request');
  const amount = mentionsAmount(t);
  if (amount) out.push('#amount');

  const account = findAccountSignals(input.customer);
  const profile = scoreAccountSignals(account);
  for (const s of account) out.push(`#acct:${s}`);
  if (profile >= SUSPICIOUS_PROFILE) out.push('#acct:suspicious');
  if (profile >= 3) out.push('#acct:very-suspicious');

  // The malicious frames (POLICY.md §2): leverage + a demand beyond the remedy + a condition.
  const threat = has('threat') || has('legal');
  const condition = CONDITION.test(t);
  const beyond = BEYOND_REMEDY.test(t) || has('cash') || (has('money') && amount);
  const veiled = VEILED.test(t) || has('bribe');
  if (condition) out.push('#cond');
  if (beyond) out.push('#beyond-remedy');
  if (veiled) out.push('#veiled');
  if (threat && condition) out.push('#frame:threat+cond');
  if (threat && beyond) out.push('#frame:threat+beyond');
  if (threat && beyond && condition) out.push('#frame:threat+beyond+cond');
  if ((veiled || threat) && beyond && !concrete) out.push('#frame:leverage-no-problem');
  if (threat && !concrete) out.push('#frame:threat-no-problem');
  if (BUY_THEN_REFUND.test(t) || has('repeat')) out.push('#frame:buy-then-refund');
  if (has('offp') || (has('channel') && has('intent'))) out.push('#frame:off-platform');
  const refusesAll = has('refuse') || refusesRemedies(t);
  if (refusesAll) out.push('#frame:refuse-all');
  if (profile >= SUSPICIOUS_PROFILE && (beyond || threat)) out.push('#frame:profile+demand');
  if (profile >= SUSPICIOUS_PROFILE && concrete) out.push('#frame:profile+problem');
  const disproportionate = disproportionateDemand(t);
  if (disproportionate) out.push('#disprop');
  // LABELLING.md 9: the §2 profile *and* a demand out of proportion or a serial pattern.
  const profileMalice = profile >= SUSPICIOUS_PROFILE && (disproportionate || account.includes('M-S7'));
  if (profileMalice) out.push('#frame:profile+disprop');
  const price = ranked.find((r) => r.category === 'price');
  const verdict = judgeMalicious({ text: t, evidence, account, concrete, priceDispute: (price?.score ?? 0) >= 2.5, disproportionate, refusesAll });
  if (verdict) out.push(`#judge:${verdict.subtype}`);
  const refuse = refusesAll && (threat || account.includes('M-S7'));
  const offPlatform = has('offp') || (has('channel') && has('intent'));
  const maliceEvidence = verdict !== null || threat || beyond || veiled || offPlatform || refuse || has('repeat') || BUY_THEN_REFUND.test(t)
    || account.includes('M-S7') || (profile >= SUSPICIOUS_PROFILE && amount) || profileMalice;
  const remedyCandidate = threat && NORMAL_REMEDY.test(t) && !beyond && !disproportionate && !veiled && !offPlatform
    && !refusesAll && !has('repeat') && !has('cash') && !has('bribe') && !BUY_THEN_REFUND.test(t) && profile < SUSPICIOUS_PROFILE && !account.includes('M-S7');
  const remedyOnly = remedyCandidate && concrete;
  if (remedyOnly) out.push('#frame:threat+remedy-only');
  return { structure: out, verdict, maliceEvidence, threat, ranked, remedyOnly, remedyCandidate };
}

/** A sparse vector: sorted distinct bucket indices and their values. */
export interface SparseVector {
  indices: number[];
  values: number[];
}

/** Bucket index of a feature string. */
export function bucketOf(feature: string): number {
  return fnv1a32(feature) & MASK;
}

/** The hashed vector of a message's features: text block at unit L2 norm, structure at 1 each. */
export function vectorize(f: Pick<MessageFeatures, 'text' | 'structure'>): SparseVector {
  const acc = new Map<number, number>();
  const textValue = f.text.length > 0 ? 1 / Math.sqrt(f.text.length) : 0;
  for (const s of f.text) {
    const b = bucketOf(s);
    acc.set(b, (acc.get(b) ?? 0) + textValue);
  }
  for (const s of new Set(f.structure)) {
    const b = bucketOf(s);
    acc.set(b, (acc.get(b) ?? 0) + 1);
  }
  const indices = [...acc.keys()].sort((a, b) => a - b);
  return { indices, values: indices.map((i) => acc.get(i) as number) };
}
