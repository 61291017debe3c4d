import { describe, expect, it } from 'vitest';
import { readAnswer, swapRoles, swapTurn } from '../../../src/core/training/swap.ts';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';
import { findScenario, loadScenarios } from '../../../src/training/load-scenarios.ts';

const playbook = loadPlaybook('playbooks');
const library = loadScenarios();
const now = new Date('2026-11-24T02:00:00Z');

describe('role swap: Settle plays the agent with its own drafts', () => {
  it('L-4 drafts on the complaint, asks the customer for the weight, and decides again on the answer', () => {
    const scenario = findScenario(library, 'missing-item-zh');
    let s = swapRoles(scenario, 'zh', library.settings);
    const first = swapTurn(s, '我买了3件白色T恤只收到2件,少发了一件!', now, playbook);
    expect(first.draft?.subtype).toBe('missing_item');
    expect(first.agentReply).toContain(library.settings.swapQuestions.zh.weightMatchesCustomerClaim);
    expect(first.session.pending).toBe('weightMatchesCustomerClaim');
    s = first.session;
    const second = swapTurn(s, '对,面单重量就是两件的', now, playbook);
    expect(second.session.answers).toMatchObject({ weightMatchesCustomerClaim: true });
    expect(second.draft?.offers[0]?.kind).toBe('reship');
    const done = swapTurn(second.session, '好的,谢谢', now, playbook);
    expect(done).toMatchObject({ ended: true, reason: 'resolved', agentReply: library.settings.swapClosing.zh });
  });

  it('M-1 an extortion attempt gets no money and an escalation, with no scenario at all', () => {
    const s = swapRoles(null, 'en', library.settings);
    const r = swapTurn(s, 'Pay me $50 or I will leave bad reviews on your shop. Add me on WhatsApp to sort it out.', now, playbook);
    expect(r.draft?.category).toBe('malicious');
    expect(r.draft?.escalate).toBe(true);
    expect(r.draft?.offers.every((o) => o.amountMinor === null || o.amountMinor === 0)).toBe(true);
  });

  it('/giveup ends it', () => {
    expect(swapTurn(swapRoles(null, 'zh', library.settings), '/giveup', now, playbook)).toMatchObject({ ended: true, reason: 'gave_up' });
  });
});

describe('readAnswer', () => {
  const order = findScenario(library, 'missing-item-zh').case.order;
  it.each([
    ['weightMatchesCustomerClaim', '是的,一样', true],
    ['weightMatchesCustomerClaim', '不一样,重很多', false],
    ['duplicateCharge', 'Yes, two identical charges', true],
    ['priceNow', '现在249元', 249],
    ['missingSku', '少了TS-W那件', 'TS-W'],
    ['urgent', '嗯……', undefined],
  ] as const)('%s: %s → %s', (fact, text, value) => {
    expect(readAnswer(fact, text, order)).toBe(value);
  });
});
