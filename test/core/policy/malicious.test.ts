import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/core/policy/decide.ts';
import { findTaboos } from '../../../src/core/reply/guard.ts';
import { SUBTYPES, type Facts } from '../../../src/core/types.ts';
import { cls, makeCase, offerSummary, order, playbook } from './helpers.ts';

/** Facts an agent checked that confirm no real problem: the hostile message stays M-1. */
const nothingConfirmed: Facts = {
  duplicateCharge: false, verifiedDifferenceMinor: 0, weightMatchesCustomerClaim: false, customerInsistsReturn: true,
  misuse: true, listingAccurate: true, invoiceAvailable: true, customerHasProof: false,
};
/** Facts that confirm real problems (M-2 material). */
const everything: Facts = {
  duplicateCharge: true, verifiedDifferenceMinor: 5000, weightMatchesCustomerClaim: true, missingSku: 'TS-W',
  customerInsistsReturn: true, misuse: false, listingAccurate: false, invoiceAvailable: false, priceNowMinor: 100,
};

describe('malicious handler (POLICY.md M-1, M-2)', () => {
  it.each(SUBTYPES.malicious.map((s) => [s]))('M-1 %s → no money, evidence checklist, escalate to a supervisor', (subtype) => {
    const d = decide(makeCase(nothingConfirmed), playbook, cls(subtype));
    expect(offerSummary(d)).toEqual(['none']);
    expect(d.offers.every((o) => o.amountMinor === null)).toBe(true);
    expect(d.escalate).toBe(true);
    expect(d.approval).toBe('supervisor');
    expect(d.rules).toContain('M-1');
    const list = d.checklist.join('\n');
    for (const item of ['聊天记录', '交易记录', '物流单号', '签收信息', '进货发票', '公安机关']) expect(list).toContain(item);
    expect(d.reply.text).not.toContain('道歉');
    expect(findTaboos(d.reply.text)).toEqual([]);
  });

  it('M-1 delivered order → the neutral, factual reply of 001 5.3.1', () => {
    const d = decide(makeCase(), playbook, cls('extortion'));
    expect(d.reply.text).toContain('经核实，您的订单物流显示已签收');
    expect(d.reply.text).toContain('我们会全力解决');
  });

  it('M-1 off-platform → keep the conversation on the platform', () => {
    const d = decide(makeCase({}, {}), playbook, cls('off_platform', 'en'));
    expect(d.reply.text).toContain('on the platform only');
    expect(d.checklist.join('\n')).toContain('no WeChat/QQ');
  });

  it('M-1 not delivered yet → neutral reply without claiming delivery', () => {
    const d = decide(makeCase({}, { order: order({ status: 'shipped', deliveredAt: undefined }) }), playbook, cls('pro_bad_reviewer'));
    expect(d.reply.text).not.toContain('已签收');
  });

  it('M-2 a real quality problem inside a hostile message → handled by Q-2, escalated for signal review', () => {
    const d = decide(makeCase({ misuse: false, customerInsistsReturn: true }), playbook, cls('quality_problem', 'zh', { secondary: ['malicious'] }));
    expect(offerSummary(d)).toEqual(['exchange', 'return_refund:17700', 'coupon:500']);
    expect(d.escalate).toBe(true);
    expect(d.approval).toBe('supervisor');
    expect(d.rules).toEqual(expect.arrayContaining(['Q-2', 'M-2']));
    expect(d.checklist[0]).toContain('M-2');
  });

  it.each(['zh', 'en'] as const)('M-2 malicious first, real quality concern second → the defect\'s own remedy after a supervisor\'s review (%s)', (lang) => {
    const d = decide(makeCase({ misuse: false }), playbook, cls('extortion', lang, { secondary: ['quality'] }));
    expect([d.category, d.subtype]).toEqual(['quality', 'quality_problem']);
    expect(offerSummary(d)).toEqual(['partial_refund:5310', 'coupon:500', 'exchange', 'return_refund:17700']);
    expect(d.escalate).toBe(true);
    expect(d.approval).toBe('supervisor');
    expect(d.rules).toEqual(expect.arrayContaining(['Q-2', 'M-1', 'M-2']));
    expect(d.checklist[0]).toContain('M-2');
    // The reply never denies what the customer reported (no "no after-sales request on record").
    expect(d.reply.text).not.toMatch(/没有售后咨询记录|no after-sales request on record/);
    expect(d.reply.text).toMatch(/记录下来|recorded the problem/);
  });

  it.each(['zh', 'en'] as const)('M-1 malicious first, a concern only the words report (no fact confirms it) → no money, and the reply records the report (%s)', (lang) => {
    const d = decide(makeCase({}), playbook, cls('pro_bad_reviewer', lang, { secondary: ['quality'] }));
    expect([d.category, d.subtype]).toEqual(['malicious', 'pro_bad_reviewer']);
    expect(offerSummary(d)).toEqual(['none']);
    expect(d.escalate).toBe(true);
    expect(d.approval).toBe('supervisor');
    expect(d.rules).toContain('M-1');
    expect(d.reply.text).not.toMatch(/没有售后咨询记录|no after-sales request on record/);
    expect(d.reply.text).toMatch(/记录下来|recorded the problem/);
    // The agent's fact confirming the defect makes it M-2 (the test above).
    expect(decide(makeCase({ misuse: false }), playbook, cls('pro_bad_reviewer', lang, { secondary: ['quality'] })).category).toBe('quality');
  });

  it.each(['zh', 'en'] as const)('M-2 the agent says the store erred (agentError) under a malicious reading → §4 row 6, free return both ways, after review (%s)', (lang) => {
    const d = decide(makeCase({ agentError: true }), playbook, cls('off_platform', lang, { secondary: ['quality'] }));
    expect([d.category, d.subtype]).toEqual(['quality', 'change_of_mind']);
    expect([d.shipping.outbound, d.shipping.return]).toEqual(['seller', 'seller']);
    expect(d.rules).toEqual(expect.arrayContaining(['§4', 'M-2']));
    expect(d.approval).toBe('supervisor');
  });

  it('M-2 a hostile message whose weight check proves we under-shipped → L-4 remedy, supervisor only', () => {
    const d = decide(makeCase(everything), playbook, cls('extortion', 'zh'));
    expect([d.category, d.subtype]).toEqual(['logistics', 'missing_item']);
    expect(offerSummary(d)).toEqual(['reship', 'refund:5900', 'gift:1000']);
    expect(d.approval).toBe('supervisor');
    expect(d.rules).toContain('M-2');
  });
});
