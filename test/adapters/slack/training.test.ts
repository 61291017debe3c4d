/**
 * `/settle train` through the real Bolt app on loopback and the fake Slack Web API, every
 * request signed as Slack signs it: the opening posted in the channel, the trainee's thread
 * messages arriving as Events API `message` events, the customer's answers in the thread, the
 * scorecard at the end; Slack's retried deliveries play once; only the trainee plays.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk } from '../../../src/app/create-desk.ts';
import { openChatTraining, type ChatTraining } from '../../../src/app/open-training.ts';
import { startSlack } from '../../../src/adapters/slack/start-slack.ts';
import { TRAIN_END_ACTION, renderEnding } from '../../../src/adapters/slack/render-training.ts';
import { SLACK_LIMITS } from '../../../src/adapters/slack/blocks/limits.ts';
import { loadConfig, type Config } from '../../../src/config.ts';
import { createLogger, createSilentLogger } from '../../../src/logger.ts';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite-store.ts';
import { openTrainingFile } from '../../training/open-training-file.ts';
import { FakeSlackApi, type StoredMessage } from '../../fakes/slack/fake-slack-api.ts';
import { FakeSocketMode } from '../../fakes/slack/fake-socket-mode.ts';
import { SlackSender } from '../../fakes/slack/slack-sender.ts';
import { APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, USERS, buttonsOf, textOf, waitFor, freePort } from './slack-harness.ts';

let dir: string;
let dbPath: string;
let store: SqliteStore;
let training: ChatTraining;
let fake: FakeSlackApi;
let config: Config;
let slack: { stop(): Promise<void>; port?: number };
let sender: SlackSender;

const logger = process.env.TRAIN_DEBUG ? createLogger({ level: 'debug', destination: process.stderr }) : createSilentLogger();
const clock = () => new Date();
const playbook = loadPlaybook(fileURLToPath(new URL('../../../playbooks', import.meta.url)));

async function startApp(): Promise<void> {
  slack = await startSlack({ desk: createDesk({ store, playbook, clock, logger }), config, logger, clock, training: training.service }, { host: '127.0.0.1' });
  sender = new SlackSender(`http://127.0.0.1:${slack.port}`, SIGNING_SECRET, fake);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'settle-slack-train-'));
  dbPath = join(dir, 'settle.db');
  store = openSqliteStore(dbPath);
  const opened = openChatTraining({ store: store.training, playbook, logger });
  if (!opened) throw new Error('training did not open');
  training = opened;
  fake = await new FakeSlackApi({ botToken: BOT_TOKEN }).start();
  const base = loadConfig({ SETTLE_DB_PATH: dbPath, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_SUPERVISOR_IDS: USERS.sup.id, SLACK_AGENT_IDS: `${USERS.agent.id},${USERS.agent2.id}`, SLACK_API_URL: fake.apiUrl });
  config = { ...base, port: 0 };
  await startApp();
});

afterAll(async () => {
  await slack.stop();
  await fake.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

let channelSeq = 0;

/** `/settle train …` in a fresh channel → the opening message once drawn (it carries Give up). */
async function startSession(text: string, user = USERS.agent): Promise<StoredMessage> {
  const channel = `C_TRAIN${++channelSeq}`;
  const res = await sender.command(text, user, channel);
  expect(res.status).toBe(200);
  return waitFor(() => [...fake.messages.values()].find((m) => m.channel === channel && !m.threadTs && buttonsOf(m.blocks).some((b) => b.id === TRAIN_END_ACTION)), 'the opening');
}

/** What Settle posted in the opening's thread, in order. */
const thread = (opening: StoredMessage): string[] => [...fake.messages.values()].filter((m) => m.channel === opening.channel && m.threadTs === opening.ts).map((m) => m.text ?? '');

/** The trainee (or someone) writes in the thread; resolves once Settle has posted `count` thread messages. */
async function say(opening: StoredMessage, text: string, eventId: string, count: number, user = USERS.agent): Promise<string[]> {
  const res = await sender.threadMessage(user, { channel: opening.channel, threadTs: opening.ts }, text, eventId);
  expect(res.status).toBe(200);
  return waitFor(() => thread(opening).length >= count && thread(opening), `${count} thread messages`);
}

/** Turns the training store saved for the session in this thread. */
async function savedTurns(opening: StoredMessage): Promise<{ role: string; text: string }[]> {
  const saved = openTrainingFile(dbPath);
  try {
    for (const s of await saved.sessions(`slack:${USERS.agent.id}`)) {
      const full = await saved.getSession(s.id);
      if (full.threadKey === `slack:${opening.channel}:${opening.ts}`) return full.transcript;
    }
    return [];
  } finally {
    await saved.close();
  }
}

describe('/settle train in Slack', () => {
  it('T-3 没办法 in missing-item-zh: the customer answers in the thread, a retry plays once, others do not play, Give up posts the scorecard', async () => {
    const opening = await startSession('train missing-item-zh');
    expect(textOf(opening.blocks)).toContain('我买了3件白色T恤');
    expect(buttonsOf(opening.blocks).map((b) => b.label)).toEqual(['放弃']);

    const [answer] = await say(opening, '没办法,这是规定。', 'EvTRAIN001', 1);
    expect(answer).toMatch(/^\*客户 \[\w+\]:\* \S/);

    // Slack retries the same event (same event_id, X-Slack-Retry-Num): acknowledged, not played again.
    const retry = await sender.threadMessage(USERS.agent, { channel: opening.channel, threadTs: opening.ts }, '没办法,这是规定。', 'EvTRAIN001', { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    // Someone else in the thread: told privately, once; nothing played.
    await sender.threadMessage(USERS.agent2, { channel: opening.channel, threadTs: opening.ts }, '我来试试', 'EvTRAIN002');
    const note = await waitFor(() => fake.callsTo('chat.postEphemeral', true).find((c) => c.args.user === USERS.agent2.id && c.args.thread_ts === opening.ts), 'the note');
    expect(String(note.args.text)).toContain(`<@${USERS.agent.id}>`);
    // The next real turn is the second answer: the retry and the bystander added none.
    const after = await say(opening, '请问您收到的包裹有几件?包装拆过吗?', 'EvTRAIN003', 2);
    expect(after).toHaveLength(2);
    expect((await savedTurns(opening)).filter((t) => t.role === 'agent').map((t) => t.text)).toEqual(['没办法,这是规定。', '请问您收到的包裹有几件?包装拆过吗?']);

    // Give up from a bystander is refused; from the trainee it ends the session.
    await sender.click(TRAIN_END_ACTION, USERS.agent2, opening);
    await waitFor(() => fake.callsTo('chat.postEphemeral', true).some((c) => c.args.user === USERS.agent2.id && !c.args.thread_ts && String(c.args.text).includes('的培训')), 'the refusal');
    expect(thread(opening)).toHaveLength(2);
    await sender.click(TRAIN_END_ACTION, USERS.agent, opening);
    const ended = await waitFor(() => thread(opening).join('\n').includes('model reply:') && thread(opening).slice(2).join('\n'), 'the scorecard');
    expect(ended).toContain('培训结束:gave up');
    expect(ended).toMatch(/T-3 {2}"没办法/);
    // The button is removed after the scorecard is posted (handle-training.ts): wait for that update.
    await waitFor(() => buttonsOf(fake.messages.get(`${opening.channel}/${opening.ts}`)?.blocks).length === 0 || undefined, 'the Give up button removed');

    // After the end a thread message plays nothing.
    const count = thread(opening).length;
    await sender.threadMessage(USERS.agent, { channel: opening.channel, threadTs: opening.ts }, '您好,还在吗?', 'EvTRAIN004');
    await say(opening, 'x', 'EvTRAIN005', count, USERS.agent2);
    expect(thread(opening)).toHaveLength(count);
    expect(fake.calls.filter((c) => !c.ok)).toEqual([]);
  });

  it('payment-twice-en played to resolution: scorecard with the T-3 quote and the policy outcome, split within Slack limits', async () => {
    const opening = await startSession('train payment-twice-en');
    expect(textOf(opening.blocks)).toContain('charged twice');
    await say(opening, "There's nothing I can do until you check your bank statement for the two payments.", 'EvPAY001', 1);
    await sender.threadMessage(USERS.agent, { channel: opening.channel, threadTs: opening.ts }, "I'm so sorry. I'm refunding the duplicate $45 now; it will be credited within 24 hours and I'll follow up tomorrow.", 'EvPAY002');
    const all = await waitFor(() => thread(opening).join('\n').includes('model reply:') && thread(opening), 'the end');
    const text = all.join('\n');
    expect(text).toContain('Training ended: resolved');
    expect(text).toMatch(/Score: \d+\/100/);
    expect(text).toMatch(/T-3 {2}"[^"]*nothing I can do/i);
    expect(text).toContain('Policy-correct resolution: price/payment_issue');
    for (const m of all) expect(m.length).toBeLessThanOrEqual(4_000);
    expect(fake.calls.filter((c) => !c.ok)).toEqual([]);
  });

  it('an unknown scenario is answered privately with the scenario list; nothing is posted', async () => {
    const before = fake.messages.size;
    await sender.command('train no-such-thing', USERS.agent, 'C_TRAIN_X');
    const told = await waitFor(() => fake.responses.find((r) => String(r.body.text).includes('no-such-thing')), 'the answer');
    expect(told.body.response_type).toBe('ephemeral');
    for (const s of training.service.list()) expect(String(told.body.text)).toContain(`\`${s.id}\``);
    expect(fake.messages.size).toBe(before);
  });

  it('role swap: the trainee writes as the customer in the thread, Settle answers with its draft', async () => {
    const opening = await startSession('train missing-item-zh swap');
    expect(textOf(opening.blocks)).toContain('角色互换');
    const [answer] = await say(opening, '我买了3件白色T恤只收到2件,少发了一件!', 'EvSWAP001', 1);
    expect(answer).toMatch(/^\*Settle\(客服\):\* \S/);
  });

  it('after a restart, a thread is recognised from its opening (conversations.replies) and keeps playing', async () => {
    const opening = await startSession('train missing-item-zh');
    await say(opening, '您好,非常抱歉给您添麻烦了。', 'EvRST001', 1);
    await slack.stop();
    await startApp();
    const posted = await say(opening, '请问您收到的包裹有几件?包装拆过吗?', 'EvRST002', 2);
    expect(posted[1]).toMatch(/^\*客户 \[\w+\]:\* \S/);
    expect(fake.callsTo('conversations.replies', true).some((c) => c.args.ts === opening.ts)).toBe(true);
    expect((await savedTurns(opening)).filter((t) => t.role === 'agent')).toHaveLength(2);
  });
});

describe('the Slack scorecard', () => {
  it('a long summary is split into messages within a section\'s 3 000 characters, each a closed code block, nothing lost', () => {
    const summary = Array.from({ length: 400 }, (_, i) => `line ${i}: T-3 "没办法" <b> & \`\`\` fence`).join('\n');
    const chunks = renderEnding('zh', 'gave_up', 'tr-1', summary);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks[0]).toMatch(/^\*培训结束:gave up\* · tr-1\n```\n/);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText + 100);
      expect(c.match(/```/g)).toHaveLength(2);
      expect(c).not.toMatch(/<b>/);
    }
    const body = chunks.map((c) => c.replace(/^[^`]*```\n/, '').replace(/\n```$/, '')).join('\n');
    expect(body).toContain('line 399: T-3 "没办法" &lt;b&gt; &amp;');
  });
});


describe('settle start with Slack configured', () => {
  it('opens training next to the desk: /settle train, a thread reply, the customer answers', async () => {
    const own = await new FakeSlackApi({ botToken: BOT_TOKEN }).start();
    const tmp = mkdtempSync(join(tmpdir(), 'settle-slack-train-start-'));
    const port = await freePort();
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const child = spawn(process.execPath, [join(root, 'bin/settle.js'), 'start'], {
      cwd: root,
      env: {
        PATH: process.env.PATH, HOME: tmp, PORT: String(port), SETTLE_DB_PATH: join(tmp, 'settle.db'), SETTLE_LOG_FILE: join(tmp, 'settle.log'),
        SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: own.apiUrl, LOG_LEVEL: 'warn', SLACK_AGENT_IDS: USERS.agent.id,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await waitFor(() => out.includes('running slack') || (child.exitCode !== null ? Promise.reject(new Error(out)) : undefined), 'settle start', 20_000);
      const own2 = new SlackSender(`http://127.0.0.1:${port}`, SIGNING_SECRET, own);
      await own2.command('train payment-twice-en', USERS.agent, 'C_START');
      const opening = await waitFor(() => [...own.messages.values()].find((m) => buttonsOf(m.blocks).some((b) => b.id === TRAIN_END_ACTION)), 'the opening');
      expect(textOf(opening.blocks)).toContain('charged twice');
      await own2.threadMessage(USERS.agent, { channel: 'C_START', threadTs: opening.ts }, "I'm so sorry about that. Could you check your bank statement for the two payments?", 'EvSTART1');
      const answer = await waitFor(() => [...own.messages.values()].find((m) => m.threadTs === opening.ts), 'the answer');
      expect(answer.text).toContain('both payments');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    await own.close();
    rmSync(tmp, { recursive: true, force: true });
  }, 40_000);
});

describe('/settle train in Socket Mode', () => {
  it('plays thread messages delivered as events_api envelopes; the same event delivered twice plays once', async () => {
    const socket = await new FakeSocketMode().start();
    const own = await new FakeSlackApi({ botToken: BOT_TOKEN, socketMode: { appToken: APP_TOKEN, url: () => socket.url } }).start();
    const cfg: Config = { ...loadConfig({ SETTLE_DB_PATH: dbPath, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: APP_TOKEN, SLACK_AGENT_IDS: USERS.agent.id, SLACK_API_URL: own.apiUrl }), port: 0 };
    const app = await startSlack({ desk: createDesk({ store, playbook, clock, logger }), config: cfg, logger, clock, training: training.service });
    try {
      await socket.connectedPromise;
      await socket.deliver('slash_commands', { command: '/settle', text: 'train wrong-item-zh', user_id: USERS.agent.id, user_name: USERS.agent.name, channel_id: 'C_SOCK', team_id: 'T0001', trigger_id: own.issueTrigger(), response_url: own.responseUrl() });
      const opening = await waitFor(() => [...own.messages.values()].find((m) => buttonsOf(m.blocks).some((b) => b.id === TRAIN_END_ACTION)), 'the opening');
      const event = {
        type: 'event_callback', team_id: 'T0001', api_app_id: 'A0SETTLE', event_id: 'EvSOCK001', event_time: Math.floor(Date.now() / 1000),
        event: { type: 'message', channel: 'C_SOCK', user: USERS.agent.id, text: '没办法,这是规定。', ts: '1700000100.900001', thread_ts: opening.ts, channel_type: 'channel' },
      };
      await socket.deliver('events_api', event);
      await socket.deliver('events_api', event);
      await waitFor(() => [...own.messages.values()].some((m) => m.threadTs === opening.ts), 'the answer');
      // A later turn lands second: the repeated envelope added none.
      await socket.deliver('events_api', { ...event, event_id: 'EvSOCK002', event: { ...event.event, ts: '1700000100.900002', text: '请问您收到的是什么商品?' } });
      const answers = await waitFor(() => {
        const posted = [...own.messages.values()].filter((m) => m.threadTs === opening.ts);
        return posted.length >= 2 && posted;
      }, 'two answers');
      // Turns play in order per thread, so once the second line is answered any replayed first line would be saved too.
      expect((await savedTurns(opening)).filter((t) => t.role === 'agent').map((t) => t.text)).toEqual(['没办法,这是规定。', '请问您收到的是什么商品?']);
      expect(answers).toHaveLength(2);
      for (const a of answers) expect(a.text).toMatch(/^\*客户 \[\w+\]:\* \S/);
    } finally {
      await app.stop();
      await socket.close();
      await own.close();
    }
  });
});
