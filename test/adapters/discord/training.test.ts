/**
 * `/settle train` through the loopback fake Discord: the opening with Reply / Give up, the
 * trainee's lines through the Reply modal, the customer's answers posted, the scorecard at the
 * end; only the trainee may speak; the role swap; every REST body valid against Discord's spec.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { ApplicationCommandOptionType, InteractionResponseType, type APIChatInputApplicationCommandGuildInteraction, type APIInteraction, type APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk } from '../../../src/app/create-desk.ts';
import { openChatTraining, type ChatTraining } from '../../../src/app/open-training.ts';
import { startDiscord } from '../../../src/adapters/discord/start-discord.ts';
import { loadConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/logger.ts';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite-store.ts';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/fake-discord.ts';
import { buttonsOf } from '../../fakes/discord/fake-messages.ts';
import { findMember } from '../../fakes/discord/fake-world.ts';
import { slashCommand } from '../../fakes/discord/interaction-payloads.ts';
import { openTrainingFile } from '../../training/open-training-file.ts';
import type { RecordedCall } from '../../fakes/discord/fake-rest.ts';
import { CALLBACK, FOLLOW_UP, ORIGINAL, eventually } from './discord-harness.ts';

let fake: FakeDiscord;
let dir: string;
let store: SqliteStore;
let training: ChatTraining;
let discord: { stop(): Promise<void> };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'settle-discord-train-'));
  const dbPath = join(dir, 'settle.db');
  store = openSqliteStore(dbPath);
  const logger = createLogger({ destination: new Writable({ write: (_c, _e, done) => done() }), level: 'debug' });
  const clock = () => new Date();
  const playbook = loadPlaybook(fileURLToPath(new URL('../../../playbooks', import.meta.url)));
  const opened = openChatTraining({ store: store.training, playbook, logger });
  if (!opened) throw new Error('training did not open');
  training = opened;
  fake = await startFakeDiscord();
  const config = loadConfig({ SETTLE_DB_PATH: dbPath, DISCORD_TOKEN: fake.world.token, DISCORD_APPLICATION_ID: fake.world.applicationId, DISCORD_API_URL: fake.apiUrl, DISCORD_AGENT_ROLE_IDS: '1300000000000000111', DISCORD_SUPERVISOR_ROLE_IDS: '1300000000000000110' });
  discord = await startDiscord({ desk: createDesk({ store, playbook, clock, logger }), config, logger, clock, training: training.service });
});

afterAll(async () => {
  await discord.stop();
  await fake.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const answeredBy = (i: APIInteraction, test: (c: RecordedCall) => boolean, what: string) =>
  fake.waitForCall((c) => (c.params.interaction_id === i.id || c.params.webhook_token === i.token) && test(c), 5_000).catch((e: unknown) => {
    throw new Error(`waiting for ${what}: ${String(e)}`);
  });

/** Messages the bot posted as follow-ups to `i`, in order. */
const followUps = (i: APIInteraction): APIMessage[] => (fake.rest.interactions.get(i.id)?.followUpIds ?? []).map((id) => fake.message(id));
const textOf = (m: APIMessage) => [m.content, ...m.embeds.map((e) => `${e.title ?? ''}\n${e.description ?? ''}`)].join('\n');
const button = (m: APIMessage, label: string) => {
  const b = buttonsOf(m).find((x) => x.label === label);
  if (!b) throw new Error(`no '${label}' on ${m.id}: ${buttonsOf(m).map((x) => x.label).join(', ')}`);
  return b.custom_id;
};

/** `/settle train` → the opening message once drawn. */
async function startSession(user: string, options: Record<string, string>): Promise<APIMessage> {
  const cmd = fake.slash(user, 'train', options);
  await answeredBy(cmd, (c) => c.route === ORIGINAL && c.status === 200, 'the opening');
  return fake.message(fake.rest.interactions.get(cmd.id)?.originalMessageId ?? '');
}

/**
 * Reply → modal → the trainee's line; resolves with the turn's follow-ups (the turn, then at the
 * end the scorecard pages) once they include `until` (by default: once the turn is posted).
 */
async function say(user: string, on: APIMessage, text: string, opts: { label?: string; until?: string } = {}): Promise<APIMessage[]> {
  const click = fake.click(user, on.id, button(on, opts.label ?? 'Reply'));
  await answeredBy(click, (c) => c.route === CALLBACK && (c.body as { type: number }).type === InteractionResponseType.Modal, 'the reply modal');
  const submit = fake.submitModal(user, click.id, { line: text });
  await answeredBy(submit, (c) => c.route === FOLLOW_UP && c.status === 200, 'the turn');
  const until = opts.until;
  return eventually(() => {
    const posted = followUps(submit);
    return !until || posted.map(textOf).join('\n').includes(until) ? posted : undefined;
  }, `follow-ups containing ${until ?? 'the turn'}`);
}

describe('/settle train on Discord', () => {
  it('runs a whole role-play: taboo reply, customer answers, resolution, scorecard with T-3 posted', async () => {
    const opening = await startSession('agent.li', { scenario: 'payment-twice-en' });
    expect(textOf(opening)).toContain('charged twice');
    expect(buttonsOf(opening).map((b) => b.label)).toEqual(['Reply', 'Give up']);

    const [turn1] = await say('agent.li', opening, "There's nothing I can do until you check your bank statement for the two payments.");
    expect(textOf(turn1!)).toContain("There's nothing I can do");
    expect(textOf(turn1!)).toMatch(/\*\*Customer \[\w+\]:\*\* \S/);
    // One live Reply at a time: the opening lost its buttons once the turn was posted.
    expect(buttonsOf(fake.message(opening.id))).toEqual([]);

    const end = await say('agent.li', turn1!, "I'm so sorry. I'm refunding the duplicate $45 now; it will be credited within 24 hours and I'll follow up tomorrow.", { until: 'model reply:' });
    const posted = end.map(textOf).join('\n');
    expect(buttonsOf(end[0]!)).toEqual([]);
    expect(posted).toContain('Training ended: resolved');
    expect(posted).toMatch(/Score: \d+\/100/);
    expect(posted).toMatch(/T-3 {2}"[^"]*nothing I can do/i);
    expect(posted).toContain('Policy-correct resolution: price/payment_issue');
    expect(fake.invalidCalls()).toEqual([]);
  });

  it('T-3 没办法 in a zh session, then Give up: the scorecard names the violation', async () => {
    const opening = await startSession('agent.zhao', { lang: 'zh', scenario: 'wrong-item-zh' });
    expect(buttonsOf(opening).map((b) => b.label)).toEqual(['回复', '放弃']);
    const [turn] = await say('agent.zhao', opening, '没办法,这是规定。', { label: '回复' });
    expect(textOf(turn!)).toContain('**客户 [');
    const click = fake.click('agent.zhao', turn!.id, button(turn!, '放弃'));
    const posted = await eventually(() => {
      const text = followUps(click).map(textOf).join('\n');
      return text.includes('model reply:') ? text : undefined;
    }, 'the scorecard');
    expect(posted).toContain('培训结束:gave up');
    expect(posted).toMatch(/T-3 {2}"没办法/);
    expect(buttonsOf(fake.message(turn!.id))).toEqual([]);

    // A Reply still open on someone's screen after the end: explained privately, nothing played.
    const late = fake.clickOn('agent.zhao', turn!, button(turn!, '回复'));
    await answeredBy(late, (c) => c.route === CALLBACK, 'the late modal');
    const submit = fake.submitModal('agent.zhao', late.id, { line: '您好,还在吗?' });
    const told = await answeredBy(submit, (c) => c.route === FOLLOW_UP, 'the explanation');
    expect((told.body as { content: string; flags: number }).content).toContain('no training session is running');
    expect((told.body as { flags: number }).flags & 64).toBe(64);
    expect(followUps(submit)).toHaveLength(1);
    expect(fake.invalidCalls()).toEqual([]);
  });

  it('only the trainee can reply; others are told privately and nothing is played', async () => {
    const opening = await startSession('agent.li', { scenario: 'not-received-en' });
    const click = fake.click('sup.chen', opening.id, button(opening, 'Reply'));
    const refusal = await answeredBy(click, (c) => c.route === CALLBACK, 'the refusal');
    const body = refusal.body as { type: number; data: { content: string; flags: number } };
    expect(body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(body.data.content).toContain("training session; start your own");
    expect(body.data.flags & 64).toBe(64);
    expect(buttonsOf(fake.message(opening.id)).map((b) => b.label)).toEqual(['Reply', 'Give up']);
  });

  it('an unknown scenario is answered privately with the list of scenarios', async () => {
    const cmd = fake.slash('agent.li', 'train', { scenario: 'no-such-thing' });
    const call = await answeredBy(cmd, (c) => c.route === CALLBACK, 'the answer');
    const data = (call.body as { data: { content: string; flags: number; embeds: { description: string }[] } }).data;
    expect(data.content).toContain('no-such-thing');
    expect(data.flags & 64).toBe(64);
    for (const id of training.service.list().map((s) => s.id)) expect(data.embeds[0]?.description).toContain(`\`${id}\``);
  });

  it('/settle help lists the training scenarios', async () => {
    const cmd = fake.slash('agent.li', 'help');
    const call = await answeredBy(cmd, (c) => c.route === CALLBACK, 'help');
    const data = (call.body as { data: { content: string; embeds: { description: string }[] } }).data;
    expect(data.content).toContain('/settle case');
    expect(data.embeds[0]?.description).toContain('`missing-item-zh`');
    expect(call.problems).toEqual([]);
  });

  it('role swap (swap: true): the trainee writes as the customer, Settle answers with its drafts, closes on agreement', async () => {
    const payload: APIChatInputApplicationCommandGuildInteraction = slashCommand(fake.world, findMember(fake.world, 'agent.li'), fake.world.guild.channels[0]!.id, { name: 'settle', subcommand: 'train' });
    payload.data.options = [{
      type: ApplicationCommandOptionType.Subcommand, name: 'train',
      options: [{ type: ApplicationCommandOptionType.String, name: 'scenario', value: 'missing-item-zh' }, { type: ApplicationCommandOptionType.Boolean, name: 'swap', value: true }],
    }];
    const cmd = fake.send(payload);
    await answeredBy(cmd, (c) => c.route === ORIGINAL && c.status === 200, 'the swap opening');
    const opening = fake.message(fake.rest.interactions.get(cmd.id)?.originalMessageId ?? '');
    expect(textOf(opening)).toContain('角色互换');
    const zh = { label: '回复' };
    const [t1] = await say('agent.li', opening, '我买了3件白色T恤只收到2件,少发了一件!', zh);
    expect(textOf(t1!)).toContain('**Settle(客服):**');
    const [t2] = await say('agent.li', t1!, '对,面单重量就是两件的', zh);
    const end = await say('agent.li', t2!, '好的,谢谢', { ...zh, until: '培训结束' });
    const posted = end.map(textOf).join('\n');
    expect(posted).toContain('培训结束:resolved');
    expect(fake.invalidCalls()).toEqual([]);
  });
});

describe('settle start with Discord configured', () => {
  it('opens training next to the desk: /settle train plays and saves the session in the same SQLite file', async () => {
    const own = await startFakeDiscord();
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const tmp = mkdtempSync(join(tmpdir(), 'settle-discord-train-start-'));
    const dbPath = join(tmp, 'settle.db');
    const child = spawn(process.execPath, [join(root, 'bin/settle.js'), 'start'], {
      cwd: root,
      env: {
        PATH: process.env.PATH, SETTLE_DB_PATH: dbPath, SETTLE_LOG_FILE: join(tmp, 'settle.log'),
        DISCORD_TOKEN: own.world.token, DISCORD_APPLICATION_ID: own.world.applicationId, DISCORD_API_URL: own.apiUrl, DISCORD_AGENT_ROLE_IDS: '1300000000000000111',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += String(c)));
    child.stderr.on('data', (c) => (out += String(c)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await eventually(() => out.includes('running discord') || (child.exitCode !== null ? Promise.reject(new Error(out)) : undefined), 'settle start', 20_000);
      const cmd = own.slash('agent.li', 'train', { scenario: 'payment-twice-en' });
      await own.waitForCall((c) => c.params.webhook_token === cmd.token && c.route === ORIGINAL && c.status === 200);
      const opening = own.message(own.rest.interactions.get(cmd.id)?.originalMessageId ?? '');
      expect(textOf(opening)).toContain('charged twice');
      const click = own.click('agent.li', opening.id, buttonsOf(opening)[0]!.custom_id);
      await own.waitForCall((c) => c.params.interaction_id === click.id);
      const submit = own.submitModal('agent.li', click.id, { line: "I'm so sorry about that. Could you check your bank statement for the two payments?" });
      const turn = await own.waitForCall((c) => c.params.webhook_token === submit.token && c.route === FOLLOW_UP);
      expect(JSON.stringify(turn.body)).toContain('both payments');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(own.invalidCalls()).toEqual([]);
    await own.close();
    const saved = openTrainingFile(dbPath);
    try {
      const [session] = await saved.sessions('discord:1300000000000000202');
      expect(session).toMatchObject({ scenarioId: 'payment-twice-en' });
      const full = await saved.getSession(session!.id);
      expect(full.mode).toBe('play');
      // Opening, the trainee's line, the customer's answer: every turn saved as it happened.
      expect(full.transcript.map((t) => t.role)).toEqual(['customer', 'agent', 'customer']);
    } finally {
      await saved.close();
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 40_000);
});

