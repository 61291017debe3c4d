/**
 * One bot, two Settle processes' worth of Discord clients on two shards (DISCORD_SHARD_IDS 0 and
 * 1 of DISCORD_SHARD_COUNT 2), each with its own desk on one store file. The fake gateway routes
 * each guild's events to the shard owning it, as Discord does, so every command is answered by
 * exactly one of them, and cases filed in both guilds land in the one store.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { startDiscord } from '../../../src/adapters/discord/start-discord.ts';
import { createDesk } from '../../../src/app/create-desk.ts';
import { loadConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/logger.ts';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite-store.ts';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/fake-discord.ts';
import { addGuild, defaultWorld, shardOf } from '../../fakes/discord/fake-world.ts';
import { AGENT_ROLE, CALLBACK, ORIGINAL, SUPERVISOR_ROLE } from './discord-harness.ts';

const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

const playbook = loadPlaybook(fileURLToPath(new URL('../../../playbooks', import.meta.url)));

/** One Settle Discord front end owning `shardId` of 2, on the store file at `dbPath`. */
async function startProcess(fake: FakeDiscord, dbPath: string, shardId: number): Promise<{ store: SqliteStore; logs: () => string }> {
  const store = openSqliteStore(dbPath);
  let lines = '';
  const logger = createLogger({ destination: new Writable({ write(c, _e, done) { lines += String(c); done(); } }), level: 'debug' });
  const clock = () => new Date();
  const config = loadConfig({
    SETTLE_DB_PATH: dbPath, DISCORD_TOKEN: fake.world.token, DISCORD_APPLICATION_ID: fake.world.applicationId,
    DISCORD_SUPERVISOR_ROLE_IDS: SUPERVISOR_ROLE, DISCORD_AGENT_ROLE_IDS: AGENT_ROLE, DISCORD_API_URL: fake.apiUrl,
    DISCORD_SHARD_IDS: String(shardId), DISCORD_SHARD_COUNT: '2',
  });
  const discord = await startDiscord({ desk: createDesk({ store, playbook, clock, logger }), config, logger, clock });
  stops.push(() => store.close(), () => discord.stop());
  return { store, logs: () => lines };
}

it('two clients on shards 0 and 1 of 2: each guild is served by its shard, and every command is answered once', async () => {
  const world = defaultWorld();
  // The main guild is on shard 0 ((id >> 22) % 2); this one is on shard 1.
  const second = addGuild(world, { id: '1300000000004194404', name: 'Lotus Tea Shop (EU)', channels: [{ id: '1300000000004194450', name: 'after-sales-eu' }] });
  expect([shardOf(world.guild.id, 2), shardOf(second.id, 2)]).toEqual([0, 1]);
  const fake = await startFakeDiscord({ world });
  stops.push(() => fake.close());
  const dbPath = join(mkdtempSync(join(tmpdir(), 'settle-shards-')), 'settle.db');
  const p0 = await startProcess(fake, dbPath, 0);
  const p1 = await startProcess(fake, dbPath, 1);
  expect(fake.gateway.identifies.map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);

  const channels = [world.guild.channels[0]!.id, second.channels[0]!.id];
  const sent = Array.from({ length: 10 }, (_, i) => fake.slash('agent.li', 'case', { message: `我买了三件白T恤只收到两件，少发了一件 #${i}` }, channels[i % 2]));
  await Promise.all(sent.map((interaction) => fake.waitForCall((c) => c.params.webhook_token === interaction.token && c.route === ORIGINAL && c.status === 200, 10_000)));

  for (const interaction of sent) {
    expect(fake.callsFor(interaction).filter((c) => c.route === CALLBACK)).toHaveLength(1);
  }
  const cases = await p0.store.listCases({ limit: 100 });
  expect(cases).toHaveLength(10);
  expect(new Set(cases.map((c) => c.message)).size).toBe(10);
  // Each process filed the cases of its own guild's channel.
  const filedBy = (logs: string) => logs.split('\n').filter((l) => l.includes('"case submitted"')).length;
  expect([filedBy(p0.logs()), filedBy(p1.logs())]).toEqual([5, 5]);
  expect(cases.filter((c) => c.channel?.channelId === channels[1])).toHaveLength(5);
});
