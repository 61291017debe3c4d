/**
 * Failures a person must never see as a stack trace, and `settle start` (npm start) bringing
 * the Discord adapter up from the environment alone, in a child process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord.js';
import type { Desk } from '../../../src/app/desk.ts';
import { startDiscord } from '../../../src/adapters/discord/start-discord.ts';
import { loadConfig } from '../../../src/config.ts';
import { createSilentLogger } from '../../../src/logger.ts';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/fake-discord.ts';
import { CALLBACK, FOLLOW_UP, startHarness, type Harness } from './discord-harness.ts';

let h: Harness | undefined;
let fake: FakeDiscord | undefined;
afterEach(async () => {
  await h?.stop();
  await fake?.close();
  h = undefined;
  fake = undefined;
});

describe('Discord: failures', () => {
  it('a crash behind a click: an apology naming the case, the error logged with the case id', async () => {
    let broken = false;
    h = await startHarness({
      wrapDesk: (desk): Desk => ({
        ...desk,
        approve: async (...args) => {
          if (broken) throw new Error('disk I/O error at /var/lib/settle');
          return desk.approve(...args);
        },
      }),
    });
    const { card, caseId } = await h.fileCase('agent.li', { message: 'The blender stopped working after two days, it is broken', order: 'DC1001' });
    broken = true;
    const click = h.fake.click('sup.chen', card.id, h.buttonId(card, 'Approve'));
    const note = await h.answered(click, (c) => c.route === FOLLOW_UP && c.status === 200, 'the apology');
    const body = note.body as { content: string; flags: number };
    expect(body.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(body.content).toBe(`⚠️ Sorry, something went wrong (case ${caseId}). It has been logged; please try again.`);
    expect(body.content).not.toContain('disk I/O');
    const line = h.logs().split('\n').find((l) => l.includes('discord handler failed'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ level: 50, caseId, step: 'approve' });
    expect((await h.desk.get(caseId)).status).toBe('drafted');
    expect(h.fake.invalidCalls()).toEqual([]);
  });

  it('a button Settle no longer knows is answered politely', async () => {
    h = await startHarness();
    const { card } = await h.fileCase('agent.li', { message: 'The blender has a small scratch on the side', order: 'DC1001' });
    const forged = structuredClone(card);
    const rows = forged.components as unknown as { components: { custom_id: string }[] }[];
    const first = rows[0]?.components[0];
    if (first) first.custom_id = 'v0|approve|c1';
    const click = h.fake.clickOn('sup.chen', forged, 'v0|approve|c1');
    const reply = await h.answered(click, (c) => c.route === CALLBACK, 'the note');
    expect((reply.body as { data: { content: string } }).data.content).toContain('no longer in use');
  });
});

describe('Discord: login', () => {
  it('a refused token stops the start with a clear error, not a hang', async () => {
    fake = await startFakeDiscord();
    const config = loadConfig({ SETTLE_DB_PATH: '/tmp/unused.db', DISCORD_TOKEN: 'MTIz.bad.token', DISCORD_APPLICATION_ID: fake.world.applicationId, DISCORD_API_URL: fake.apiUrl });
    const desk = {} as Desk;
    const started = startDiscord({ desk, config, logger: createSilentLogger(), clock: () => new Date() });
    await expect(started).rejects.toMatchObject({ code: 'config_invalid', message: expect.stringMatching(/Discord login failed: .*token/i) });
    expect(fake.gateway.identifies).toHaveLength(0);
  });
});

describe('settle start with DISCORD_TOKEN and DISCORD_APPLICATION_ID', () => {
  it('starts the Discord adapter, answers /settle help, and stops on SIGTERM', async () => {
    fake = await startFakeDiscord();
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), 'settle-discord-start-'));
    const child = spawn(process.execPath, [join(root, 'bin/settle.js'), 'start'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        SETTLE_DB_PATH: join(dir, 'settle.db'),
        SETTLE_LOG_FILE: join(dir, 'settle.log'),
        DISCORD_TOKEN: fake.world.token,
        DISCORD_APPLICATION_ID: fake.world.applicationId,
        DISCORD_SUPERVISOR_ROLE_IDS: '1300000000000000110',
        DISCORD_API_URL: fake.apiUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += String(c)));
    child.stderr.on('data', (c) => (out += String(c)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const until = Date.now() + 20_000;
      while (!out.includes('running discord')) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`settle start did not come up:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      // Only supervisor roles are set (a store upgrading from before agent roles): start says so, in one line.
      while (!out.includes('denied by default')) {
        if (Date.now() > until) throw new Error(`no access line:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const line = out.split('\n').find((l) => l.includes('denied by default')) ?? '';
      expect(line).toContain('no agents are configured (DISCORD_AGENT_ROLE_IDS), so only configured supervisors can file or release');
      const i = fake.slash('agent.li', 'help');
      const reply = await fake.waitForCall((c) => c.params.interaction_id === i.id);
      expect((reply.body as { data: { content: string } }).data.content).toContain('/settle queue');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(fake.invalidCalls()).toEqual([]);
  });
});
