/**
 * Settle's configuration: the only file that reads the environment. Parsed once with zod at
 * start; every bad key is reported in ONE error, so a broken `.env` is fixed in one go.
 * `.env.example` lists every key with a comment.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { UserError } from './core/errors.ts';
import { readLlmSettings, type LlmSettings } from './llm/settings.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Empty strings count as unset: `KEY=` in a .env file means "not configured". */
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).optional());
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url({ protocol: /^https?$/ }).optional());
const idList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []),
  z.array(z.string()),
);

const envSchema = z.object({
  SETTLE_DB_PATH: z.preprocess((v) => (v === '' ? undefined : v), z.string().default('./data/settle.db')),
  SETTLE_AUDIT_KEY: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, { error: 'at least 16 characters (a random secret kept outside the database)' }).optional()),
  SETTLE_DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url({ protocol: /^postgres(ql)?$/, error: 'a postgres:// (or postgresql://) URL' }).optional()),
  SETTLE_PLAYBOOK_DIR: optionalText,
  SETTLE_OPS_PORT: z.preprocess((v) => (v === '' || v === undefined ? undefined : Number(v)), z.number().int().min(0).max(65535).optional()),
  SETTLE_OPS_HOST: z.preprocess((v) => (v === '' ? undefined : v), z.string().default('127.0.0.1')),
  SETTLE_OUTBOX_WEBHOOK_URL: optionalUrl,
  SETTLE_LOG_FILE: z.preprocess((v) => (v === '' ? undefined : v), z.string().default('./data/settle.log')),
  LOG_LEVEL: z.preprocess((v) => (v === '' || v === undefined ? 'info' : String(v).toLowerCase()), z.enum(LOG_LEVELS)),
  // 0 asks the OS for a free port (tests).
  PORT: z.preprocess((v) => (v === '' || v === undefined ? 3000 : Number(v)), z.number().int().min(0).max(65535)),
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xoxb-'), 'a bot token starts with xoxb-'),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), 'an app-level token starts with xapp-'),
  SLACK_APPROVALS_CHANNEL: optionalText,
  SLACK_SUPERVISOR_IDS: idList,
  SLACK_SUPERVISOR_GROUP: optionalText,
  SLACK_AGENT_IDS: idList,
  SLACK_AGENT_GROUP: optionalText,
  SLACK_CASE_CHANNELS: idList,
  SLACK_REPORT_CHANNEL: optionalText,
  SLACK_API_URL: optionalUrl,
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.refine((v) => v === undefined || /^\d{5,25}$/.test(v), 'a numeric snowflake id'),
  DISCORD_SUPERVISOR_ROLE_IDS: idList,
  DISCORD_AGENT_ROLE_IDS: idList,
  DISCORD_CASE_CHANNEL_IDS: idList,
  DISCORD_REPORT_CHANNEL_ID: optionalText.refine((v) => v === undefined || /^\d{5,25}$/.test(v), 'a numeric snowflake id'),
  DISCORD_SUPERVISOR_CHANNEL_ID: optionalText.refine((v) => v === undefined || /^\d{5,25}$/.test(v), 'a numeric snowflake id'),
  DISCORD_API_URL: optionalUrl,
  DISCORD_SHARD_IDS: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : []),
    z.array(z.string().regex(/^\d{1,5}$/, 'shard ids are whole numbers from 0').transform(Number)),
  ),
  DISCORD_SHARD_COUNT: z.preprocess((v) => (v === '' || v === undefined ? undefined : Number(v)), z.number({ error: 'a whole number of shards, 1 or more' }).int().min(1).max(65535).optional()),
  SETTLE_ACTOR_MAP: optionalText,
});

/**
 * SETTLE_ACTOR_MAP: one person's ids on several platforms → one actor, so separation of duties
 * holds across platforms (filing on Discord and approving on Slack is still one person).
 */
const actorMapSchema = z.object({
  people: z.array(z.strictObject({
    actor: z.string().regex(/^[\p{L}\p{N}_.-]{1,40}$/u, 'an actor name is one word: letters, digits, _ . -'),
    slack: z.string().regex(/^[UW][A-Z0-9_]{2,30}$/, 'a Slack user id such as U0123ABCD').optional(),
    discord: z.string().regex(/^\d{5,25}$/, 'a numeric Discord user id').optional(),
  })),
});

/** Platform actor id (`slack:U1`, `discord:2`) → the person's actor id (`person:li`). */
export type ActorMap = ReadonlyMap<string, string>;

function readActorMap(path: string | undefined): { map: ActorMap; issue?: string } {
  const map = new Map<string, string>();
  if (!path) return { map };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(resolve(path), 'utf8'));
  } catch (e) {
    return { map, issue: `cannot read ${path} as JSON (${(e as Error).message.split('\n')[0]})` };
  }
  const parsed = actorMapSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { map, issue: `${path}: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'} (expected {"people": [{"actor": "li", "slack": "U…", "discord": "…"}]})` };
  }
  for (const p of parsed.data.people) {
    for (const id of [p.slack ? `slack:${p.slack}` : undefined, p.discord ? `discord:${p.discord}` : undefined]) {
      if (!id) continue;
      const other = map.get(id);
      if (other && other !== `person:${p.actor}`) return { map: new Map(), issue: `${path}: ${id} is listed for both ${other} and person:${p.actor}` };
      map.set(id, `person:${p.actor}`);
    }
  }
  return { map };
}

/** The parsed configuration every part receives (never `process.env`). */
export interface Config {
  /** SQLite file of the case store; its directory is created at start. */
  dbPath: string;
  /** SETTLE_DATABASE_URL: a Postgres case store, which wins over `dbPath` (several processes share it). */
  databaseUrl?: string;
  /** SETTLE_AUDIT_KEY: the audit ledger's HMAC key (docs/audit.md); unset → a plain hash chain. */
  auditKey?: string;
  /** SETTLE_OPS_PORT: /healthz, /readyz and /metrics on this port (and SETTLE_OPS_HOST); undefined → off. */
  ops?: { port: number; host: string };
  /** Playbook directory; undefined → the bundled `playbooks/`. */
  playbookDir?: string;
  /** Approved replies are POSTed here (with an Idempotency-Key) when set. */
  outboxWebhookUrl?: string;
  /** Where console mode writes its logs (the terminal belongs to the person). */
  logFile: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** HTTP port of the Slack receiver (Events API mode). */
  port: number;
  slack: {
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    approvalsChannel?: string;
    supervisorIds: string[];
    supervisorGroup?: string;
    /** Agents: these user ids, and members of this user group. None → only supervisors are staff. */
    agentIds: string[];
    agentGroup?: string;
    /** When non-empty, cases are filed and acted on only in these channels (and the approvals channel). */
    caseChannels: string[];
    /** The supervisors' channel the weekly report is posted to (playbook weeklyReport); unset → no post. */
    reportChannel?: string;
    apiUrl?: string;
  };
  discord: {
    token?: string;
    applicationId?: string;
    supervisorRoleIds: string[];
    /** Members holding any of these roles are agents. None → only supervisors are staff. */
    agentRoleIds: string[];
    /** When non-empty, cases are filed and acted on only in these channels. */
    caseChannelIds: string[];
    /** The supervisors' channel the weekly report is posted to (playbook weeklyReport); unset → no post. */
    reportChannelId?: string;
    supervisorChannelId?: string;
    apiUrl?: string;
    /**
     * DISCORD_SHARD_IDS of DISCORD_SHARD_COUNT: the gateway shards this process connects, so
     * several processes share one bot, each receiving the events of the guilds its shards own
     * (guild_id >> 22 % count). Absent: one process, shard 0 of 1.
     */
    shards?: { ids: number[]; count: number };
  };
  /** SETTLE_ACTOR_MAP, parsed: platform actor id → one person's actor id. */
  actorMap: ActorMap;
  /** The optional LLM (OPENAI_API_KEY, OPENAI_BASE_URL, SETTLE_LLM_*); null → offline. */
  llm: LlmSettings | null;
  /** Slack starts when its bot token and signing secret are both set. */
  slackEnabled: boolean;
  /** Discord starts when its token and application id are both set. */
  discordEnabled: boolean;
}

/**
 * The environment with a `.env` file's keys under it: a key set in the environment wins over the
 * file (as in dotenv), so `LOG_LEVEL=debug npm start` still overrides the file.
 */
export function withEnvFile(env: NodeJS.ProcessEnv, fileText: string): NodeJS.ProcessEnv {
  return { ...parseDotenv(fileText), ...env };
}

/** Key groups that only work together: one half set is refused, naming the missing half. */
const KEY_GROUPS: { keys: string[]; what: string }[] = [
  { keys: ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'], what: 'Slack needs both (or neither, for the console)' },
  { keys: ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'], what: 'Discord needs both (or neither, for the console)' },
  { keys: ['DISCORD_SHARD_IDS', 'DISCORD_SHARD_COUNT'], what: 'sharding needs the ids this process connects and the total count (or neither, for one process)' },
];

const isSet = (v: string | undefined) => v !== undefined && v.trim() !== '';

function halfSetIssues(env: NodeJS.ProcessEnv): { key: string; message: string }[] {
  const issues: { key: string; message: string }[] = [];
  for (const g of KEY_GROUPS) {
    const set = g.keys.filter((k) => isSet(env[k]));
    if (set.length > 0 && set.length < g.keys.length) {
      for (const k of g.keys.filter((k) => !set.includes(k))) issues.push({ key: k, message: `missing: ${set.join(', ')} is set; ${g.what}` });
    }
  }
  if (isSet(env.SLACK_APP_TOKEN) && !isSet(env.SLACK_BOT_TOKEN)) {
    issues.push({ key: 'SLACK_BOT_TOKEN', message: 'missing: SLACK_APP_TOKEN (Socket Mode) is set; Socket Mode also needs the bot token and signing secret' });
  }
  if (!isSet(env.OPENAI_API_KEY)) {
    for (const k of ['OPENAI_BASE_URL', 'SETTLE_LLM_MODEL']) {
      if (isSet(env[k])) issues.push({ key: 'OPENAI_API_KEY', message: `missing: ${k} is set but there is no API key, so Settle would run offline; set OPENAI_API_KEY (any value for a local server) or clear ${k}` });
    }
  }
  return issues;
}

/**
 * Parses the environment into a Config. Throws UserError('config_invalid') whose message lists
 * every bad key with its reason (values are never echoed: they may be secrets).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = envSchema.safeParse(env);
  const issues: { key: string; message: string }[] = r.success ? [] : r.error.issues.map((i) => ({ key: String(i.path[0] ?? '?'), message: i.message }));
  issues.push(...halfSetIssues(env));
  // The LLM keys are parsed by the LLM's own settings schema, but reported in this one error.
  let llm: LlmSettings | null = null;
  try {
    llm = readLlmSettings(env);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    const llmIssues = (e.details?.issues ?? []) as { path: PropertyKey[]; message: string }[];
    issues.push(...llmIssues.map((i) => ({ key: String(i.path[0] ?? '?'), message: i.message })));
  }
  if (r.success && r.data.DISCORD_SHARD_COUNT !== undefined) {
    const count = r.data.DISCORD_SHARD_COUNT;
    const outside = r.data.DISCORD_SHARD_IDS.filter((id) => id >= count);
    if (outside.length) issues.push({ key: 'DISCORD_SHARD_IDS', message: `shard ${outside.join(', ')} is not below DISCORD_SHARD_COUNT (${count}); ids run from 0 to ${count - 1}` });
  }
  const actors = readActorMap(typeof env.SETTLE_ACTOR_MAP === 'string' && env.SETTLE_ACTOR_MAP.trim() ? env.SETTLE_ACTOR_MAP.trim() : undefined);
  if (actors.issue) issues.push({ key: 'SETTLE_ACTOR_MAP', message: actors.issue });
  if (!r.success || issues.length > 0) {
    const lines = issues.map((i) => `  ${i.key}: ${i.message}`);
    const keys = [...new Set(issues.map((i) => i.key))];
    throw new UserError('config_invalid', `invalid configuration (${keys.length} key${keys.length > 1 ? 's' : ''}):\n${lines.join('\n')}`, { keys });
  }
  const e = r.data;
  return {
    dbPath: resolve(e.SETTLE_DB_PATH),
    ...(e.SETTLE_DATABASE_URL ? { databaseUrl: e.SETTLE_DATABASE_URL } : {}),
    ...(e.SETTLE_AUDIT_KEY ? { auditKey: e.SETTLE_AUDIT_KEY } : {}),
    ...(e.SETTLE_OPS_PORT !== undefined ? { ops: { port: e.SETTLE_OPS_PORT, host: e.SETTLE_OPS_HOST } } : {}),
    playbookDir: e.SETTLE_PLAYBOOK_DIR,
    outboxWebhookUrl: e.SETTLE_OUTBOX_WEBHOOK_URL,
    logFile: resolve(e.SETTLE_LOG_FILE),
    logLevel: e.LOG_LEVEL,
    port: e.PORT,
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      approvalsChannel: e.SLACK_APPROVALS_CHANNEL,
      supervisorIds: e.SLACK_SUPERVISOR_IDS,
      supervisorGroup: e.SLACK_SUPERVISOR_GROUP,
      agentIds: e.SLACK_AGENT_IDS,
      agentGroup: e.SLACK_AGENT_GROUP,
      caseChannels: e.SLACK_CASE_CHANNELS,
      reportChannel: e.SLACK_REPORT_CHANNEL,
      apiUrl: e.SLACK_API_URL,
    },
    discord: {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      supervisorRoleIds: e.DISCORD_SUPERVISOR_ROLE_IDS,
      agentRoleIds: e.DISCORD_AGENT_ROLE_IDS,
      caseChannelIds: e.DISCORD_CASE_CHANNEL_IDS,
      reportChannelId: e.DISCORD_REPORT_CHANNEL_ID,
      /** Where lifecycle escalations go (docs/lifecycle.md). */
      supervisorChannelId: e.DISCORD_SUPERVISOR_CHANNEL_ID,
      apiUrl: e.DISCORD_API_URL,
      ...(e.DISCORD_SHARD_COUNT !== undefined && e.DISCORD_SHARD_IDS.length ? { shards: { ids: [...new Set(e.DISCORD_SHARD_IDS)].sort((a, b) => a - b), count: e.DISCORD_SHARD_COUNT } } : {}),
    },
    actorMap: actors.map,
    llm,
    slackEnabled: Boolean(e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET),
    discordEnabled: Boolean(e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID),
  };
}
