/**
 * Reply guards, POLICY.md §5: taboo phrases (T-3), compliance breaches (T-4) and personal data
 * (T-6). Used on every composed draft, by training scoring and by the LLM verifier, so the
 * patterns live here once. They are policy, not store settings: a store cannot switch them off.
 */
import type { Lang } from '../types.ts';

/** One breach found in an agent's text: the rule and the words that broke it. */
export interface TabooHit {
  rule: 'T-3' | 'T-4';
  quote: string;
}

interface Pattern {
  rule: 'T-3' | 'T-4';
  re: RegExp;
  lang: Lang;
}

const zh = (rule: 'T-3' | 'T-4', re: RegExp): Pattern => ({ rule, re, lang: 'zh' });
const en = (rule: 'T-3' | 'T-4', re: RegExp): Pattern => ({ rule, re, lang: 'en' });

const PATTERNS: readonly Pattern[] = [
  // T-3: 不知道 / 没办法 / 这是常有的事, blaming the customer, passing the complaint on (003, 001 5.3.1).
  // "不知道您是否…" is the polite "may I ask whether", not a refusal, so it is let through.
  zh('T-3', /(?<!我也)不知道(?!您是否|你是否|是否|您方便|您方不方便)/g),
  zh('T-3', /我也不知道/g),
  zh('T-3', /没(?:有)?办法/g),
  zh('T-3', /(?:这|那)(?:是|种事|种情况)?(?:很)?常有的事|经常(?:会)?发生的/g),
  zh('T-3', /(?:是|怪|都怪)(?:您|你)自己|(?:您|你)自己(?:的)?(?:问题|原因|责任)|(?:您|你)(?:拍错|看错|弄错|用错)了/g),
  zh('T-3', /(?:去)?找快递(?:公司)?(?:去|吧)|(?:不|不是)(?:归|由)?我(?:们)?(?:管|负责)|不关我(?:们)?的事|跟我们(?:没|无)关/g),
  en('T-3', /\bi (?:don't|do not|dunno) know\b|\bno idea\b/gi),
  en('T-3', /\b(?:there'?s|there is) nothing (?:we|i) can do\b|\bnothing (?:we|i) can do\b|\bcan'?t do anything\b/gi),
  en('T-3', /\b(?:this|it) happens all the time\b|\bhappens all the time\b/gi),
  en('T-3', /\b(?:it'?s|it is|that'?s) your (?:own )?fault\b|\byour own fault\b|\byou should have\b|\byou (?:must have|ordered the wrong)\b/gi),
  en('T-3', /\bnot (?:our|my) (?:problem|responsibility|department|job)\b|\b(?:contact|ask) the courier yourself\b|\byou(?:'ll| will)? (?:need to |have to |should )?take it up with the courier\b/gi),
  // T-4: cash for good reviews, threats, faked or forced reviews (001 5.3.1).
  zh('T-4', /好评返现|返现|(?:好评|五星|5星)[^。！？!?]{0,12}(?:返|红包|现金|补偿|送)|(?:给|打)(?:个)?好评[^。！？!?]{0,8}(?:就|才)/g),
  zh('T-4', /(?:删|撤|改)(?:掉|除|成)?(?:差评|评价)[^。！？!?]{0,12}(?:就|才|否则|不然)|(?:必须|一定要)(?:删|改|撤)[^。！？!?]{0,6}评/g),
  zh('T-4', /(?:否则|不然)[^。！？!?]{0,12}(?:后果|起诉|报警|告)|后果自负|(?:我们|我)(?:会|将|就)?(?:报警|起诉您|起诉你|告您|告你)|刷(?:好评|单)/g),
  en('T-4', /\b(?:cash|refund|money|reward|bonus|gift|coupon)s?\b[^.!?]{0,30}\b(?:good|positive|5[- ]star|five[- ]star) review\b|\b(?:good|positive|5[- ]star|five[- ]star) review\b[^.!?]{0,30}\b(?:cash|refund|money|reward|bonus|gift|coupon)s?\b/gi),
  en('T-4', /\b(?:you must|you have to|unless you) (?:change|remove|delete|update) (?:your|the) (?:bad |negative )?review\b|\bremove (?:your|the) (?:bad |negative )?review (?:or|and we|before)\b/gi),
  en('T-4', /\bor else\b|\bwe(?:'ll| will) (?:sue|report you|take legal action against you|call the police)\b|\bfake reviews?\b/gi),
];

/** T-3 / T-4 breaches in an agent's text (all languages, or one). Quotes are the matched words. */
export function findTaboos(text: string, lang?: Lang): TabooHit[] {
  const hits: TabooHit[] = [];
  // Phones and word processors type curly apostrophes ("don’t"); the patterns are written with straight ones.
  const straight = text.replace(/[\u2018\u2019\u02BC]/g, "'");
  for (const p of PATTERNS) {
    if (lang && p.lang !== lang) continue;
    for (const m of straight.matchAll(p.re)) hits.push({ rule: p.rule, quote: m[0] });
  }
  return hits;
}

// T-6 personal data. Digit runs inside longer numbers (order ids, amounts) must not match.
const PERSONAL: readonly RegExp[] = [
  // Mainland mobile, with optional +86 and spaces/dashes: 13812345678, 138 1234 5678, +86-138-1234-5678.
  /(?<![\d])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?![\d])/g,
  // Landlines and international numbers written with separators: 021-12345678, (415) 555-0123, +44 20 7946 0958.
  /(?<![\w])(?:\+\d{1,3}[\s-]?)?(?:\(\d{2,4}\)[\s-]?|0\d{2,3}-)\d{3,4}[\s-]?\d{3,4}(?![\d])/g,
  /(?<![\w\d])\+\d{1,3}(?:[\s-]\d{2,4}){2,4}(?![\d])/g,
  /\b\d{3}[-.]\d{3}[-.]\d{4}\b/g,
  // Email.
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  // Mainland ID number (18 digits, birth date inside, X check digit).
  /(?<![\d])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\d])/g,
  // Chinese street address: (province/city/district)* + road/street + number (+ building, unit, room).
  // Customers type spaces around the numbers ("文三路 99 号", "张江路 88 弄 5 号 1201 室").
  /(?:[\u4e00-\u9fa5]{2,6}?(?:省|市|区|县|镇|乡))*[\u4e00-\u9fa5\d]{1,10}(?:路|街|大道|巷|弄|胡同) ?[\d０-９一二三四五六七八九十百零]+ ?(?:号|弄)(?: ?[\d０-９A-Za-z-]* ?(?:栋|幢|号楼|单元|楼|室|号))*/g,
  // Anything written after an address label: "地址:…", "收货地址：…" up to the end of the clause.
  /(?:收货地址|收件地址|地址|住址)\s*[:：]\s*[^\n，。；;,]{4,60}/g,
  /[\u4e00-\u9fa5]{2,10}(?:小区|花园|公寓|大厦|新村|苑)[\d０-９A-Za-z-]*(?:栋|幢|号楼|单元|室|号)(?:[\d０-９A-Za-z-]+(?:栋|幢|号楼|单元|室|号))*/g,
  // English street address: number + street name + street type (+ apartment).
  /\b\d{1,5}\s+(?:[A-Z][\w'-]*\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Close|Crescent)\b\.?(?:,?\s*(?:Apt|Apartment|Suite|Unit|Flat|#)\.?\s*[\w-]+)?/g,
];

/** Personal data (phone numbers, emails, ID numbers, street addresses) found in `text`. */
export function findPersonalData(text: string): string[] {
  const found: string[] = [];
  for (const re of PERSONAL) for (const m of text.matchAll(re)) found.push(m[0]);
  return found;
}

/** `text` with every personal datum replaced by `***`. */
export function redactPersonalData(text: string): string {
  let out = text;
  for (const re of PERSONAL) out = out.replace(re, '***');
  return out;
}
