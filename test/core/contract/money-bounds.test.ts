/**
 * Money at the contract's edge: bounded to 10⁹ major units (so every minor amount is a safe
 * integer and no draft says "¥∞"), and only ISO-4217 currency codes.
 */
import { describe, expect, it } from 'vitest';
import { parseCaseLine } from '../../../src/core/contract/parse-case.ts';
import { currencyProblem, MAX_MAJOR_AMOUNT } from '../../../src/core/money.ts';

const NOW = new Date('2026-11-24T02:00:00Z');
const line = (order: object, facts: object = {}) => ({ id: 'c', message: 'it arrived broken', order: { id: 'T', ...order }, facts });
const errorOf = (obj: object) => {
  try {
    parseCaseLine(obj, NOW);
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
};

describe('amounts are bounded', () => {
  it('refuses a price of 1e307 instead of drafting ¥∞', () => {
    expect(errorOf(line({ items: [{ sku: 'A', unitPrice: 1e307 }] }))).toBe('order.items[0].unitPrice: at most 1,000,000,000 (major units); order.items: the items add up to more than 1,000,000,000 (major units)');
  });

  it('refuses items that add up past the bound, a total or a money fact past it', () => {
    expect(errorOf(line({ items: [{ sku: 'A', unitPrice: 1000, qty: 9_999_999 }] }))).toContain('order.items: the items add up to more than');
    expect(errorOf(line({ items: [], total: 2e9 }))).toContain('order.total: at most 1,000,000,000');
    expect(errorOf(line({ items: [] }, { priceNow: 1e10 }))).toContain('facts.priceNow: at most 1,000,000,000');
  });

  it('accepts the bound itself, and every minor amount stays a safe integer', () => {
    const { value } = parseCaseLine(line({ currency: 'KWD', items: [{ sku: 'A', unitPrice: MAX_MAJOR_AMOUNT }] }), NOW);
    expect(value.order?.items[0]?.unitPriceMinor).toBe(1e12);
    expect(Number.isSafeInteger(value.order?.totalMinor)).toBe(true);
  });
});

describe('currencies are ISO-4217 codes', () => {
  it.each([
    ['RMB', 'RMB is not an ISO-4217 code: use CNY'],
    ['YEN', 'YEN is not an ISO-4217 code: use JPY'],
    ['ABC', 'ABC is not an ISO-4217 currency code (e.g. CNY, USD, EUR)'],
    ['¥', '¥ is not an ISO-4217 currency code (e.g. CNY, USD, EUR)'],
  ])('%s is refused with the fix', (code, message) => {
    expect(currencyProblem(code)).toBe(message);
    expect(errorOf(line({ currency: code, items: [] }))).toBe(`order.currency: ${message}`);
  });

  it('accepts real codes in any case', () => {
    for (const c of ['CNY', 'usd', 'Eur', 'JPY', 'KWD', 'TWD']) expect(currencyProblem(c)).toBeUndefined();
  });
});
