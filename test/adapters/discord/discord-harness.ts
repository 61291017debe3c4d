/**
 * A running Settle Discord adapter for tests: a real desk on a SQLite file in a temp dir, the
 * adapter's discord.js client logged in to the loopback fake Discord, and helpers that act as
 * the guild's members and wait for what the bot does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { APIInteraction, APIMessage } from 'discord.js';
import { createDesk } from '../../../src/app/create-desk.ts';
import type { LifecycleNotifier } from '../../../src/app/lifecycle.ts';
import type { Desk } from '../../../src/app/desk.ts';
import type { TrainingService } from '../../../src/training/training-service.ts';
import { startDiscord } from '../../../src/adapters/discord/start-discord.ts';
import { decodeAction } from '../../../src/adapters/shared/action-id.ts';
import { loadConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/logger.ts';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite-store.ts';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/fake-discord.ts';
import { buttonsOf } from '../../fakes/discord/fake-messages.ts';
import type { RecordedCall } from '../../fakes/discord/fake-rest.ts';

export const SUPERVISOR_ROLE = '1300000000000000110';
export const AGENT_ROLE = '1300000000000000111';
export const ORIGINAL = 'PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original';
export const FOLLOW_UP = 'POST /webhooks/{webhook_id}/{webhook_token}';
export const CALLBACK = 'POST /interactions/{interaction_id}/{interaction_token}/callback';

export interface Harness {
  fake: FakeDiscord;
  desk: Desk;
  store: SqliteStore;
  /** The SQLite file (a restarted process opens it again). */
  dbPath: string;
  /** The adapter's lifecycle notifier, as `settle start` hands it to the scheduler. */
  notifier: LifecycleNotifier;
  /** Every log line the adapter wrote (JSON lines). */
  logs(): string;
  /** `/settle case` by `username`; resolves with the card once it is drawn. */
  fileCase(username: string, options: Record<string, string>): Promise<{ interaction: APIInteraction; card: APIMessage; caseId: string }>;
  /** Resolves with the calls answering `interaction` once one matches `test`. */
  answered(interaction: APIInteraction, test: (c: RecordedCall) => boolean, what: string): Promise<RecordedCall>;
  /** Custom id of the button labelled `label` on `message`. */
  buttonId(message: APIMessage, label: string): string;
  /** A second Settle process: its own store connection to the same file, its own bot session on the same fake. */
  startAnother(): Promise<{ stop(): Promise<void> }>;
  stop(): Promise<void>;
}

/** Polls `probe` until it returns something truthy (work that follows the last REST call). */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface HarnessOptions {
  /** Wraps the real desk, e.g. to make drafting slow. */
  wrapDesk?: (desk: Desk) => Desk;
  /** Extra environment (e.g. SETTLE_ACTOR_MAP, DISCORD_CASE_CHANNEL_IDS); `null` removes a key. */
  env?: Record<string, string | null>;
  /** `/settle train` (test/chat/front-ends.test.ts); absent: training is off. */
  training?: TrainingService;
  /** The injected clock of the desk and the adapter (test/chat/review-front-ends.test.ts); default the system clock. */
  clock?: () => Date;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'settle-discord-'));
  const dbPath = join(dir, 'settle.db');
  const store = openSqliteStore(dbPath);
  const now = options.clock?.().getTime() ?? Date.now();
  await store.upsertOrders(
    [{
      id: 'DC1001', currency: 'CNY', items: [{ sku: 'BLENDER-1', name: 'Blender', unitPriceMinor: 89900, qty: 1 }], totalMinor: 89900,
      shippingFeeMinor: 0, freeShipping: true, status: 'delivered', sevenDayReturn: true,
      paidAt: new Date(now - 5 * 86_400_000).toISOString(), deliveredAt: new Date(now - 2 * 86_400_000).toISOString(),
    }],
    new Date(now).toISOString(),
  );
  let lines = '';
  const sink = new Writable({ write(chunk, _enc, done) { lines += String(chunk); done(); } });
  const logger = createLogger({ destination: sink, level: 'debug' });
  const clock = options.clock ?? (() => new Date());
  const playbook = loadPlaybook(fileURLToPath(new URL('../../../playbooks', import.meta.url)));
  const desk = createDesk({ store, playbook, clock, logger });
  const fake = await startFakeDiscord();
  const env: Record<string, string | undefined> = {
    SETTLE_DB_PATH: dbPath,
    DISCORD_TOKEN: fake.world.token,
    DISCORD_APPLICATION_ID: fake.world.applicationId,
    DISCORD_SUPERVISOR_ROLE_IDS: SUPERVISOR_ROLE,
    DISCORD_AGENT_ROLE_IDS: AGENT_ROLE,
    DISCORD_API_URL: fake.apiUrl,
  };
  for (const [k, v] of Object.entries(options.env ?? {})) env[k] = v ?? undefined;
  const config = loadConfig(env);
  const discord = await startDiscord({ desk: options.wrapDesk ? options.wrapDesk(desk) : desk, config, logger, clock, ...(options.training ? { training: options.training } : {}) });

  const answered: Harness['answered'] = (interaction, test, what) =>
    fake.waitForCall((c) => (c.params.interaction_id === interaction.id || c.params.webhook_token === interaction.token) && test(c), 5_000)
      .catch((e: unknown) => {
        throw new Error(`waiting for ${what}: ${String(e)}`);
      });

  return {
    fake,
    desk,
    store,
    dbPath,
    notifier: discord.lifecycleNotifier,
    logs: () => lines,
    answered,
    async fileCase(username, options) {
      const interaction = fake.slash(username, 'case', options);
      await answered(interaction, (c) => c.route === ORIGINAL && c.status === 200, 'the card');
      const id = fake.rest.interactions.get(interaction.id)?.originalMessageId ?? '';
      const card = fake.message(id);
      const approve = buttonsOf(card).find((b) => decodeAction(b.custom_id)?.action === 'approve');
      const caseId = approve ? (decodeAction(approve.custom_id)?.caseId ?? '') : '';
      return { interaction, card, caseId };
    },
    buttonId(message, label) {
      const b = buttonsOf(message).find((x) => x.label === label);
      if (!b) throw new Error(`no button '${label}' on message ${message.id}: ${buttonsOf(message).map((x) => x.label).join(', ')}`);
      return b.custom_id;
    },
    async startAnother() {
      const otherStore = openSqliteStore(dbPath);
      const other = await startDiscord({ desk: createDesk({ store: otherStore, playbook, clock, logger }), config, logger, clock });
      return {
        async stop() {
          await other.stop();
          await otherStore.close();
        },
      };
    },
    async stop() {
      await discord.stop();
      await fake.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
