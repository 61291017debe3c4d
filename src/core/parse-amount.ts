/**
 * The one grammar for an amount a person types (edit forms, console commands):
 *
 *   amount   = [marker] number [marker]        (one marker at most, before or after)
 *   marker   = symbol (¥ ￥ $ € £ HK$ 元 …) | ISO-4217 code (CNY, usd …), optional space
 *   number   = digits | 1–3 digits ("," 3 digits)+    then optionally "." 1..minorDigits digits
 *
 * Full-width forms (１２３，４５６．７８, ￥) are normalised first. Anything else — hex, exponents,
 * signs, `Infinity`, `30,01`, more decimals than the currency has, a marker of another currency,
 * more than MAX_MAJOR_AMOUNT — is a UserError whose one-line message starts with the field name.
 * The value is read as text, never through Number(), so no float rounding and no JS literal forms.
 */
import { UserError } from './errors.ts';
import { currencyProblem, MAX_MAJOR_AMOUNT, minorDigits } from './money.ts';

/** Currency symbols and the currencies each may stand for. */
const SYMBOL_CURRENCIES: Record<string, readonly string[]> = {
  '¥': ['CNY', 'JPY'],
  '元': ['CNY'],
  '円': ['JPY'],
  $: ['USD', 'HKD', 'CAD', 'AUD', 'NZD', 'SGD', 'TWD', 'MXN'],
  'HK$': ['HKD'],
  'US$': ['USD'],
  '€': ['EUR'],
  '£': ['GBP'],
  '₩': ['KRW'],
  '₹': ['INR'],
};

const SYMBOLS = Object.keys(SYMBOL_CURRENCIES).sort((a, b) => b.length - a.length);
const escape = (s: string): string => s.replace(/[$]/g, '\\$');
const MARKER = `(?:${SYMBOLS.map(escape).join('|')}|[A-Za-z]{3})`;
const SHAPE = new RegExp(`^(${MARKER})?\\s*([0-9][0-9,.]*)\\s*(${MARKER})?$`, 'u');
const GROUPED = /^(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]*)?$/;

/** An example amount in the currency's own precision: `12.50` CNY, `1,200` JPY, `12.500` KWD. */
export function amountExample(currency: string): string {
  const d = minorDigits(currency);
  return d === 0 ? '1,200' : `1,299.${'5'.padEnd(d, '0')}`;
}

/**
 * `text` as minor units of `currency`, or a UserError (`invalid_input`) whose message names
 * `field` and says what to type. `parseAmount('¥1,299.50', 'CNY', 'Offer 1')` → 129950.
 */
export function parseAmount(text: string, currency: string, field: string): number {
  const code = currency.toUpperCase();
  const digits = minorDigits(code);
  const shown = text.trim();
  const bad = (why: string): UserError => new UserError('invalid_input', `${field}: ${why}`, { field, value: text });
  const normal = text.normalize('NFKC').trim();
  if (normal === '') throw bad(`enter an amount in ${code}, e.g. ${amountExample(code)}.`);
  if (/^[-−]|^\S*\s*[-−]\s*[0-9]/u.test(normal)) throw bad(`'${shown}' is negative; enter 0 or more.`);
  const m = SHAPE.exec(normal);
  if (!m || (m[1] !== undefined && m[3] !== undefined)) {
    throw bad(`'${shown}' is not an amount; write digits such as ${amountExample(code)} (a symbol or ${code} is optional).`);
  }
  const [, before, number = '', after] = m;
  const marker = before ?? after;
  if (marker !== undefined) {
    const symbol = SYMBOL_CURRENCIES[marker];
    if (!symbol && currencyProblem(marker) !== undefined) {
      throw bad(`'${shown}' is not an amount; write digits such as ${amountExample(code)} (a symbol or ${code} is optional).`);
    }
    const means = symbol ?? [marker.toUpperCase()];
    if (!means.includes(code)) throw bad(`'${shown}' is not in ${code}; enter the amount in ${code}, e.g. ${amountExample(code)}.`);
  }
  if (!GROUPED.test(number)) {
    throw bad(`'${shown}' is not an amount: ',' separates thousands in groups of three and '.' starts the decimals (e.g. ${amountExample(code)}).`);
  }
  const [whole = '', fraction = ''] = number.replace(/,/g, '').split('.');
  if (number.endsWith('.')) throw bad(`'${shown}' is not an amount: put the decimals after '.', or leave '.' out (e.g. ${amountExample(code)}).`);
  if (fraction.length > digits) {
    throw bad(digits === 0 ? `${code} has no decimals; enter a whole amount such as ${amountExample(code)}.` : `${code} has at most ${digits} decimals ('${shown}').`);
  }
  // The whole part alone may be longer than a safe integer: compare its length first.
  const wholeDigits = whole.replace(/^0+(?=[0-9])/, '');
  const minor = Number(wholeDigits) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (wholeDigits.length > String(MAX_MAJOR_AMOUNT).length || minor > MAX_MAJOR_AMOUNT * 10 ** digits) {
    throw bad(`'${shown}' is more than Settle accepts (at most ${MAX_MAJOR_AMOUNT.toLocaleString('en-US')} ${code}).`);
  }
  return minor;
}
