import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, withEnvFile } from '../src/config.ts';
import { UserError } from '../src/core/errors.ts';

describe('loadConfig', () => {
  it('gives working defaults for an empty environment: console only, ./data/settle.db', () => {
    const c = loadConfig({});
    expect(c.dbPath.endsWith('/data/settle.db')).toBe(true);
    expect(c.logLevel).toBe('info');
    expect(c.port).toBe(3000);
    expect(c.slackEnabled).toBe(false);
    expect(c.discordEnabled).toBe(false);
    expect(c.outboxWebhookUrl).toBeUndefined();
    expect(c.llm).toBeNull(); // no OPENAI_API_KEY: offline
  });

  it('reads every key and splits id lists', () => {
    const c = loadConfig({
      SETTLE_DB_PATH: '/tmp/x.db', SETTLE_PLAYBOOK_DIR: '/pb', SETTLE_OUTBOX_WEBHOOK_URL: 'http://127.0.0.1:9/hook',
      LOG_LEVEL: 'DEBUG', PORT: '8080', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_APP_TOKEN: 'xapp-1',
      SLACK_APPROVALS_CHANNEL: 'C1', SLACK_SUPERVISOR_IDS: 'U1, U2,', SLACK_SUPERVISOR_GROUP: 'S1', SLACK_API_URL: 'http://127.0.0.1:1/api/',
      DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789', DISCORD_SUPERVISOR_ROLE_IDS: '42,43', DISCORD_API_URL: 'http://127.0.0.1:2',
      OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: 'http://127.0.0.1:3/v1', SETTLE_LLM_MODEL: 'm', SETTLE_LLM_TIMEOUT_MS: '500',
    });
    expect(c.dbPath).toBe('/tmp/x.db');
    expect(c.logLevel).toBe('debug');
    expect(c.port).toBe(8080);
    expect(c.slack.supervisorIds).toEqual(['U1', 'U2']);
    expect(c.discord.supervisorRoleIds).toEqual(['42', '43']);
    expect(c.slackEnabled && c.discordEnabled).toBe(true);
    expect(c.llm).toMatchObject({ apiKey: 'sk-x', baseURL: 'http://127.0.0.1:3/v1', model: 'm', timeoutMs: 500 });
  });

  it('reads the staff keys: agent ids and group, agent roles, case channel allow-lists', () => {
    const c = loadConfig({ SLACK_AGENT_IDS: 'U7, U8', SLACK_AGENT_GROUP: 'S_AG', SLACK_CASE_CHANNELS: 'C1,C2', DISCORD_AGENT_ROLE_IDS: '44', DISCORD_CASE_CHANNEL_IDS: '55,56' });
    expect(c.slack).toMatchObject({ agentIds: ['U7', 'U8'], agentGroup: 'S_AG', caseChannels: ['C1', 'C2'] });
    expect(c.discord).toMatchObject({ agentRoleIds: ['44'], caseChannelIds: ['55', '56'] });
    expect(loadConfig({}).slack.agentIds).toEqual([]);
  });

  it('SETTLE_ACTOR_MAP maps one person on two platforms to one actor; a bad file is one config error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settle-actors-'));
    const good = join(dir, 'actors.json');
    writeFileSync(good, JSON.stringify({ people: [{ actor: 'li', slack: 'U0LI', discord: '1300000000000000202' }] }));
    expect([...loadConfig({ SETTLE_ACTOR_MAP: good }).actorMap]).toEqual([['slack:U0LI', 'person:li'], ['discord:1300000000000000202', 'person:li']]);
    const twice = join(dir, 'twice.json');
    writeFileSync(twice, JSON.stringify({ people: [{ actor: 'li', slack: 'U0LI' }, { actor: 'wang', slack: 'U0LI' }] }));
    for (const [path, why] of [[twice, 'listed for both person:li and person:wang'], [join(dir, 'missing.json'), 'cannot read'], [good.replace('actors', 'x'), 'cannot read']] as const) {
      let err: unknown;
      try {
        loadConfig({ SETTLE_ACTOR_MAP: path });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).message).toContain('SETTLE_ACTOR_MAP');
      expect((err as UserError).message).toContain(why);
    }
  });

  it('treats empty values as unset', () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: '', SETTLE_OUTBOX_WEBHOOK_URL: '', PORT: '' });
    expect(c.slack.botToken).toBeUndefined();
    expect(c.outboxWebhookUrl).toBeUndefined();
    expect(c.port).toBe(3000);
  });

  it('lists every bad key in one error, without echoing secret values', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', SETTLE_OUTBOX_WEBHOOK_URL: 'ftp://x', SLACK_BOT_TOKEN: 'secret-123', SETTLE_LLM_TIMEOUT_MS: '-1' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    const e = err as UserError;
    expect(e.code).toBe('config_invalid');
    for (const key of ['PORT', 'LOG_LEVEL', 'SETTLE_OUTBOX_WEBHOOK_URL', 'SLACK_BOT_TOKEN', 'SETTLE_LLM_TIMEOUT_MS', 'SLACK_SIGNING_SECRET']) expect(e.message).toContain(key);
    expect(e.message).not.toContain('secret-123');
    expect(e.details?.keys).toHaveLength(6); // the bot token without its signing secret is the sixth
  });
});

describe('half-set key groups are refused, naming the missing key', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['Slack bot token without the signing secret', { SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET: missing: SLACK_BOT_TOKEN is set'],
    ['Slack signing secret without the bot token', { SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN: missing: SLACK_SIGNING_SECRET is set'],
    ['a Slack app token alone', { SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_BOT_TOKEN: missing: SLACK_APP_TOKEN (Socket Mode) is set'],
    ['Discord token without the application id', { DISCORD_TOKEN: 'abc' }, 'DISCORD_APPLICATION_ID: missing: DISCORD_TOKEN is set'],
    ['Discord application id without the token', { DISCORD_APPLICATION_ID: '123456789' }, 'DISCORD_TOKEN: missing: DISCORD_APPLICATION_ID is set'],
    ['Discord shard ids without the count', { DISCORD_SHARD_IDS: '0' }, 'DISCORD_SHARD_COUNT: missing: DISCORD_SHARD_IDS is set'],
    ['a Discord shard count without ids', { DISCORD_SHARD_COUNT: '2' }, 'DISCORD_SHARD_IDS: missing: DISCORD_SHARD_COUNT is set'],
    ['a Discord shard id not below the count', { DISCORD_SHARD_IDS: '0,2', DISCORD_SHARD_COUNT: '2' }, 'DISCORD_SHARD_IDS: shard 2 is not below DISCORD_SHARD_COUNT (2)'],
    ['a Discord shard id that is not a number', { DISCORD_SHARD_IDS: 'one', DISCORD_SHARD_COUNT: '2' }, 'DISCORD_SHARD_IDS: shard ids are whole numbers from 0'],
    ['an LLM URL without a key', { OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }, 'OPENAI_API_KEY: missing: OPENAI_BASE_URL is set'],
    ['an LLM model without a key', { SETTLE_LLM_MODEL: 'qwen' }, 'OPENAI_API_KEY: missing: SETTLE_LLM_MODEL is set'],
  ];
  it.each(cases)('%s', (_what, env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads the Discord shards this process connects, sorted and once each', () => {
    expect(loadConfig({ DISCORD_SHARD_IDS: '2, 0,2', DISCORD_SHARD_COUNT: '4' }).discord.shards).toEqual({ ids: [0, 2], count: 4 });
    expect(loadConfig({}).discord.shards).toBeUndefined();
  });

  it('accepts both halves, or neither', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slackEnabled).toBe(true);
    expect(loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789' }).discordEnabled).toBe(true);
    expect(loadConfig({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' }).llm?.baseURL).toBe('http://127.0.0.1:1/v1');
    expect(loadConfig({ SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '' }).slackEnabled).toBe(false);
  });
});

describe('withEnvFile', () => {
  it('puts the file under the environment: the environment wins, the file fills the gaps', () => {
    const env = withEnvFile({ LOG_LEVEL: 'warn' }, 'LOG_LEVEL=debug\nPORT=4000\n# a comment\nSLACK_SUPERVISOR_IDS="U1,U2"\n');
    expect(env).toMatchObject({ LOG_LEVEL: 'warn', PORT: '4000', SLACK_SUPERVISOR_IDS: 'U1,U2' });
    expect(loadConfig(env).slack.supervisorIds).toEqual(['U1', 'U2']);
  });
});
