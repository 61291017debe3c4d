/**
 * Wires one running Settle: config → logger → stores (SQLite or Postgres, migrated; open-store.ts) → playbook → optional LLM →
 * desk → outbox dispatcher (when a webhook is configured). Used by `settle start` and
 * `settle console`; everything is closed in reverse by `close()`.
 */
import { createLlm } from '../llm/create-llm.ts';
import type { Config } from '../config.ts';
import { createLogger, type Logger } from '../logger.ts';
import { createOutboxDispatcher, type OutboxDispatcher } from '../outbox/dispatcher.ts';
import { loadPlaybook } from '../playbook/load-playbook.ts';
import { openStores } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import type { TrainingStore } from '../store/training-store.ts';
import type { Playbook } from '../core/playbook/schema.ts';
import type { CustomerVoice } from '../core/training/customer-voice.ts';
import { instrumentDesk } from '../ops/instrument-desk.ts';
import { countCall, countVoice, instrumentAssist, instrumentPolish } from '../ops/instrument-llm.ts';
import { createMetrics, type SettleMetrics } from '../ops/metrics.ts';
import { serveOps, type OpsServer } from '../ops/serve-ops.ts';
import { UserError } from '../core/errors.ts';
import { createDesk } from './create-desk.ts';
import type { Desk } from './desk.ts';

export interface App {
  desk: Desk;
  store: Store;
  /** The training tables, on the same database as the cases. */
  training: TrainingStore;
  /** Which store this is (`sqlite PATH` or `postgres host/db`), for banners and logs. */
  storeName: string;
  playbook: Playbook;
  config: Config;
  logger: Logger;
  clock: () => Date;
  outbox?: OutboxDispatcher;
  /** The ops endpoints when SETTLE_OPS_PORT is set; front ends report their readiness to it. */
  ops?: OpsServer;
  /** The metrics /metrics serves (with SETTLE_OPS_PORT); front ends observe their ack latency in them. */
  metrics?: SettleMetrics;
  /** Name of the LLM model in use, or undefined offline. */
  model?: string;
  /** The LLM customer persona for chat training, or undefined offline (the script speaks). */
  trainingVoice?: CustomerVoice;
  close(): Promise<void>;
}

export interface OpenAppOptions {
  config: Config;
  /** Log to this file instead of stdout (console mode). */
  logToFile?: boolean;
  defaultPlaybookDir: string;
}

export async function openApp(opts: OpenAppOptions): Promise<App> {
  const { config } = opts;
  const clock = () => new Date();
  const logger = createLogger({ level: config.logLevel, ...(opts.logToFile ? { destination: config.logFile } : {}) });
  const playbook = loadPlaybook(config.playbookDir ?? opts.defaultPlaybookDir);
  // The metrics need the store, which opens after the LLM (a bad prompt file fails before any store is open).
  const counting: { metrics?: SettleMetrics } = {};
  const llm = createLlm(config.llm, { clock, onCall: (prompt, outcome) => countCall(counting.metrics, prompt, outcome), onVoice: (r) => countVoice(counting.metrics, r) });
  const stores = await openStores(config);
  const { store } = stores;
  const metrics = config.ops ? createMetrics(store, clock) : undefined;
  counting.metrics = metrics;
  const outbox = config.outboxWebhookUrl ? createOutboxDispatcher({ store, url: config.outboxWebhookUrl, clock, logger }) : undefined;
  const assist = llm && metrics ? instrumentAssist(llm.assist, metrics) : llm?.assist;
  const polish = llm && metrics ? instrumentPolish(llm.polish, metrics) : llm?.polish;
  const plainDesk = createDesk({ store, playbook, clock, logger, ...(outbox ? { outbox } : {}), ...(assist && polish ? { assist, polish } : {}) });
  const desk = metrics ? instrumentDesk(plainDesk, metrics) : plainDesk;
  let ops: OpsServer | undefined;
  if (config.ops && metrics) {
    try {
      ops = await serveOps({ ...config.ops, store, metrics, logger });
    } catch (e) {
      await stores.close();
      throw new UserError('config_invalid', `Cannot serve the ops endpoints on ${config.ops.host}:${config.ops.port} (SETTLE_OPS_PORT): ${(e as Error).message}`);
    }
  }
  outbox?.start();
  logger.info({ store: stores.describe, playbookVersion: playbook.version, model: llm?.model, outbox: Boolean(outbox) }, 'settle started');
  return {
    desk, store, training: stores.training, ...(ops ? { ops } : {}), ...(metrics ? { metrics } : {}), storeName: stores.describe, playbook, config, logger, clock, outbox, model: llm?.model, ...(llm ? { trainingVoice: llm.voice } : {}),
    async close() {
      // Not ready first, so a load balancer stops sending; then in-flight deliveries finish.
      ops?.setReady('app', false);
      await outbox?.stop();
      await ops?.close();
      await stores.close();
      logger.info('settle stopped');
      logger.flush();
    },
  };
}
