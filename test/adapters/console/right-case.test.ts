/**
 * The console acts on the case and revision its person saw: a typo'd case id is an error, a bare
 * command acts on the case that person last opened, an approval releases the revision last shown
 * to them (a newer one is refused with the new card), and `/as` is off on a chat store.
 */
import { PassThrough, Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { runConsole, type ConsoleOptions } from '../../../src/adapters/console/run-console.ts';
import { identityLock } from '../../../src/cli/commands/console.ts';
import { loadConfig } from '../../../src/config.ts';
import { openDesk, type DeskFixture } from '../../app/desk-fixture.ts';

let fx: DeskFixture;
afterEach(async () => {
  await fx?.store.close();
});

async function session(lines: string[], extra: Partial<ConsoleOptions> = {}): Promise<{ out: string; errors: number }> {
  const input = new PassThrough();
  let out = '';
  const output = new Writable({ write(c, _e, cb) { out += String(c); cb(); } });
  input.end(lines.map((l) => `${l}\n`).join(''));
  const r = await runConsole({ desk: fx.desk, input, output, interactive: false, color: false, width: 80, logger: pino({ level: 'silent' }), getOrder: (id) => fx.store.getOrder(id), ...extra });
  return { out, errors: r.errors };
}

const MISSING = '/new --order T1001 买了三件白色T恤，收到只有两件，少发了一件';
const OTHER = '/new --order T1003 耳机外壳有一点划痕，小瑕疵，不影响使用';

describe('console: the right case and revision', () => {
  it("'/approve 1' (a typo'd id) releases nothing, and neither does an id that does not exist", async () => {
    fx = await openDesk();
    const { out, errors } = await session(['/as agent li', MISSING, OTHER, '/as supervisor wang', '/show c2', '/approve 1', '/approve c9', '/reject 1 too generous']);
    expect(out).toContain("✗ '1' is not a case id: case ids look like c1 (or #1). Nothing was done.");
    expect(out).toMatch(/✗ No case c9\. \(not_found\)/);
    expect(errors).toBe(3);
    for (const id of ['c1', 'c2']) expect((await fx.desk.get(id)).status).toBe('drafted');
  });

  it('a bare command acts on the case THAT person last opened, not the last one on screen', async () => {
    fx = await openDesk();
    const { out } = await session(['/as agent li', MISSING, '/as supervisor wang', '/show c1', '/as agent zhao', OTHER, '/as supervisor wang', '/approve']);
    // Zhao filed c2 last, but Wang last opened c1: c1 is the one released.
    expect(out).toContain('✓ c1 released');
    expect((await fx.desk.get('c1')).status).toBe('released');
    expect((await fx.desk.get('c2')).status).toBe('drafted');
  });

  it('without having opened a case, a bare /approve asks which; an unseen case is shown, not released', async () => {
    fx = await openDesk();
    const { out } = await session(['/as agent li', MISSING, '/as supervisor wang', '/approve', '/approve c1']);
    expect(out).toContain('✗ Which case? wang has not opened one yet');
    expect(out).toMatch(/wang \(supervisor\) › \/approve c1\n┌ c1 .* rev 1/);
    expect(out).toContain('wang had not seen c1 yet; above is rev 1');
    expect((await fx.desk.get('c1')).status).toBe('drafted');
  });

  it('an approval carries the revision shown to the approver: a newer one is refused with the new card', async () => {
    fx = await openDesk();
    const { out } = await session(['/as agent li', MISSING, '/as supervisor wang', '/show c1', '/as agent zhao', '/show c1', '/answer weightMatchesCustomerClaim yes', '/as supervisor wang', '/approve']);
    expect(out).toContain('c1 changed since you saw it (rev 1 → rev 2); above is the new card');
    const refusal = out.slice(out.lastIndexOf('wang (supervisor) › /approve'));
    expect(refusal).toMatch(/┌ c1 .* rev 2/);
    expect((await fx.desk.get('c1')).status).toBe('drafted');
    // Having now seen rev 2, the same command releases rev 2.
    const again = await session(['/as supervisor wang', '/show c1', '/approve']);
    expect(again.out).toContain('✓ c1 released');
    expect((await fx.desk.history('c1')).find((e) => e.action === 'approved')?.detail.revision).toBe(2);
  });

  it('/as is refused when the store is used by Slack or Discord, or holds their actors', async () => {
    fx = await openDesk();
    const chat = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' });
    expect(await identityLock(chat, fx.store)).toEqual({ identityLocked: 'Slack or Discord is configured for this store' });
    const offline = loadConfig({});
    expect(await identityLock(offline, fx.store)).toEqual({});
    await fx.desk.submit({ actor: { id: 'discord:1300000000000000202', displayName: 'li', role: 'agent', platform: 'discord' }, message: '包裹一直没到' });
    const locked = await identityLock(offline, fx.store);
    expect(locked.identityLocked).toContain('holds cases from Slack or Discord');
    const { out, errors } = await session(['/as supervisor anyone', '/whoami'], locked);
    expect(out).toContain('✗ /as is off: this store holds cases from Slack or Discord');
    expect(out).toContain('You are agent, agent (console:agent).');
    expect(errors).toBe(1);
  });
});
