/**
 * Every amount of money an agent's text names, in every numeral form of both languages:
 * ¥50 / $5,000 / 50元 / 50块钱 / RMB 50 / 50 USD, 伍佰元, 5仟元, 五千人民币, 两百 (after a giving
 * verb: 补偿您两百), 3.5k, $5k, "five grand", "fifty bucks", 大写 numerals (壹仟贰佰元).
 * Times, dates, order and tracking numbers, counts and percentages are not money: an amount
 * needs a currency word, a thousands suffix (5k), or a giving verb right before it.
 */
import { normalizeAgentText, sentenceAt } from './normalize-text.ts';

export interface MoneyMention {
  /** The words that name the amount, as written (normalised form). */
  raw: string;
  /** The sentence around it, for quoting. */
  quote: string;
  index: number;
  /** Major units (yuan, dollars): the reader converts to minor units with the case currency. */
  major: number;
  /** The currency the words name, or null when only the case's currency can be meant. */
  currency: 'CNY' | 'USD' | null;
}

const CN_DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 幺: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4, 五: 5, 伍: 5,
  六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const CN_UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000, 万: 10_000, 萬: 10_000, 亿: 100_000_000 };
const CN_CHARS = '零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿';

/**
 * A Chinese numeral: 五千 → 5000, 伍佰 → 500, 一千二 → 1200 (the spoken short form), 两百五 → 250,
 * 十五 → 15, 三点五 → 3.5, 壹万贰仟 → 12000. Undefined for anything else.
 */
export function parseChineseNumeral(s: string): number | undefined {
  const [intPart = '', frac] = s.split('点');
  if (!intPart && frac === undefined) return undefined;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastUnit = 1;
  let afterUnit = false;
  let digitsOnly = '';
  let sawUnit = false;
  for (const ch of intPart) {
    const d = CN_DIGIT[ch];
    const u = CN_UNIT[ch];
    if (d !== undefined) {
      if (digit !== null && !sawUnit) digitsOnly += String(digit);
      afterUnit = afterUnit && d !== 0 ? afterUnit : false;
      if (d === 0) afterUnit = false;
      digit = d;
    } else if (u !== undefined) {
      sawUnit = true;
      if (u >= 10_000) {
        total += (section + (digit ?? (section === 0 ? 1 : 0))) * u;
        section = 0;
      } else section += (digit ?? 1) * u;
      digit = null;
      lastUnit = u;
      afterUnit = true;
    } else return undefined;
  }
  if (!sawUnit) {
    // A bare digit string (一二三) reads digit by digit.
    const all = digitsOnly + (digit ?? '');
    if (!all) return frac !== undefined ? undefined : 0;
    const n = Number(all);
    return frac !== undefined ? Number(`${n}.${[...frac].map((c) => CN_DIGIT[c] ?? '').join('')}`) : n;
  }
  if (digit !== null) section += afterUnit && lastUnit >= 100 ? (digit * lastUnit) / 10 : digit;
  let value = total + section;
  if (frac) {
    const f = [...frac].map((c) => CN_DIGIT[c]);
    if (f.some((x) => x === undefined)) return undefined;
    value += Number(`0.${f.join('')}`);
  }
  return value;
}

const EN_ONES: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const EN_SCALE: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };

/** "two hundred and fifty" → 250, "five" → 5, "a hundred" → 100. */
export function parseEnglishNumber(s: string): number | undefined {
  let total = 0;
  let current = 0;
  let seen = false;
  for (const w of s.toLowerCase().split(/[\s-]+/).filter((x) => x && x !== 'and')) {
    const one = EN_ONES[w];
    const scale = EN_SCALE[w];
    if (one !== undefined) current += one;
    else if (scale === 100) current = (current || 1) * 100;
    else if (scale !== undefined) {
      total += (current || 1) * scale;
      current = 0;
    } else return undefined;
    seen = true;
  }
  return seen ? total + current : undefined;
}

const ARABIC = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
// Letters count as multipliers only on their own: 5k, 2w — not the w of "within", not km or kg.
const MULT = String.raw`(?:[kKwW](?![a-zA-Z])|[千仟万萬百佰])`;
const CN_NUM = `[${CN_CHARS}][${CN_CHARS}点]*`;
const EN_WORD = Object.keys(EN_ONES).filter((w) => w !== 'a' && w !== 'an').join('|');
const EN_NUM = String.raw`(?:\b(?:a|an|${EN_WORD})\b(?:[\s-]+(?:and[\s-]+)?(?:${EN_WORD}|hundred|thousand|million)\b)*)`;
const PREFIX = String.raw`(?:US\$|HK\$|\$|¥|\bRMB|\bCNY|\bUSD|人民币)`;
// 块 is also a measure word (一块电池): money only when nothing but an ending or a money word follows.
const SUFFIX = String.raw`(?:元(?!旦|素|宵)|圆|块钱|块(?=$|[\s,，。.!！?？、;；)）]|的|给|作为|补偿|红包|现金|钱|左右|以内|吧|哦|呢|啦|了)|人民币|美元|美金|(?<=\d)刀|\s?(?:RMB|CNY|USD)\b|\s?(?:dollars?|bucks?|yuan|quid)\b|\s?grand\b)`;
/** Counts and times that follow a bare number: 给您一张券, 退款3个工作日. */
const NOT_MONEY_AFTER = /^(?:[a-z]|\s*(?:个|件|张|次|份|天|日|号|点|小时|分钟|分|秒|周|月|年|位|条|双|套|包|箱|瓶|盒|台|只|支|本|单|倍|折|星|%|％|:|：|-|\/|days?\b|hours?\b|minutes?\b|weeks?\b|months?\b|items?\b|pieces?\b|units?\b|pcs\b|business\b|working\b|stars?\b|times\b|percent\b|am\b|pm\b))/i;
const GIVING_ZH = String.raw`(?:补偿|赔偿|赔|退还|退回|退|返现|返还|返|红包|转账|转|给|送|打款|付)(?:给)?(?:您|你|亲)?(?:现金|红包)?\s*`;
const GIVING_EN = String.raw`\b(?:refund(?:ing)?|pay(?:ing)?|give|giving|send(?:ing)?|transfer(?:ring)?|compensate|credit(?:ing)?|wire)\s+(?:you\s+|back\s+)?(?:with\s+)?`;

const PATTERNS: ReadonlyArray<{ re: RegExp; read: (m: RegExpMatchArray) => { major: number; currency: 'CNY' | 'USD' | null } | undefined }> = [
  // ¥5,000 / $5k / RMB 50 / 人民币五千
  { re: new RegExp(`${PREFIX}\\s*(${ARABIC}|${CN_NUM})(${MULT})?(?![\\d])`, 'gi'), read: (m) => withMult(m[1], m[2], currencyOf(m[0])) },
  // 50元 / 5仟元 / 五千人民币 / 50块钱 / 50 dollars / 5k USD
  { re: new RegExp(`(${ARABIC}|${CN_NUM})(${MULT})?\\s?${SUFFIX}`, 'gi'), read: (m) => withMult(m[1], m[2], currencyOf(m[0])) },
  // five grand / fifty bucks / two hundred dollars
  { re: new RegExp(`(${EN_NUM})\\s+(?:dollars?|bucks?|yuan|quid|grand|rmb|usd)\\b`, 'gi'), read: (m) => {
    const n = parseEnglishNumber(m[1] ?? '');
    if (n === undefined) return undefined;
    return { major: /grand/i.test(m[0]) ? n * 1000 : n, currency: currencyOf(m[0]) };
  } },
  // 3.5k / 5K (a thousands suffix is money talk on its own; not km, kg)
  { re: new RegExp(`(?<![\\w.])(\\d+(?:\\.\\d+)?)\\s?([kK])(?![a-zA-Z])`, 'g'), read: (m) => withMult(m[1], m[2], null) },
  // 补偿您两百 / 退您50 / 赔你五千块 (the suffix pattern catches the last one first)
  { re: new RegExp(`${GIVING_ZH}(${ARABIC}|${CN_NUM})(${MULT})?`, 'g'), read: (m) => withMult(m[1], m[2], null) },
  // refund you 50 / pay you 5000
  // A bare figure after an English giving verb is money only when no noun follows it ("give you 2 options").
  { re: new RegExp(`${GIVING_EN}(${ARABIC})(?:\\s?([kK])(?![a-zA-Z]))?(?=\\s*(?:$|[.,!?;)]|today|now|back|right|as|for|in|to|on|immediately|via|by|plus|and|tomorrow)\\b|\\s*[.,!?;)]|\\s*$)`, 'gi'), read: (m) => withMult(m[1], m[2], null) },
];

function currencyOf(words: string): 'CNY' | 'USD' | null {
  if (/\$|usd|dollar|bucks?|美元|美金|刀|grand/i.test(words)) return 'USD';
  if (/¥|rmb|cny|元|圆|块|人民币|yuan/i.test(words)) return 'CNY';
  return null;
}

function numberOf(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  if (/^\d/.test(raw)) return Number(raw.replace(/,/g, ''));
  return parseChineseNumeral(raw);
}

const MULTIPLIER: Record<string, number> = { k: 1000, K: 1000, 千: 1000, 仟: 1000, 万: 10_000, 萬: 10_000, w: 10_000, W: 10_000, 百: 100, 佰: 100 };

function withMult(raw: string | undefined, mult: string | undefined, currency: 'CNY' | 'USD' | null) {
  const n = numberOf(raw);
  if (n === undefined || !Number.isFinite(n)) return undefined;
  return { major: Math.round(n * (mult ? (MULTIPLIER[mult] ?? 1) : 1) * 1000) / 1000, currency };
}

/** Every amount of money in `text`, left to right; overlapping readings keep the longest. */
export function readMoney(text: string): MoneyMention[] {
  const t = normalizeAgentText(text);
  const found: MoneyMention[] = [];
  for (const { re, read } of PATTERNS) {
    for (const m of t.matchAll(re)) {
      const end = m.index + m[0].length;
      // A bare number after a giving verb must not be a count or a time (给您一张券, 退款3天内).
      if (!/[$¥元圆块人民币美刀]|rmb|cny|usd|dollar|buck|yuan|quid|grand|k\b|[kK千仟万萬百佰]$/i.test(m[0]) && NOT_MONEY_AFTER.test(t.slice(end))) continue;
      if (/\d$/.test(m[0]) && /^(?:\d|[.,]\d)/.test(t.slice(end))) continue;
      const v = read(m);
      if (!v || v.major <= 0) continue;
      // Skip the giving verb itself from the quoted words.
      const lead = m[0].search(/[\d$¥]|人民币|RMB|CNY|USD|[零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万]|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b/i);
      const index = m.index + Math.max(0, lead);
      found.push({ raw: t.slice(index, end).trim(), quote: sentenceAt(t, index), index, major: v.major, currency: v.currency });
    }
  }
  found.sort((a, b) => a.index - b.index || b.raw.length - a.raw.length);
  const out: MoneyMention[] = [];
  let reach = -1;
  for (const f of found) {
    if (f.index < reach) continue;
    out.push(f);
    reach = f.index + f.raw.length;
  }
  return out;
}

export interface PercentMention {
  percent: number;
  quote: string;
}

/** Percentages in `text` (30%, 百分之三十, 七折 → 30 % off). Whether one is an offer is the reader's call. */
export function readPercents(text: string): PercentMention[] {
  const t = normalizeAgentText(text);
  const out: PercentMention[] = [];
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)\s*(?:%|percent\b)|百分之([零〇一二两三四五六七八九十百]+)/gi)) {
    const p = m[1] ? Number(m[1]) : parseChineseNumeral(m[2] ?? '');
    if (p !== undefined && p > 0) out.push({ percent: p, quote: sentenceAt(t, m.index) });
  }
  return out;
}

export interface PromiseMention {
  kind: 'free_order' | 'double' | 'cash_on_top';
  quote: string;
}

const PROMISES: ReadonlyArray<readonly [PromiseMention['kind'], RegExp]> = [
  ['free_order', /免单|不用付钱|白送|(?:this|your) order (?:is|will be) (?:on us|free)|on the house|free of charge,? (?:the|your) (?:whole|entire) order/gi],
  ['double', /双倍|两倍|加倍|翻倍|退一赔[一二三四五六七八九十]|假一赔[一二三四五六七八九十]|double (?:the )?(?:refund|your money|the amount|compensation)|refund (?:you )?double|twice (?:the|what you paid)|(?:2|two)x (?:the |your )?(?:refund|money)/gi],
  ['cash_on_top', /额外(?:再)?(?:给您|给你|补偿|赔偿|送您|送你|返)|另外(?:再)?(?:给您|给你|补偿|赔)(?:[^。！？!?]{0,6})(?:现金|红包|钱)|(?:再|另)(?:补|送|给)(?:您|你)[^。！？!?]{0,8}(?:现金|红包)|现金补偿|cash on top|on top of (?:the|your) refund|(?:extra|additional|bonus) (?:cash|money|compensation)|plus (?:some )?(?:extra )?cash/gi],
];

/** Promises that count as offers though no figure is named: 免单, 双倍, cash on top. */
export function readPromises(text: string): PromiseMention[] {
  const t = normalizeAgentText(text);
  const out: PromiseMention[] = [];
  for (const [kind, re] of PROMISES) for (const m of t.matchAll(re)) out.push({ kind, quote: sentenceAt(t, m.index) });
  return out;
}
