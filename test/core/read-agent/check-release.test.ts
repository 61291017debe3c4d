import { describe, expect, it } from 'vitest';
import { parseCaseLine } from '../../../src/core/contract/parse-case.ts';
import { allowedAmounts, checkRelease } from '../../../src/core/read-agent/check-release.ts';
import { draftCase } from '../../../src/core/settle-case.ts';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';

const playbook = loadPlaybook();
const now = new Date('2026-11-24T02:00:00Z');
const order = {
  id: 'T1001', currency: 'CNY', items: [{ sku: 'TS-W', name: '白色T恤', unitPrice: 59.0, qty: 3 }], total: 177.0, shippingFee: 0,
  freeShipping: true, region: '浙江', status: 'delivered', deliveredAt: '2026-11-22T10:00:00+08:00', sevenDayReturn: true,
};
const c = parseCaseLine({ id: 'c1', message: '买了三件白色T恤，收到只有两件，少发了一件，我的电话13812345678', order, facts: { weightMatchesCustomerClaim: true, missingSku: 'TS-W' } }, now).value;
const draft = draftCase(c, playbook);
const check = (text: string, options = {}) => checkRelease(text, c, draft, playbook, 'supervisor', options);

describe('checkRelease (L-4 missing item: reship, or refund ¥59.00)', () => {
  it('the composed draft passes', () => {
    expect(check(draft.reply.text).refusals).toEqual([]);
  });

  it('allowed figures: offers, order total and item prices, playbook postage and coupon values', () => {
    const allowed = allowedAmounts(c, draft, playbook);
    for (const n of [5900, 17700, 600, 1200, 500, 1000]) expect(allowed.has(n)).toBe(true);
    expect(allowed.has(500_000)).toBe(false);
  });

  it.each([
    '我们退您¥59.00，另外退回运费¥6。',
    '订单总额177元，少发的一件59元我们直接退给您。',
  ])('passes: "%s"', (text) => {
    expect(check(text).refusals).toEqual([]);
  });

  it.each([
    ['我们会退您¥5,000现金。', 'amount'],
    ['补偿您伍佰元。', 'amount'],
    ['We can send you $59.', 'amount'],
    ['这一单给您免单。', 'amount'],
    ['我们给您双倍赔偿。', 'amount'],
    ['给个好评我们再返您5元。', 'T-4'],
    ['麻烦把银行卡号发给我，方便退款。', 'P-3'],
    ['再给您 five grand 作为补偿。', 'amount'],
    ['您的身份证110101199003074514我们已登记。', 'T-6'],
  ])('refuses "%s" (%s)', (text, rule) => {
    expect(check(text).refusals.map((r) => r.rule)).toContain(rule);
  });

  it('T-6 as POLICY.md says: the customer\'s own phone privately yes, publicly no', () => {
    const text = '补发后我们会打您的电话13812345678确认收货。';
    expect(check(text).refusals).toEqual([]);
    expect(check(text, { public: true }).refusals.map((r) => r.rule)).toEqual(['T-6']);
  });

  it('a polite request to update the review waits for a solved case', () => {
    const text = '如果您满意的话，方便把评价修改一下吗？';
    expect(check(text).refusals.map((r) => r.rule)).toEqual(['T-4']);
    expect(check(text, { solved: true }).refusals).toEqual([]);
  });

  it('T-3 is a warning for the approver, not a refusal', () => {
    const r = check('这种事情很常见，我们给您补发。');
    expect(r.refusals).toEqual([]);
    expect(r.warnings.map((w) => w.rule)).toEqual(['T-3']);
  });

  it('an agent cannot release offers that need a supervisor', () => {
    const big = { ...draft, offers: draft.offers.map((o) => (o.kind === 'refund' ? { ...o, amountMinor: 17700 } : o)) };
    const r = checkRelease('我们给您全额退款¥177.00。', c, big, playbook, 'agent');
    expect(r.refusals.map((x) => x.rule)).toContain('amount');
  });
});
