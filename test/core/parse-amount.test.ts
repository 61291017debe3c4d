/**
 * The one amount grammar every edit form and console command uses: what a person may type, what
 * it is in minor units, and how each refusal reads (one line, naming the field).
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { MAX_MAJOR_AMOUNT } from '../../src/core/money.ts';
import { parseAmount } from '../../src/core/parse-amount.ts';

const FIELD = 'Offer 2 (Partial refund)';

function refusal(text: string, currency: string): UserError {
  try {
    parseAmount(text, currency, FIELD);
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error(`'${text}' in ${currency} was accepted`);
}

describe('accepted amounts, in minor units', () => {
  it.each([
    ['12.50', 'CNY', 1250],
    ['12.5', 'CNY', 1250],
    ['12', 'CNY', 1200],
    ['0', 'CNY', 0],
    ['0.01', 'CNY', 1],
    ['007.10', 'CNY', 710],
    ['¥12.50', 'CNY', 1250],
    ['￥12.50', 'CNY', 1250],
    ['12.50元', 'CNY', 1250],
    ['¥ 12.50', 'CNY', 1250],
    ['CNY 12.50', 'CNY', 1250],
    ['12.50 cny', 'CNY', 1250],
    ['  1,299.50  ', 'CNY', 129950],
    ['1,299', 'CNY', 129900],
    ['1,000,000', 'CNY', 100000000],
    ['１２３', 'CNY', 12300],
    ['１，２９９．５０', 'CNY', 129950],
    ['$4.99', 'USD', 499],
    ['US$4.99', 'USD', 499],
    ['HK$88', 'HKD', 8800],
    ['€3', 'EUR', 300],
    ['£0.99', 'GBP', 99],
    ['1,200', 'JPY', 1200],
    ['¥1200', 'JPY', 1200],
    ['1200円', 'JPY', 1200],
    ['12.345', 'KWD', 12345],
    ['12.3', 'KWD', 12300],
    ['1,000,000,000', 'CNY', MAX_MAJOR_AMOUNT * 100],
    ['1000000000.000', 'KWD', MAX_MAJOR_AMOUNT * 1000],
  ])('%s in %s → %i', (text, currency, minor) => {
    expect(parseAmount(text, currency, FIELD)).toBe(minor);
  });

  it('reads the digits as text, with no float rounding', () => {
    expect(parseAmount('0.29', 'CNY', FIELD)).toBe(29);
    expect(parseAmount('999,999,999.99', 'CNY', FIELD)).toBe(99_999_999_999);
  });
});

describe('refused amounts: one line, naming the field, saying why', () => {
  it.each([
    ['', 'CNY', /enter an amount in CNY/],
    ['   ', 'CNY', /enter an amount in CNY/],
    ['0x10', 'CNY', /not an amount/],
    ['1e3', 'CNY', /not an amount/],
    ['Infinity', 'CNY', /not an amount/],
    ['NaN', 'CNY', /not an amount/],
    ['twelve', 'CNY', /not an amount/],
    ['+5', 'CNY', /not an amount/],
    ['12 abc', 'CNY', /not an amount/],
    ['¥12 CNY', 'CNY', /not an amount/],
    ['-5', 'CNY', /negative/],
    ['¥-5', 'CNY', /negative/],
    ['－５', 'CNY', /negative/],
    ['30,01', 'CNY', /groups of three/],
    ['1,2345', 'CNY', /groups of three/],
    ['12,50', 'EUR', /groups of three/],
    ['1.2.3', 'CNY', /groups of three/],
    ['1,,000', 'CNY', /groups of three/],
    ['12.345', 'CNY', /CNY has at most 2 decimals/],
    ['12.', 'CNY', /put the decimals after/],
    ['1200.00', 'JPY', /JPY has no decimals/],
    ['12.3456', 'KWD', /KWD has at most 3 decimals/],
    ['$12.50', 'CNY', /not in CNY/],
    ['12.50 USD', 'CNY', /not in CNY/],
    ['€5', 'GBP', /not in GBP/],
    ['1,000,000,000.01', 'CNY', /at most 1,000,000,000 CNY/],
    ['99999999999999999999', 'CNY', /at most 1,000,000,000 CNY/],
  ])('%j in %s', (text, currency, why) => {
    const e = refusal(text, currency);
    expect(e.code).toBe('invalid_input');
    expect(e.message.startsWith(`${FIELD}: `)).toBe(true);
    expect(e.message).toMatch(why);
    expect(e.message).not.toContain('\n');
    expect(e.details).toMatchObject({ field: FIELD, value: text });
  });

  it('shows an example in the currency’s own precision', () => {
    expect(refusal('abc', 'CNY').message).toContain('1,299.50');
    expect(refusal('abc', 'JPY').message).toContain('1,200');
    expect(refusal('abc', 'KWD').message).toContain('1,299.500');
  });
});
