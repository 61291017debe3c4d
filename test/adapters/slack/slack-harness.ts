/**
 * A running Settle Slack adapter for tests: a real desk on a SQLite file in a temp dir, the
 * Bolt app listening on loopback with signature verification, the fake Slack Web API, and a
 * sender that signs requests like Slack.
 */
import { createServer as createNetServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDesk } from '../../../src/app/create-desk.ts';
import type { LifecycleNotifier } from '../../../src/app/lifecycle.ts';
import type { Desk } from '../../../src/app/desk.ts';
import { loadConfig, type Config } from '../../../src/config.ts';
import { createLogger, createSilentLogger } from '../../../src/logger.ts';
import { Writable } from 'node:stream';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite-store.ts';
import type { TrainingService } from '../../../src/training/training-service.ts';
import { startSlack } from '../../../src/adapters/slack/start-slack.ts';
import { FakeSlackApi } from '../../fakes/slack/fake-slack-api.ts';
import { FakeSocketMode } from '../../fakes/slack/fake-socket-mode.ts';
import { SlackSender, type SlackUser } from '../../fakes/slack/slack-sender.ts';

/** A free loopback port (PORT must be a real number for `npm start`). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export const BOT_TOKEN = 'xoxb-test-0000-settle';
export const SIGNING_SECRET = 'test-signing-secret-8f2a';

export const USERS = {
  agent: { id: 'U_AGENT', name: 'li.agent' },
  agent2: { id: 'U_AGENT2', name: 'zhao.agent' },
  sup: { id: 'U_SUP', name: 'wang.sup' },
  sup2: { id: 'U_SUP2', name: 'chen.sup' },
  groupSup: { id: 'U_GROUPSUP', name: 'sun.sup' },
  /** In no list: a workspace member who is not staff. */
  member: { id: 'U_MEMBER', name: 'bystander' },
  /** A guest account that SLACK_AGENT_GROUP lists by mistake. */
  guest: { id: 'U_GUEST', name: 'guest.contractor' },
  groupAgent: { id: 'U_GROUPAGENT', name: 'qian.agent' },
} satisfies Record<string, SlackUser>;

export interface Harness {
  socket?: FakeSocketMode;
  desk: Desk;
  store: SqliteStore;
  /** The SQLite file (a restarted process opens it again). */
  dbPath: string;
  /** The adapter's lifecycle notifier, as `settle start` hands it to the scheduler. */
  notifier: LifecycleNotifier;
  fake: FakeSlackApi;
  sender: SlackSender;
  /** A second Slack front end on the same store (a restarted or another process): its own memory, its own port. */
  startAnother(): Promise<{ sender: SlackSender; stop(): Promise<void> }>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  approvalsChannel?: string;
  /** Run in Socket Mode against a fake Socket Mode WebSocket instead of HTTP. */
  socketMode?: boolean;
  /** Collect every log line (debug level, through Settle's scrubbing logger) here. */
  logLines?: string[];
  /** Extra environment (e.g. SETTLE_ACTOR_MAP, SLACK_CASE_CHANNELS); `null` removes a key. */
  env?: Record<string, string | null>;
  /** `/settle train` (test/chat/front-ends.test.ts); absent: training is off. */
  training?: TrainingService;
  /**
   * The desk's injected clock (test/chat/review-front-ends.test.ts); default the system clock. The
   * adapter keeps the system clock: Slack's request signatures are dated by it.
   */
  deskClock?: () => Date;
  /** The injected clock of the desk and the adapter (default: real time). */
  clock?: () => Date;
}

export const APP_TOKEN = 'xapp-1-A0SETTLE-test';

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'settle-slack-'));
  const store = openSqliteStore(join(dir, 'settle.db'));
  const now = options.clock?.() ?? new Date();
  await store.upsertOrders(
    [{
      id: 'TB1001', currency: 'CNY', items: [{ sku: 'BLENDER-1', name: 'Blender', unitPriceMinor: 89900, qty: 1 }], totalMinor: 89900,
      shippingFeeMinor: 0, freeShipping: true, status: 'delivered', sevenDayReturn: true,
      paidAt: new Date(now.getTime() - 5 * 86_400_000).toISOString(), deliveredAt: new Date(now.getTime() - 2 * 86_400_000).toISOString(),
    }],
    now.toISOString(),
  );
  const logger = options.logLines ? createLogger({ level: 'debug', destination: collect(options.logLines) }) : createSilentLogger();
  const clock = options.clock ?? (() => new Date());
  const playbook = loadPlaybook(fileURLToPath(new URL('../../../playbooks', import.meta.url)));
  const desk = createDesk({ store, playbook, clock: options.deskClock ?? clock, logger });
  const socket = options.socketMode ? await new FakeSocketMode().start() : undefined;
  const fake = await new FakeSlackApi({
    botToken: BOT_TOKEN,
    usergroups: { S_SUPERVISORS: [USERS.groupSup.id], S_AGENTS: [USERS.groupAgent.id, USERS.guest.id] },
    guests: [USERS.guest.id],
    ...(socket ? { socketMode: { appToken: APP_TOKEN, url: () => socket.url } } : {}),
  }).start();
  const env: Record<string, string | undefined> = {
    SETTLE_DB_PATH: join(dir, 'settle.db'),
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_SUPERVISOR_IDS: `${USERS.sup.id},${USERS.sup2.id}`,
    SLACK_SUPERVISOR_GROUP: 'S_SUPERVISORS',
    SLACK_AGENT_IDS: `${USERS.agent.id},${USERS.agent2.id}`,
    SLACK_AGENT_GROUP: 'S_AGENTS',
    SLACK_API_URL: fake.apiUrl,
    ...(options.approvalsChannel ? { SLACK_APPROVALS_CHANNEL: options.approvalsChannel } : {}),
    ...(socket ? { SLACK_APP_TOKEN: APP_TOKEN } : {}),
  };
  for (const [k, v] of Object.entries(options.env ?? {})) env[k] = v ?? undefined;
  const base = loadConfig(env);
  // Port 0: an ephemeral loopback port (PORT in the environment must be positive).
  const config: Config = { ...base, port: 0 };
  const slack = await startSlack({ desk, config, logger, clock, ...(options.training ? { training: options.training } : {}) }, { host: '127.0.0.1' });
  const sender = new SlackSender(`http://127.0.0.1:${slack.port}`, SIGNING_SECRET, fake);
  return {
    socket,
    desk,
    store,
    dbPath: join(dir, 'settle.db'),
    notifier: slack.lifecycleNotifier,
    fake,
    sender,
    async startAnother() {
      const other = await startSlack({ desk, config, logger, clock }, { host: '127.0.0.1' });
      return { sender: new SlackSender(`http://127.0.0.1:${other.port}`, SIGNING_SECRET, fake), stop: () => other.stop() };
    },
    async stop() {
      await slack.stop();
      await socket?.close();
      await fake.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Poll until `check` passes (work after an ack is asynchronous by design). */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 8000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

type Block = { type: string; block_id?: string; text?: { text: string }; elements?: { action_id?: string; text?: { text: string } }[]; accessory?: { action_id?: string; text?: { text: string } } };

/** Every action_id on a message or view, with its button label. */
export function buttonsOf(blocks: unknown[] | undefined): { id: string; label: string }[] {
  const out: { id: string; label: string }[] = [];
  for (const b of (blocks ?? []) as Block[]) {
    for (const e of [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]) {
      if (e.action_id) out.push({ id: e.action_id, label: e.text?.text ?? '' });
    }
  }
  return out;
}

/** All visible text of blocks, joined. */
export function textOf(blocks: unknown[] | undefined): string {
  const parts: string[] = [];
  for (const b of (blocks ?? []) as Block[]) {
    if (b.text?.text) parts.push(b.text.text);
    for (const e of b.elements ?? []) if ((e as { text?: unknown }).text && typeof (e as { text: unknown }).text === 'string') parts.push((e as unknown as { text: string }).text);
  }
  return parts.join('\n');
}

type InputBlock = { type: string; block_id?: string; element?: { type: string; initial_value?: string; initial_option?: unknown } };

/**
 * The `view.state.values` Slack submits for a modal: every input block with its initial value
 * (as a person who changed nothing would send), then `changes` typed in by block id.
 */
export function modalState(view: unknown, changes: Record<string, string | null> = {}): Record<string, Record<string, unknown>> {
  const values: Record<string, Record<string, unknown>> = {};
  for (const b of ((view as { blocks?: InputBlock[] }).blocks ?? [])) {
    if (b.type !== 'input' || !b.block_id || !b.element) continue;
    const typed = b.block_id in changes ? changes[b.block_id] : b.element.initial_value ?? null;
    values[b.block_id] = b.element.type === 'static_select' ? { type: 'static_select', selected_option: typed ? { value: typed } : null } : { type: b.element.type, value: typed };
  }
  return values;
}

function collect(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
}
