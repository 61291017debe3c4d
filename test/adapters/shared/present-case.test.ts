import { describe, expect, it } from 'vitest';
import { presentCase, formatClock } from '../../../src/adapters/shared/present-case.ts';
import { parseFactValue } from '../../../src/adapters/shared/fact-inputs.ts';
import { makeView } from './make-view.ts';

describe('presentCase', () => {
  it('shows a drafted Chinese case with Chinese labels, offers, postage, rules and questions', () => {
    const card = presentCase(makeView(), { previewChars: 200 });
    expect(card.title).toBe('物流 · 少发 — 待审批');
    expect(card.reply).toContain('非常抱歉');
    expect(card.offers.map((o) => o.text)).toEqual(['补发 — 补发缺少的配件 (L-4)', '优惠券 ¥5.00 (L-4)']);
    expect(card.postage).toBe('运费: 发货 卖家 · 退回 无');
    expect(card.rules).toEqual(['L-4', 'T-1']);
    expect(card.notices).toEqual(['需主管审批']);
    expect(card.actions).toEqual({ approve: true, edit: true, reject: true });
    expect(card.questions[0]).toMatchObject({ fact: 'weightMatchesCustomerClaim', input: 'boolean', choices: [{ label: '是', value: true }, { label: '否', value: false }] });
    expect(card.questions[1]).toMatchObject({ fact: 'wrongItemValue', input: 'money', choices: [] });
    expect(card.orderLine).toBe('订单 TB1001');
    expect(card.decision).toBeUndefined();
  });

  it('shows English labels for an English reply', () => {
    const view = makeView({}, { reply: { lang: 'en', text: 'Sorry!' }, offers: [{ kind: 'partial_refund', amountMinor: 1250, currency: 'USD', note: 'for the scratch', rule: 'Q-1' }], category: 'quality', subtype: 'minor_defect', approval: 'agent' });
    const card = presentCase(view, { previewChars: 200 });
    expect(card.title).toBe('Quality · minor defect — awaiting approval');
    expect(card.offers[0]?.text).toBe('Partial refund $12.50 — for the scratch (Q-1)');
    expect(card.notices).toEqual([]);
  });

  it('truncates a long customer message to the given length and says so', () => {
    const message = '快递'.repeat(2000);
    const card = presentCase(makeView({ message }), { previewChars: 300 });
    expect(card.messagePreview.length).toBeLessThanOrEqual(300);
    expect(card.messagePreview.endsWith('…')).toBe(true);
    expect(card.messageTruncated).toBe(true);
  });

  it('hides actions and questions and says who approved once released', () => {
    const view = makeView({
      status: 'released',
      decidedBy: 'slack:U_SUP',
      decidedAt: '2026-11-24T06:05:00.000Z',
      release: { id: 'r1', text: '最终回复', offers: [], releasedAt: '2026-11-24T06:06:00.000Z' },
    });
    const card = presentCase(view, { previewChars: 100, nameOf: (id) => `<@${id.slice(6)}>` });
    expect(card.actions).toEqual({ approve: false, edit: false, reject: false });
    expect(card.questions).toEqual([]);
    expect(card.reply).toBe('最终回复');
    expect(card.decision).toBe('批准人 <@U_SUP>,06:05 · 已发出 06:06');
  });

  it('says who rejected and why, in the case time zone', () => {
    const view = makeView({ status: 'rejected', decidedBy: 'console:li', decidedAt: '2026-11-24T06:05:00.000Z', rejectReason: 'wrong tone' }, { reply: { lang: 'en', text: 'x' } });
    expect(presentCase(view, { previewChars: 10, timeZone: 'Asia/Shanghai' }).decision).toBe('Rejected by li at 14:05: wrong tone');
  });

  it('formats clock times as HH:MM', () => {
    expect(formatClock('2026-11-24T00:07:00Z')).toBe('00:07');
  });
});

describe('parseFactValue', () => {
  it.each([
    ['weightMatchesCustomerClaim', 'yes', true],
    ['weightMatchesCustomerClaim', '否', false],
    ['wrongItemValue', '¥1,299.50', 1299.5],
    ['missingSku', ' TS-W ', 'TS-W'],
  ] as const)('%s %j → %j', (fact, raw, value) => expect(parseFactValue(fact, raw)).toBe(value));
  it('refuses nonsense with invalid_input naming the fact', () => {
    expect(() => parseFactValue('wrongItemValue', 'lots')).toThrow(/wrongItemValue/);
    expect(() => parseFactValue('urgent', 'maybe')).toThrow(/yes or no/);
  });
});
