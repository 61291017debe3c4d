/**
 * Every number a reply states — digits (59.90, 1,000, ５０), Chinese numerals with a unit
 * (两百元, 三天, 百分之二十) and English number words with a unit (two hundred dollars,
 * three days) — so a polished reply can be held to exactly the numbers of the template.
 */

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10_000, 亿: 100_000_000 };

/** 两百五十 → 250, 十二 → 12, 一万零五 → 10005. */
export function parseChineseNumeral(s: string): number {
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in CN_DIGIT) {
      digit = CN_DIGIT[ch]!;
    } else if (ch === '万' || ch === '亿') {
      total = (total + section + digit) * CN_UNIT[ch]!;
      section = 0;
      digit = 0;
    } else if (ch in CN_UNIT) {
      section += (digit || 1) * CN_UNIT[ch]!;
      digit = 0;
    }
  }
  return total + section + digit;
}

const EN_SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const EN_SCALE: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };

function parseEnglishWords(words: string[]): number {
  let total = 0;
  let current = 0;
  for (const w of words) {
    if (w in EN_SMALL) current += EN_SMALL[w]!;
    else if (w === 'hundred') current = (current || 1) * 100;
    else if (w in EN_SCALE) {
      total += (current || 1) * EN_SCALE[w]!;
      current = 0;
    }
  }
  return total + current;
}

const CN_NUM = '[零〇一二两三四五六七八九十百千万亿]+';
const CN_WITH_UNIT = new RegExp(`百分之(${CN_NUM})|(${CN_NUM})(?=[元块圆角天日周月年倍折件]|个?小时|个月|个?星期|分钟|个?工作日|%)`, 'g');
const EN_WORD = `(?:${[...Object.keys(EN_SMALL), ...Object.keys(EN_SCALE)].join('|')})`;
const EN_NUMBER = new RegExp(`\\b${EN_WORD}(?:[\\s-]+(?:and[\\s-]+)?${EN_WORD})*\\b`, 'gi');
/** English number words count only as a quantity: followed by a unit, or a scale word itself. */
const EN_UNIT_AFTER = /^\s*(-\s*)?(dollars?|bucks|yuan|rmb|cents?|euros?|pounds?|percent|%|days?|hours?|weeks?|months?|years?|business days?|working days?|times)\b/i;

/** All numeric values stated in `text`, de-duplicated. */
export function readAmounts(text: string): number[] {
  const t = text.normalize('NFKC');
  const values = new Set<number>();
  // Digits with thousands separators or decimals: 1,000 / 59.90 / 12
  for (const m of t.matchAll(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g)) values.add(Number(m[0].replace(/,/g, '')));
  for (const m of t.matchAll(CN_WITH_UNIT)) values.add(parseChineseNumeral(m[1] ?? m[2]!));
  for (const m of t.matchAll(EN_NUMBER)) {
    const words = m[0].toLowerCase().split(/[\s-]+/).filter((w) => w !== 'and');
    const scaled = words.some((w) => w in EN_SCALE);
    const after = t.slice((m.index ?? 0) + m[0].length);
    if (scaled || EN_UNIT_AFTER.test(after)) values.add(parseEnglishWords(words));
  }
  return [...values];
}

const COUNT_UNIT = '(?:件|个|双|条|套|盒|瓶|只|台|包|箱|袋|pieces?|items?|pcs|units?|pairs?|shirts?|boxes|bottles?)';
const COUNTS = new RegExp(`(\\d+|${CN_NUM}|\\b(?:${Object.keys(EN_SMALL).join('|')})\\b)\\s*${COUNT_UNIT}`, 'gi');

/**
 * Item counts the customer stated ("三件", "2 pieces"): a reply may repeat them back. Amounts and
 * durations are not counts — the customer's "refund 1000" or "3 days" never becomes ours.
 */
export function readItemCounts(text: string): number[] {
  const t = text.normalize('NFKC');
  const values = new Set<number>();
  for (const m of t.matchAll(COUNTS)) {
    const n = m[1]!;
    const lower = n.toLowerCase();
    values.add(/^\d+$/.test(n) ? Number(n) : lower in EN_SMALL ? EN_SMALL[lower]! : parseChineseNumeral(n));
  }
  return [...values];
}

/**
 * Identifiers the customer wrote — order and tracking numbers like `T1001`, `#4471`,
 * `SF1234567890`, `订单号123456789` — as they appear. A reply may repeat them; they are removed
 * before amounts are read, so repeating `#1000` never makes `¥1000` an allowed amount.
 */
export function readIdentifiers(text: string): string[] {
  const t = text.normalize('NFKC');
  const found = new Set<string>();
  for (const m of t.matchAll(/(?<![\w#])(?:[A-Za-z]{1,4}-?|#)\d{3,}\b/g)) found.add(m[0]);
  for (const m of t.matchAll(/(?<=(?:订单号?|单号|运单号?|快递单号|order\s?(?:no\.?|number|id)?)\s*[:：]?\s*)\d{6,}/gi)) found.add(m[0]);
  return [...found];
}
