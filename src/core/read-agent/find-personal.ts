/**
 * Personal data in an agent's text (T-6), in the forms people really type: phone numbers with
 * spaces, dashes, full-width or zero-width-split digits, bare 10/11-digit numbers, +86 / +1;
 * e-mails, also written "name at gmail dot com"; mainland ID numbers (15 and 18 digits); bank
 * card numbers (Luhn-valid, also in Chinese numerals or with O/l for 0/1); street addresses in
 * Chinese and English. Known order and tracking ids of the case are never personal data.
 */
import { normalizeAgentText } from './normalize-text.ts';

export type PersonalKind = 'phone' | 'email' | 'id_number' | 'card_number' | 'address';

export interface PersonalDatum {
  kind: PersonalKind;
  /** The words as written (normalised form). */
  quote: string;
  /** Digits only, for numbers: compared with the customer's own data. */
  digits?: string;
  index: number;
}

const CN_DIGITS: Record<string, string> = { 零: '0', 〇: '0', 一: '1', 幺: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
const LOOKALIKE: Record<string, string> = { O: '0', o: '0', l: '1', I: '1', '|': '1' };

/** Luhn check of a card number. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

function validDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1900 && y <= 2030;
}

/** The 18-digit ID's check character (GB 11643). */
function idCheckChar(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, c, i) => acc + Number(c) * (w[i] ?? 0), 0);
  return '10X98765432'[sum % 11] ?? '';
}

interface DigitRun {
  digits: string;
  groups: number[];
  start: number;
  end: number;
  plus: boolean;
}

/**
 * Runs of digit-like characters: ASCII digits, Chinese digits, and O/l look-alikes between
 * digits, with single spaces, dashes, dots or brackets between groups.
 */
function digitRuns(t: string): DigitRun[] {
  const runs: DigitRun[] = [];
  const chars = [...t];
  const offsets: number[] = [];
  let o = 0;
  for (const c of chars) {
    offsets.push(o);
    o += c.length;
  }
  const digitOf = (i: number): string | undefined => {
    const c = chars[i] ?? '';
    if (/\d/.test(c)) return c;
    if (CN_DIGITS[c] !== undefined) return CN_DIGITS[c];
    if (LOOKALIKE[c] !== undefined) {
      // A look-alike letter counts only between digits (138O0l2345) and never inside a word.
      const prev = /\d/.test(chars[i - 1] ?? '') || /\d/.test(chars[i - 2] ?? '');
      const next = /\d/.test(chars[i + 1] ?? '') || /\d/.test(chars[i + 2] ?? '') || (/\d/.test(chars[i - 1] ?? '') && /\d/.test(chars[i - 2] ?? '') && !/[A-Za-z]/.test(chars[i + 1] ?? ''));
      if (prev && next && !/[A-Za-z]/.test(/\d/.test(chars[i - 1] ?? '') ? chars[i + 1] ?? '' : '')) return LOOKALIKE[c];
    }
    return undefined;
  };
  let i = 0;
  while (i < chars.length) {
    if (digitOf(i) === undefined) {
      i++;
      continue;
    }
    // Digits glued to a word (`sha256:d45a2646…`, `SKU12345678`) are part of it, all of them:
    // a run never starts in the middle of such a token.
    // Always moves on: a Chinese numeral after a letter (`K一代`) is a digit here but not \d.
    if (/[A-Za-z]/.test(chars[i - 1] ?? '') && LOOKALIKE[chars[i - 1] ?? ''] === undefined) {
      do i++;
      while (i < chars.length && /\d/.test(chars[i] ?? ''));
      continue;
    }
    const startIdx = i;
    const plus = chars[i - 1] === '+';
    let digits = '';
    const groups: number[] = [];
    let g = 0;
    let j = i;
    while (j < chars.length) {
      const d = digitOf(j);
      if (d !== undefined) {
        digits += d;
        g++;
        j++;
        continue;
      }
      const sep = chars[j] ?? '';
      if (/[\s\-.()（）]/.test(sep) && digitOf(j + 1) !== undefined && !(sep === '.' && g > 0 && /\d/.test(chars[j + 1] ?? '') && digits.length < 4)) {
        groups.push(g);
        g = 0;
        j++;
        continue;
      }
      if (/[\s\-()]/.test(sep) && /[\s\-()]/.test(chars[j + 1] ?? '') && digitOf(j + 2) !== undefined) {
        groups.push(g);
        g = 0;
        j += 2;
        continue;
      }
      break;
    }
    if (g) groups.push(g);
    runs.push({ digits, groups, start: offsets[startIdx] ?? 0, end: offsets[j] ?? t.length, plus });
    i = j + 1;
  }
  return runs;
}

const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const PHONE_GROUPINGS_CN = [[11], [3, 4, 4], [3, 8], [7, 4], [2, 3, 4, 4], [2, 11], [4, 3, 4]];
const PHONE_GROUPINGS_US = [[10], [3, 3, 4], [1, 3, 3, 4], [11], [1, 10], [3, 7]];
/** Words right before a number that make it an order, tracking or reference id. */
const ID_LABEL = /(?:订单|单号|运单|快递单|物流单|工单|编号|order|tracking|waybill|ref(?:erence)?|case|ticket|parcel|shipment|invoice|#)\s*(?:号|号码|id|no\.?|number|#)?\s*[:：]?\s*$/i;
/** Words right before a number that name it a bank card or an ID number. */
const CARD_LABEL = /(?:银行卡|卡号|信用卡|储蓄卡|的卡|(?:credit |debit |bank )?card(?: number| no\.?)?(?: ending)?)\s*(?:号|号码|是|为)?\s*[:：]?\s*$/i;
const ID_NUMBER_LABEL = /(?:身份证(?:号码|号)?|id(?: card)?(?: number| no\.?)?)\s*(?:是|为)?\s*[:：]?\s*$/i;

/** First two digits of a mainland ID: the province codes of GB/T 2260. */
const PROVINCE = /^(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])/;

function classifyRun(r: DigitRun, t: string, known: ReadonlySet<string>): PersonalKind | undefined {
  const d = r.digits;
  if (known.has(d)) return undefined;
  const spacedSingly = r.groups.length >= 6 && r.groups.every((x) => x <= 2);
  const g = r.groups;
  // Mainland ID: 18 digits (last may be X) or 15 digits, with a valid birth date.
  if (PROVINCE.test(d) && /^\d{17}$/.test(d) && /[Xx]/.test(t[r.end] ?? '') && idCheckChar(d).toUpperCase() === 'X') return 'id_number';
  if (PROVINCE.test(d) && d.length === 18 && validDate(Number(d.slice(6, 10)), Number(d.slice(10, 12)), Number(d.slice(12, 14))) && idCheckChar(d.slice(0, 17)) === d[17]) return 'id_number';
  if (d.length === 15 && validDate(1900 + Number(d.slice(6, 8)), Number(d.slice(8, 10)), Number(d.slice(10, 12))) && PROVINCE.test(d)) return 'id_number';
  if (d.length >= 13 && d.length <= 19 && luhnValid(d) && /^[2-6]/.test(d)) return 'card_number';
  const before = t.slice(Math.max(0, r.start - 16), r.start);
  // Named as what it is, a number is that datum whatever its check digit.
  if (d.length >= 13 && d.length <= 19 && CARD_LABEL.test(before)) return 'card_number';
  if ((d.length === 18 || d.length === 17 || d.length === 15) && ID_NUMBER_LABEL.test(before)) return 'id_number';
  if (/^\d{12}$/.test(d) && /aadhaar\s*(?:no\.?|number)?\s*[:：]?\s*$/i.test(before)) return 'id_number';
  const labelled = ID_LABEL.test(before);
  if (labelled) return undefined;
  // Mainland mobile, with or without +86.
  if (/^(?:86)?1[3-9]\d{9}$/.test(d) && (spacedSingly || PHONE_GROUPINGS_CN.some((p) => same(p, g)))) return 'phone';
  // Landline: 0 + area code + number (021-12345678, 0571 8888 6666).
  if (/^0\d{9,11}$/.test(d) && g.length >= 2 && (g[0] === 3 || g[0] === 4)) return 'phone';
  // North American: 10 digits (area code and exchange start 2–9), optional 1.
  if (/^1?[2-9]\d{2}[2-9]\d{6}$/.test(d) && (spacedSingly || PHONE_GROUPINGS_US.some((p) => same(p, g)))) return 'phone';
  // Other international numbers written with a +.
  if (r.plus && d.length >= 9 && d.length <= 15 && g.length >= 2) return 'phone';
  return undefined;
}

const TLD = '(?:com|cn|net|org|io|edu|gov|co|uk|me|info|biz|us|de|jp|hk|tw)';
const EMAILS: readonly RegExp[] = [
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  new RegExp(String.raw`\b(?!(?:look|me|us|it|this|that|him|her|you|them|here|there|one|home|work|least|all|first|once|arrive|arrived|stay|stop|be|is|are|was|were)\s)[\w.+-]{2,}\s*(?:\(at\)|\[at\]|\{at\}|<at>|\sat\s|艾特|圈a)\s*[\w-]+(?:\s*(?:\.|\(dot\)|\[dot\]|\{dot\}|\sdot\s|点)\s*[\w-]+)*\s*(?:\.|\(dot\)|\[dot\]|\{dot\}|\sdot\s|点)\s*${TLD}\b`, 'gi'),
];

const ZH_PLACE = String.raw`[\u4e00-\u9fa5]{1,8}?(?:省|自治区|市|区|县|镇|乡|街道)`;
const ZH_ADDRESSES: readonly RegExp[] = [
  // Road + number, with what comes before (province, city, district) and after (building, room).
  new RegExp(String.raw`(?:${ZH_PLACE})*[\u4e00-\u9fa5\d]{1,10}(?:路|街|大道|巷|弄|胡同|道)\s?[\d一二三四五六七八九十百零]+\s?(?:号|弄)(?:\s?[\dA-Za-z-]*\s?(?:栋|幢|号楼|单元|楼|层|室|号))*`, 'g'),
  // Two or more administrative levels in a row: 浙江省杭州市西湖区, 上海市浦东新区.
  new RegExp(String.raw`(?:[\u4e00-\u9fa5]{2,7}?(?:省|自治区))?[\u4e00-\u9fa5]{2,5}?市[\u4e00-\u9fa5]{1,6}?(?:区|县)(?:[\u4e00-\u9fa5\d]{0,12}?(?:路|街|道|镇|乡|村)(?:[\d一二三四五六七八九十]+号)?)?`, 'g'),
  // Estate + building/unit/room: 阳光花园3栋2单元501, 碧桂园 5 号楼 1201 室.
  /[\u4e00-\u9fa5]{2,10}(?:小区|花园|公寓|大厦|新村|苑|广场|家园|园区|社区)\s?[\dA-Za-z-]+\s?(?:栋|幢|号楼|单元|室|号|座)(?:\s?[\dA-Za-z-]+\s?(?:栋|幢|号楼|单元|室|号|层|楼))*/g,
  /[\dA-Za-z]+\s?(?:栋|幢|号楼|座)\s?[\d]+\s?单元\s?[\d]+(?:室|号)?/g,
  /(?:收货地址|收件地址|送货地址|地址|住址)\s*[:：是为]\s*[^\n，。；;,]{4,60}/g,
];
const STREET = '(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Close|Crescent|Highway|Hwy|Parkway|Pkwy|Square|Sq|Row|Circle|Cir)';
const EN_ADDRESSES: readonly RegExp[] = [
  new RegExp(String.raw`\b\d{1,5}[A-Za-z]?\s+(?!(?:am|pm|a\.m|p\.m|hours?|hrs?|days?|minutes?|mins?|weeks?|months?|years?|business|working|items?|pieces?|times?|o'clock|more|of)\b)(?:[A-Za-z][\w'-]*\s+){1,4}${STREET}\b\.?(?:,?\s*(?:Apt|Apartment|Suite|Unit|Flat|Fl|Floor|#)\.?\s*[\w-]+)?`, 'gi'),
  /\b(?:Apt|Apartment|Suite|Unit|Flat)\.?\s*#?\s*\d+[A-Za-z]?,?\s+\d{1,5}\s+[A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*){0,3}/gi,
  /\bP\.?\s?O\.?\s?Box\s+\d+\b/gi,
  // City, ST 12345 / UK postcodes.
  /\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s?[A-Z]{2}\s\d{5}(?:-\d{4})?\b/g,
  /\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b/g,
  /\b(?:address|ship(?:ping)? (?:it )?to|deliver(?:ed|y)? to)\s*(?:is|:)\s*[^\n.;?!]{6,80}\d[^\n.;?!]{0,40}/gi,
];

export interface FindPersonalOptions {
  /** Order, tracking and other ids of the case: never personal data. */
  knownIds?: readonly string[];
}

/** Personal data in `text`, left to right. */
export function findPersonal(text: string, options: FindPersonalOptions = {}): PersonalDatum[] {
  const t = normalizeAgentText(text);
  const known = new Set((options.knownIds ?? []).map((s) => s.replace(/\D/g, '')).filter((s) => s.length >= 6));
  const out: PersonalDatum[] = [];
  for (const r of digitRuns(t)) {
    const kind = classifyRun(r, t, known);
    if (kind) out.push({ kind, quote: t.slice(r.start, r.end + (kind === 'id_number' && /[Xx]/.test(t[r.end] ?? '') ? 1 : 0)), digits: r.digits, index: r.start });
  }
  const add = (kind: PersonalKind, res: readonly RegExp[]) => {
    for (const re of res) for (const m of t.matchAll(re)) out.push({ kind, quote: m[0].trim(), index: m.index });
  };
  add('email', EMAILS);
  add('phone', [/\b\d{3}\.\d{3}\.\d{4}\b/g, /\b(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)[\s,.-]+){6,}(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b/gi]);
  add('id_number', [/\b(?:passport|driver'?s? licen[cs]e|licen[cs]e|护照|驾照|驾驶证)\s*(?:no\.?|number|号码|号)?\s*[:：]?\s*[A-Z]{0,2}\d[\dA-Z-]{5,}/gi]);
  add('address', ZH_ADDRESSES);
  add('address', EN_ADDRESSES);
  // Overlaps (an address that contains a phone, two address readings): keep the first and longest.
  out.sort((a, b) => a.index - b.index || b.quote.length - a.quote.length);
  const kept: PersonalDatum[] = [];
  for (const p of out) {
    const last = kept[kept.length - 1];
    if (last && p.index < last.index + last.quote.length && p.kind === last.kind) continue;
    kept.push(p);
  }
  return kept;
}

/** `quote` with all but the last four characters masked, for evidence that must not repeat it. */
export function maskDatum(quote: string): string {
  const chars = [...quote];
  return chars.map((c, i) => (i < chars.length - 4 && /[\p{L}\p{N}]/u.test(c) ? '*' : c)).join('');
}

/**
 * `text` with every personal datum `findPersonal` finds replaced by its kind (`[phone]`,
 * `[address]` …), for records that must not keep it (the audit log, logs, exports). The text is
 * returned as `findPersonal` reads it (NFKC-normalised) when anything was masked, else unchanged.
 */
export function maskPersonal(text: string, options: FindPersonalOptions = {}): string {
  const found = findPersonal(text, options);
  if (!found.length) return text;
  const t = normalizeAgentText(text);
  let out = '';
  let at = 0;
  for (const p of found) {
    if (p.index < at) continue;
    out += `${t.slice(at, p.index)}[${p.kind}]`;
    at = p.index + p.quote.length;
  }
  return out + t.slice(at);
}
