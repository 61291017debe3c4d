/**
 * The fake must behave like Discord for a real discord.js client, or the adapter tests prove
 * nothing: these tests drive discord.js itself (no Settle code) against it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Client, Events, GatewayIntentBits, type ChatInputCommandInteraction } from 'discord.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.ts';
import { loadStrictSpec } from './strict-schemas.ts';

let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

async function login(intents: number[] = [GatewayIntentBits.Guilds]): Promise<{ fake: FakeDiscord; client: Client }> {
  fake = await startFakeDiscord();
  client = new Client({ intents, rest: { api: fake.apiUrl } });
  const ready = new Promise<void>((resolve) => client?.once(Events.ClientReady, () => resolve()));
  await client.login(fake.world.token);
  await ready;
  return { fake, client };
}

function nextCommand(c: Client): Promise<ChatInputCommandInteraction> {
  return new Promise((resolve) => c.once(Events.InteractionCreate, (i) => i.isChatInputCommand() && resolve(i)));
}

describe('fake Discord', () => {
  it('lets discord.js log in with the Guilds intent and caches the guild, roles and members', async () => {
    const { fake, client } = await login();
    expect(fake.gateway.identifies.map((i) => i.intents)).toEqual([GatewayIntentBits.Guilds]);
    const guild = client.guilds.cache.get(fake.world.guild.id);
    expect(guild?.name).toBe('Lotus Tea Shop');
    expect(guild?.roles.cache.get('1300000000000000110')?.name).toBe('supervisor');
    expect(guild?.members.cache.get('1300000000000000204')?.roles.cache.has('1300000000000000110')).toBe(true);
  });

  it('ACKs heartbeats, so discord.js measures a ping instead of reconnecting', async () => {
    fake = await startFakeDiscord({ heartbeatIntervalMs: 200 });
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
    await client.login(fake.world.token);
    const f = fake;
    const c = client;
    await new Promise((r) => setTimeout(r, 700));
    expect(f.gateway.heartbeats).toBeGreaterThanOrEqual(2);
    expect(c.ws.ping).toBeGreaterThanOrEqual(0);
    expect(f.gateway.identifies).toHaveLength(1);
  });

  it('returns messages shaped like Discord\'s (MessageResponse in the published spec)', async () => {
    const { fake, client } = await login();
    const channel = fake.world.guild.channels[0]?.id ?? '';
    const m = await client.rest.post(`/channels/${channel}/messages`, { body: { content: 'hi', embeds: [{ title: 't' }] } });
    // Strict: the fake sends no key the spec does not know, and every key it requires.
    const spec = await loadStrictSpec();
    const parsed = spec.MessageResponseSchema?.safeParse(m);
    expect(parsed?.success ? [] : parsed?.error.issues).toEqual([]);
  });

  it('refuses a privileged intent the way Discord does (close 4014)', async () => {
    fake = await startFakeDiscord();
    client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.MessageContent], rest: { api: fake.apiUrl } });
    await expect(client.login(fake.world.token)).rejects.toThrow(/intent/i);
  });

  it('delivers a slash command, accepts one defer, then an edit of the original', async () => {
    const { fake, client } = await login();
    const received = nextCommand(client);
    const sent = fake.slash('agent.li', 'help');
    const interaction = await received;
    expect(interaction.options.getSubcommand()).toBe('help');
    expect(interaction.member?.user.id).toBe('1300000000000000202');
    await interaction.deferReply({ flags: 64 });
    await interaction.editReply({ content: 'done' });
    const [callback, edit] = fake.callsFor(sent);
    expect(callback?.status).toBe(204);
    expect(edit?.route).toBe('PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original');
    expect(edit?.status).toBe(200);
    const original = fake.message(fake.rest.interactions.get(sent.id)?.originalMessageId ?? '');
    expect(original.content).toBe('done');
    const shape = (await loadStrictSpec()).MessageResponseSchema?.safeParse(original);
    expect(shape?.success ? [] : shape?.error.issues).toEqual([]);
    // discord.js's editReply adds keys the published schema lacks; Discord ignores them, the
    // strict check flags them — which is why the adapter sends bodies of its own.
    expect(fake.invalidCalls().map((c) => c.problems)).toEqual([['unknown key at (root): tts, enforce_nonce']]);
  });

  it('refuses an edit of the original before any callback (10008) and a callback after 3 s (10062)', async () => {
    const { fake, client } = await login();
    const received = nextCommand(client);
    const sent = fake.slash('agent.li', 'help');
    const interaction = await received;
    const edit = client.rest.patch(`/webhooks/${fake.world.applicationId}/${interaction.token}/messages/@original`, { body: { content: 'too early' }, auth: false });
    await expect(edit).rejects.toThrow(/Unknown Message/);
    const state = fake.rest.interactions.get(sent.id);
    if (state) state.createdAt -= 3_001;
    const late = client.rest.post(`/interactions/${interaction.id}/${interaction.token}/callback`, { body: { type: 5 }, auth: false });
    await expect(late).rejects.toThrow(/Unknown interaction/);
  });

  it('answers a second callback for the same interaction with 40060, as Discord does', async () => {
    const { fake, client } = await login();
    const received = nextCommand(client);
    fake.slash('agent.li', 'help');
    const interaction = await received;
    await client.rest.post(`/interactions/${interaction.id}/${interaction.token}/callback`, { body: { type: 4, data: { content: 'one' } }, auth: false });
    // A second process answering the same interaction (discord.js itself would refuse locally).
    const again = client.rest.post(`/interactions/${interaction.id}/${interaction.token}/callback`, { body: { type: 4, data: { content: 'two' } }, auth: false });
    await expect(again).rejects.toThrow(/already been acknowledged/);
  });

  it('rejects a body that breaks the schema or the 2 000 limit with 400, and records unknown keys', async () => {
    const { fake, client } = await login();
    const channel = fake.world.guild.channels[0]?.id ?? '';
    await expect(client.rest.post(`/channels/${channel}/messages`, { body: { content: 'x'.repeat(2001) } })).rejects.toThrow(/Invalid Form Body/);
    await expect(client.rest.post(`/channels/${channel}/messages`, { body: { embeds: [{ description: 'x'.repeat(4097) }] } })).rejects.toThrow(/Invalid Form Body/);
    // Unknown keys: Discord ignores them (200), the strict schema still records them.
    await client.rest.post(`/channels/${channel}/messages`, { body: { content: 'hi', colour: 'red' } });
    expect(fake.invalidCalls().map((c) => [c.status, c.problems.join(' ')])).toEqual([
      [400, expect.stringMatching(/^content: Must be 2000/)],
      [400, expect.stringMatching(/^embeds\.0\.description/)],
      [200, 'unknown key at (root): colour'],
    ]);
  });

  it('answers unknown routes with 404 and unknown channels with 10003', async () => {
    const { client } = await login();
    await expect(client.rest.get('/no/such/route')).rejects.toThrow(/404: Not Found/);
    await expect(client.rest.post('/channels/1/messages', { body: { content: 'hi' } })).rejects.toThrow(/Unknown Channel/);
  });

  it('sends a scripted 429 that discord.js waits out and retries, emitting rateLimited', async () => {
    const { fake, client } = await login();
    const channel = fake.world.guild.channels[0]?.id ?? '';
    const limited: number[] = [];
    client.rest.on('rateLimited', (info) => limited.push(info.retryAfter));
    fake.rateLimitNext('POST /channels/{channel_id}/messages', { retryAfterSeconds: 0.5 });
    await client.rest.post(`/channels/${channel}/messages`, { body: { content: 'after the wait' } });
    const posts = fake.rest.calls.filter((c) => c.route === 'POST /channels/{channel_id}/messages');
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    expect(limited.length).toBe(1);
  });

  it('resumes a dropped session and replays what was missed', async () => {
    const { fake, client } = await login();
    fake.gateway.dropConnections();
    const received = nextCommand(client);
    fake.slash('agent.li', 'help');
    const interaction = await received;
    expect(interaction.options.getSubcommand()).toBe('help');
    expect(fake.gateway.resumes.length).toBe(1);
    expect(fake.gateway.identifies.length).toBe(1);
  });
});
