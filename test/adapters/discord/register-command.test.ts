/** `settle discord register [--guild ID]` against the fake: a schema-valid bulk overwrite. */
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord.js';
import { discordCommand } from '../../../src/cli/commands/discord.ts';
import type { CliIO } from '../../../src/cli/io.ts';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/fake-discord.ts';

let fake: FakeDiscord;
beforeEach(async () => {
  fake = await startFakeDiscord();
});
afterEach(async () => {
  await fake.close();
});

function io(env: Record<string, string>): CliIO & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  return { stdin: new PassThrough(), stdout, stderr, isTTY: false, env, out: () => out, err: () => err };
}

const env = () => ({ DISCORD_TOKEN: fake.world.token, DISCORD_APPLICATION_ID: fake.world.applicationId, DISCORD_API_URL: fake.apiUrl, SETTLE_DB_PATH: '/tmp/unused.db' });

describe('settle discord register', () => {
  it('registers /settle in one guild with case, queue, help and train (guild-only command)', async () => {
    const cli = io(env());
    expect(await discordCommand(['register', '--guild', fake.world.guild.id], cli)).toBe(0);
    expect(cli.out()).toBe(`registered /settle in server ${fake.world.guild.id}\n`);
    const [put] = fake.rest.calls;
    expect(put?.route).toBe('PUT /applications/{application_id}/guilds/{guild_id}/commands');
    expect(put?.problems).toEqual([]);
    const [command] = fake.rest.commands.get(fake.world.guild.id) ?? [];
    const c = command as unknown as { name: string; contexts: number[]; options: { name: string; options?: { name: string; max_length?: number }[] }[] };
    expect(c.name).toBe('settle');
    expect(c.contexts).toEqual([0]);
    expect(c.options.map((o) => o.name)).toEqual(['case', 'queue', 'help', 'train']);
    expect(c.options[3]?.options?.map((o) => o.name)).toEqual(['scenario', 'lang', 'swap']);
    expect(c.options[0]?.options?.map((o) => o.name)).toEqual(['message', 'order', 'lang']);
    expect(c.options[0]?.options?.[0]?.max_length).toBe(1000);
  });

  it('registers globally without --guild', async () => {
    const cli = io(env());
    expect(await discordCommand(['register'], cli)).toBe(0);
    expect(fake.rest.calls[0]?.route).toBe('PUT /applications/{application_id}/commands');
    expect(fake.invalidCalls()).toEqual([]);
  });

  it('explains what is missing or wrong instead of failing obscurely', async () => {
    const none = io({ SETTLE_DB_PATH: '/tmp/unused.db' });
    expect(await discordCommand(['register'], none)).toBe(2);
    expect(none.err()).toContain('set DISCORD_TOKEN and DISCORD_APPLICATION_ID');
    const bad = io({ ...env(), DISCORD_TOKEN: 'not-the-token' });
    expect(await discordCommand(['register', '--guild', fake.world.guild.id], bad)).toBe(1);
    expect(bad.err()).toContain('401');
    const usage = io(env());
    expect(await discordCommand(['regster'], usage)).toBe(2);
    expect(await discordCommand(['register', '--guild', 'lotus'], usage)).toBe(2);
    expect(usage.err()).toContain('--guild must be a server id');
  });

  it('the invite URL in docs/discord.md asks for exactly View Channels, Send Messages, Embed Links, Attach Files (the weekly report), Read Message History', () => {
    const doc = readFileSync(new URL('../../../docs/discord.md', import.meta.url), 'utf8');
    const asked = BigInt(/permissions=(\d+)/.exec(doc)?.[1] ?? '0');
    const { ViewChannel, SendMessages, EmbedLinks, AttachFiles, ReadMessageHistory } = PermissionFlagsBits;
    expect(asked).toBe(ViewChannel | SendMessages | EmbedLinks | AttachFiles | ReadMessageHistory);
    expect(doc).toContain('scope=bot+applications.commands');
  });
});
