/**
 * Text normalisation before lexicon matching. Customers write full-width letters, traditional
 * characters, zero-width joiners pasted from apps, contractions and typos; the lexicons are
 * written once, in one canonical form, and this step brings every message to that form.
 * Linear in the length of the text.
 */
import { TRAD_TO_SIMP } from './trad-simp.ts';

/** Zero-width and bidi control characters that chat apps and copy-paste leave behind. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]/g;
const SMART_QUOTES = /[\u2018\u2019\u02bc\u0060\u00b4]/g;

/**
 * Chinese typos and homophone slips seen in chats (pinyin input picks the wrong character).
 * Only slips that are unambiguous in a store chat.
 */
const ZH_TYPOS: ReadonlyArray<readonly [string, string]> = [
  ['差平', '差评'], ['差凭', '差评'], ['差苹', '差评'], ['物留', '物流'], ['快第', '快递'],
  ['假贷', '假货'], ['色插', '色差'], ['少法', '少发'], ['退宽', '退款'], ['投述', '投诉'],
  ['没发火', '没发货'], ['还没发火', '还没发货'], ['威信', '微信'], ['薇信', '微信'], ['扣扣', 'qq'],
];

/**
 * English word-level rewrites: typos, contractions expanded (so "not" is a word the lexicon can
 * anchor on), and filler words dropped ("has not even shipped" → "has not shipped").
 */
const EN_WORDS: ReadonlyMap<string, string> = new Map([
  ['recieved', 'received'], ['recieve', 'receive'], ['recived', 'received'], ['receieved', 'received'],
  ['recevied', 'received'], ['receved', 'received'], ['arived', 'arrived'], ['arrvied', 'arrived'],
  ['arrivd', 'arrived'], ['arive', 'arrive'], ['parcle', 'parcel'], ['pacakge', 'package'],
  ['packge', 'package'], ['pakage', 'package'], ['brokn', 'broken'], ['borken', 'broken'],
  ['craked', 'cracked'], ['orignal', 'original'], ['orginal', 'original'], ['shiped', 'shipped'],
  ['delivred', 'delivered'], ['deliverd', 'delivered'], ['dammaged', 'damaged'], ['damged', 'damaged'],
  ['traking', 'tracking'], ['refud', 'refund'], ['colour', 'color'], ['colours', 'colors'],
  ['dosent', 'does not'], ['doesnt', 'does not'], ['didnt', 'did not'], ['havent', 'have not'],
  ['hasnt', 'has not'], ['isnt', 'is not'], ['wasnt', 'was not'], ['dont', 'do not'], ['cant', 'can not'],
  ['cannot', 'can not'], ['wont', 'will not'], ['arent', 'are not'], ['werent', 'were not'],
  ['couldnt', 'could not'], ['wouldnt', 'would not'], ['aint', 'is not'], ['im', 'i am'],
  ['u', 'you'], ['ur', 'your'], ['pls', 'please'], ['plz', 'please'], ['thx', 'thanks'], ['tnx', 'thanks'],
  ['yet', ''], ['even', ''], ['really', ''], ['actually', ''], ['ever', ''], ['just', ''],
]);

const EN_CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bwon't\b/g, 'will not'], [/\bcan't\b/g, 'can not'], [/n't\b/g, ' not'], [/'re\b/g, ' are'],
  [/\bi'm\b/g, 'i am'], [/\b(it|that|there|what|where|he|she)'s\b/g, '$1 is'], [/'ve\b/g, ' have'],
  [/'ll\b/g, ' will'], [/'d\b/g, ' would'],
];

const WORD = /[a-z']+/g;
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * Canonical form of a message: NFKC (full-width → half-width), lower case, invisible characters
 * removed, traditional → simplified for lexicon characters, typos fixed, contractions expanded,
 * whitespace collapsed. Emoji are kept (they never match a lexicon entry, and detect-lang ignores them).
 */
export function normalizeText(text: string): string {
  // ASCII text needs neither NFKC, nor the invisible/traditional/zh-typo passes (they change
  // nothing there); every contraction rule needs an apostrophe. Same output, less work per message.
  const ascii = ASCII_ONLY.test(text);
  let s = ascii ? text.toLowerCase().replace(SMART_QUOTES, "'") : text.normalize('NFKC').toLowerCase().replace(INVISIBLE, '').replace(SMART_QUOTES, "'");
  if (!ascii) {
    s = toSimplified(s);
    for (const [typo, fix] of ZH_TYPOS) if (s.includes(typo)) s = s.split(typo).join(fix);
  }
  if (s.includes("'")) for (const [re, to] of EN_CONTRACTIONS) s = s.replace(re, to);
  s = s.replace(WORD, (w) => EN_WORDS.get(w) ?? w);
  return s.replace(/\s+/g, ' ').trim();
}

const TRAD_CHARS = new RegExp(`[${[...TRAD_TO_SIMP.keys()].join('')}]`, 'gu');

/** Traditional → simplified for the characters in TRAD_TO_SIMP; others unchanged. */
export function toSimplified(text: string): string {
  return text.replace(TRAD_CHARS, (ch) => TRAD_TO_SIMP.get(ch) ?? ch);
}
