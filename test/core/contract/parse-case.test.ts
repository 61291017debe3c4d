import { describe, expect, it } from 'vitest';
import { parseCaseLine, parseClassifyLine, parseFactValue } from '../../../src/core/contract/parse-case.ts';
import { UserError } from '../../../src/core/errors.ts';

const NOW = new Date('2026-11-24T02:00:00Z');

function errorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('parseCaseLine (CONTRACT.md settle draft input)', () => {
  it('converts money from major to integer minor units and keeps the order currency', () => {
    const { value } = parseCaseLine({
      id: 'c1', message: '少发了一件',
      order: { id: 'T1', currency: 'CNY', items: [{ sku: 'TS-W', name: '白色T恤', unitPrice: 59.9, qty: 3 }], total: 179.7, region: '浙江', status: 'delivered' },
      facts: { wrongItemValue: 12.34, returnShippingCost: 6, priceNow: 0.1, verifiedDifference: 1.005, missingSku: 'TS-W' },
    }, NOW);
    expect(value.order?.items[0]?.unitPriceMinor).toBe(5990);
    expect(value.order?.totalMinor).toBe(17970);
    expect(value.order?.freeShipping).toBe(true);
    expect(value.facts).toEqual({ wrongItemValueMinor: 1234, returnShippingCostMinor: 600, priceNowMinor: 10, verifiedDifferenceMinor: 101, missingSku: 'TS-W' });
  });

  it('reads the contract additions: promisedShipHours, firstWeightOnlyFree, platformPenalty (major → minor), status unpaid, the five new facts', () => {
    const { value, warnings } = parseCaseLine({
      id: 'c2', message: '还没发货',
      order: { id: 'T2', currency: 'USD', items: [{ sku: 'A', unitPrice: 20, qty: 1 }], status: 'unpaid', promisedShipHours: 48, firstWeightOnlyFree: true, platformPenalty: 2.5 },
      facts: { deliveryProblem: 'customs', repairedElsewhere: true, agentError: false, postageDiscussed: false, safetyIncident: true },
    }, NOW);
    expect(warnings).toEqual([]);
    expect(value.order).toMatchObject({ status: 'unpaid', promisedShipHours: 48, firstWeightOnlyFree: true, platformPenaltyMinor: 250 });
    expect(value.facts).toEqual({ deliveryProblem: 'customs', repairedElsewhere: true, agentError: false, postageDiscussed: false, safetyIncident: true });
  });

  it('a deliveryProblem outside out_of_zone|failed|returned|customs is a one-line error naming the fact', () => {
    const e = errorOf(() => parseCaseLine({ id: 'c3', message: 'x', facts: { deliveryProblem: 'lost' } }, NOW));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(/^facts\.deliveryProblem: /);
    expect(e.message).not.toContain('\n');
  });

  it('a negative or zero promisedShipHours and a negative platformPenalty are refused', () => {
    expect(errorOf(() => parseCaseLine({ id: 'c4', message: 'x', order: { id: 'T', promisedShipHours: 0 } }, NOW)).message).toContain('order.promisedShipHours');
    expect(errorOf(() => parseCaseLine({ id: 'c5', message: 'x', order: { id: 'T', platformPenalty: -1 } }, NOW)).message).toContain('order.platformPenalty');
  });

  it('uses the currency minor digits: JPY has none', () => {
    const { value } = parseCaseLine({ id: 'j', message: 'broken', order: { id: 'J1', currency: 'JPY', items: [{ sku: 'A', unitPrice: 1200, qty: 2 }] } }, NOW);
    expect(value.order?.items[0]?.unitPriceMinor).toBe(1200);
    expect(value.order?.totalMinor).toBe(2400);
  });

  it('takes the clock from the line when given, else from the caller', () => {
    expect(parseCaseLine({ id: 'a', message: 'x', now: '2026-11-24T10:00:00+08:00' }, NOW).value.now.toISOString()).toBe('2026-11-24T02:00:00.000Z');
    expect(parseCaseLine({ id: 'a', message: 'x' }, NOW).value.now).toBe(NOW);
  });

  it('reports unknown fields as warnings instead of failing or passing silently', () => {
    const { warnings } = parseCaseLine({ id: 'a', message: 'x', colour: 'red', order: { id: 'T', freeShiping: true, items: [{ sku: 'A', unitPrice: 1, sizee: 'L' }] }, facts: { urgnet: true } }, NOW);
    expect(warnings).toEqual([
      'colour: unknown field, ignored',
      'order.freeShiping: unknown field, ignored',
      'order.items[0].sizee: unknown field, ignored',
      'facts.urgnet: unknown field, ignored',
    ]);
  });

  it.each([
    [{ message: 'no id' }, 'invalid_input', /id/],
    [{ id: 'a' }, 'invalid_input', /message/],
    [{ id: 'a', message: 42 }, 'invalid_input', /message/],
    [{ id: 'a', message: 'x', order: { id: 'T', items: [{ sku: 'A', unitPrice: '59' }] } }, 'invalid_input', /order\.items\[0\]\.unitPrice/],
    [{ id: 'a', message: 'x', order: { id: 'T', items: [], total: -1 } }, 'invalid_input', /order\.total/],
    [{ id: 'a', message: 'x', now: 'yesterday' }, 'invalid_input', /now/],
    [{ id: 'a', message: 'x', lang: 'fr' }, 'invalid_input', /lang/],
    [{ id: 'a', message: 'x'.repeat(50_000) }, 'message_too_long', /message/],
    [{ id: 'a', message: '  \n ' }, 'empty_message', /empty/],
  ])('rejects %j with %s naming the field', (line, code, pattern) => {
    const e = errorOf(() => parseCaseLine(line, NOW));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(pattern);
  });
});

describe('parseClassifyLine', () => {
  it('accepts numeric ids and keeps known customer context only', () => {
    const { value, warnings } = parseClassifyLine({ id: 7, text: '好', customer: { accountAgeDays: 3, vip: true } });
    expect(value).toEqual({ id: '7', text: '好', customer: { accountAgeDays: 3 } });
    expect(warnings).toEqual(['customer.vip: unknown field, ignored']);
  });
});

describe('parseFactValue (answers typed by a person)', () => {
  it.each([
    ['weightMatchesCustomerClaim', 'yes', true],
    ['weightMatchesCustomerClaim', '否', false],
    ['wrongItemValue', '12.5', 12.5],
    ['missingSku', 'TS-W', 'TS-W'],
  ] as const)('%s %s → %s', (fact, raw, expected) => {
    expect(parseFactValue(fact, raw)).toBe(expected);
  });

  it('refuses a value of the wrong type', () => {
    expect(errorOf(() => parseFactValue('urgent', 'maybe')).code).toBe('invalid_input');
  });
});
