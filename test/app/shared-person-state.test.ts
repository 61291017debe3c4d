/**
 * Two Settle apps on one store file (two processes, or two consoles, on one host) agree on what
 * a person continues from: the edit the desk refused, the case they last opened, and the turns
 * of a training thread played by both at once. Each app has its own desk, training service and
 * connection; nothing is shared but the file.
 */
import { PassThrough, Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { runConsole } from '../../src/adapters/console/run-console.ts';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';
import { loadScenarios } from '../../src/training/load-scenarios.ts';
import { createTrainingService } from '../../src/training/training-service.ts';
import { openDesk, wang, type DeskFixture } from './desk-fixture.ts';

const opened: DeskFixture[] = [];
afterEach(async () => {
  for (const fx of opened.splice(0)) await fx.store.close();
});

/** Two apps on one fresh file. */
async function twoApps(): Promise<[DeskFixture, DeskFixture]> {
  const a = await openDesk();
  const b = await openDesk(a.path);
  opened.push(a, b);
  return [a, b];
}

async function consoleSession(fx: DeskFixture, lines: string[]): Promise<string> {
  const input = new PassThrough();
  let out = '';
  const output = new Writable({ write(c, _e, cb) { out += String(c); cb(); } });
  input.end(lines.map((l) => `${l}\n`).join(''));
  await runConsole({ desk: fx.desk, input, output, interactive: false, color: false, width: 80, logger: pino({ level: 'silent' }), clock: () => new Date('2026-11-24T04:30:00Z') });
  return out;
}

describe('two apps on one store file', () => {
  it('an edit kept by one is where the same person continues at the other, and is gone for both once forgotten', async () => {
    const [a, b] = await twoApps();
    const c = await a.desk.submit({ actor: wang, message: '我买了三件白T恤只收到两件，少发了一件', orderId: 'T1001' });
    await a.desk.keepEdit(c.id, wang, { replyText: '亲，给您退 59 元', amounts: { 1: '59' } });
    expect(await b.desk.keptEdit(c.id, wang)).toEqual({ replyText: '亲，给您退 59 元', amounts: { 1: '59' } });
    expect(await b.desk.keptEdit(c.id, { ...wang, id: 'console:chen' })).toBeUndefined();
    await b.desk.forgetEdit(c.id, wang);
    expect(await a.desk.keptEdit(c.id, wang)).toBeUndefined();
  });

  it('a bare console command at the second app acts on the case the person opened at the first', async () => {
    const [a, b] = await twoApps();
    await consoleSession(a, ['/as agent li', '我买了三件白T恤只收到两件，少发了一件', '/new 发错货了,我要的是黑色的', '/as supervisor wang', '/show c1']);
    const out = await consoleSession(b, ['/as supervisor wang', '/history']);
    expect(out).toMatch(/c1/);
    expect(out).not.toMatch(/has not opened one yet/);
    expect(out).not.toMatch(/\bc2\b/);
    // Someone who opened nothing is asked which case, at either app.
    expect(await consoleSession(b, ['/as supervisor chen', '/history'])).toMatch(/chen has not opened one yet/);
  });

  it('two lines of one training thread played by the two apps at once are both played, one after the other', async () => {
    const [a, b] = await twoApps();
    const playbook = loadPlaybook('playbooks');
    const library = loadScenarios();
    const svcA = createTrainingService({ store: a.store.training, library, playbook });
    const svcB = createTrainingService({ store: b.store.training, library, playbook });
    const t0 = new Date('2026-11-24T02:00:00Z');
    await svcA.start({ threadKey: 'slack:C1:1700.1', trainee: 'U1', scenarioId: 'payment-twice-en' }, t0);
    const lines = ["I'm so sorry about the double charge.", 'Could you check your bank statement for the two payments?'];
    // Both read the session before either saves: without the turn's compare-and-set one line is lost.
    const [ra, rb] = await Promise.all([svcA.reply('slack:C1:1700.1', lines[0]!, t0), svcB.reply('slack:C1:1700.1', lines[1]!, t0)]);
    expect([ra.ended, rb.ended]).toEqual([false, false]);
    const saved = await b.store.training.activeInThread('slack:C1:1700.1');
    const agentLines = saved?.transcript.filter((t) => t.role === 'agent').map((t) => t.text) ?? [];
    expect(agentLines.sort()).toEqual([...lines].sort());
    expect(saved?.turn).toBe(2);
    // Each customer answer follows the agent line it answers.
    const roles = saved?.transcript.map((t) => t.role) ?? [];
    expect(roles.slice(-4)).toEqual(['agent', 'customer', 'agent', 'customer']);
  });
});
