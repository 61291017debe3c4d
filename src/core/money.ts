/**
 * Money is an integer in minor units (fen, cents) everywhere inside Settle. Only the edges
 * (CLI input, chat rendering) convert from and to major units, through these functions.
 */

/** ISO-4217 minor-unit exponents that differ from 2. */
const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'HUF', 'TWD', 'UGX']);
const THREE_DECIMAL = new Set(['BHD', 'KWD', 'OMR', 'JOD', 'TND']);

/** Number of minor-unit digits of a currency (CNY 2, JPY 0, KWD 3). */
export function minorDigits(currency: string): number {
  const c = currency.toUpperCase();
  if (ZERO_DECIMAL.has(c)) return 0;
  if (THREE_DECIMAL.has(c)) return 3;
  return 2;
}

/** 59.9 CNY → 5990. Rounds half away from zero to absorb binary floating-point noise. */
export function toMinor(major: number, currency: string): number {
  const factor = 10 ** minorDigits(currency);
  const scaled = major * factor;
  return Math.sign(scaled) * Math.round(Math.abs(scaled) + 1e-9);
}

/** 5990 CNY → 59.9 */
export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

const SYMBOLS: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', GBP: '£', JPY: '¥', HKD: 'HK$' };

// One formatter per digit count: toLocaleString builds a new Intl formatter per call (~90 µs),
// which dominated decide()'s latency; a cached one formats in ~2 µs.
const FORMATTERS = new Map<number, Intl.NumberFormat>();
function formatterFor(digits: number): Intl.NumberFormat {
  let f = FORMATTERS.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    FORMATTERS.set(digits, f);
  }
  return f;
}

/** Human rendering: `¥59.90`, `$12.00`, `1,200 KRW`. */
export function formatMoney(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const major = formatterFor(digits).format(toMajor(Math.abs(minor), currency));
  const sign = minor < 0 ? '-' : '';
  const symbol = SYMBOLS[currency.toUpperCase()];
  return symbol ? `${sign}${symbol}${major}` : `${sign}${major} ${currency.toUpperCase()}`;
}

/** `percent` of an amount, rounded down to a whole minor unit (never over-pays). */
export function percentOf(minor: number, percent: number): number {
  return Math.floor((minor * percent) / 100);
}

/**
 * The largest amount Settle accepts, in major units (10⁹ yuan, dollars …): far above any order,
 * and every such amount in minor units is still a safe integer (≤ 10¹² < 2⁵³).
 */
export const MAX_MAJOR_AMOUNT = 1_000_000_000;

/** Names people use that are not ISO-4217 codes, with the code to use instead. */
const NOT_ISO: Record<string, string> = { RMB: 'CNY', YEN: 'JPY', NTD: 'TWD', RUR: 'RUB', UKP: 'GBP', EURO: 'EUR' };

let isoCodes: Set<string> | undefined;
function isoCurrencies(): Set<string> {
  isoCodes ??= new Set(Intl.supportedValuesOf('currency'));
  return isoCodes;
}

/**
 * Why `code` is not a currency Settle can use, or undefined when it is an ISO-4217 code
 * (any case). `RMB` → "RMB is not an ISO-4217 code: use CNY".
 */
export function currencyProblem(code: string): string | undefined {
  const c = code.trim().toUpperCase();
  if (NOT_ISO[c]) return `${code} is not an ISO-4217 code: use ${NOT_ISO[c]}`;
  if (!/^[A-Z]{3}$/.test(c) || !isoCurrencies().has(c)) return `${code} is not an ISO-4217 currency code (e.g. CNY, USD, EUR)`;
  return undefined;
}
