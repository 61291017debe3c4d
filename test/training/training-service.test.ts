import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';
import { loadScenarios } from '../../src/training/load-scenarios.ts';
import { createTrainingService } from '../../src/training/training-service.ts';
import { openTrainingFile } from './open-training-file.ts';

const playbook = loadPlaybook('playbooks');
const library = loadScenarios();
const t0 = new Date('2026-11-24T02:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe('training in a chat thread', () => {
  it('runs a session across a restart and ends with the scorecard and the policy resolution', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'settle-train-svc-')), 'settle.db');
    let store = openTrainingFile(path);
    let svc = createTrainingService({ store, library, playbook });
    const started = await svc.start({ threadKey: 'slack:C1:1700.1', trainee: 'U1', scenarioId: 'payment-twice-en' }, t0);
    expect(started.opening).toContain('charged twice');
    await expect(svc.start({ threadKey: 'slack:C1:1700.1', trainee: 'U1' }, t0)).rejects.toThrow(/already running/);

    const first = await svc.reply('slack:C1:1700.1', "I'm so sorry about the double charge. Could you check your bank statement for the two payments?", at(30));
    expect(first.ended).toBe(false);
    expect(first.customerReply).toContain('both payments');
    await store.close();

    store = openTrainingFile(path);
    svc = createTrainingService({ store, library, playbook });
    const last = await svc.reply('slack:C1:1700.1', "Thank you. I'm refunding the duplicate $45 now; it will be credited within 24 hours and I'll follow up tomorrow.", at(60));
    expect(last).toMatchObject({ ended: true, reason: 'resolved' });
    expect(last.scorecard?.revealed).toEqual(['duplicateCharge']);
    expect(last.summary).toContain('Policy-correct resolution: price/payment_issue');
    expect((await store.sessions('U1'))[0]?.total).toBe(last.scorecard?.total);
    await expect(svc.reply('slack:C1:1700.1', 'hello?', at(90))).rejects.toThrow(/no training session is running/);
    await store.close();
  });

  it('without a scenario id, picks one the trainee has not played in the language asked', async () => {
    const store = openTrainingFile(join(mkdtempSync(join(tmpdir(), 'settle-train-svc-')), 'settle.db'));
    const svc = createTrainingService({ store, library, playbook });
    const a = await svc.start({ threadKey: 't1', trainee: 'U2', lang: 'zh' }, t0);
    const b = await svc.start({ threadKey: 't2', trainee: 'U2', lang: 'zh' }, t0);
    expect(a.scenario.lang).toBe('zh');
    expect(b.scenario.id).not.toBe(a.scenario.id);
    await store.close();
  });
});

describe('role swap in a chat thread', () => {
  it('Settle answers as the agent, asks for the fact, survives a restart and closes on agreement', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'settle-train-svc-')), 'settle.db');
    let store = openTrainingFile(path);
    let svc = createTrainingService({ store, library, playbook });
    await svc.startSwap({ threadKey: 'discord:42', trainee: 'U3', scenarioId: 'missing-item-zh' }, t0);
    const first = await svc.swapReply('discord:42', '我买了3件白色T恤只收到2件,少发了一件!', at(10));
    expect(first.draft?.subtype).toBe('missing_item');
    expect(first.agentReply).toContain(library.settings.swapQuestions.zh.weightMatchesCustomerClaim);
    await store.close();

    store = openTrainingFile(path);
    svc = createTrainingService({ store, library, playbook });
    const second = await svc.swapReply('discord:42', '对,面单重量就是两件的', at(20));
    expect(second.draft?.offers[0]?.kind).toBe('reship');
    const done = await svc.swapReply('discord:42', '好的,谢谢', at(30));
    expect(done).toMatchObject({ ended: true, reason: 'resolved' });
    expect(await store.getSession(done.sessionId)).toMatchObject({ mode: 'swap', endReason: 'resolved' });
    await expect(svc.swapReply('discord:42', 'hello', at(40))).rejects.toThrow(/no role swap is running/);
    await store.close();
  });
});
