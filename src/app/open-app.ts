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
  const llm = createLlm(config.llm, { clock });
  const stores = await openStores(config);
  const { store } = stores;
  const outbox = config.outboxWebhookUrl ? createOutboxDispatcher({ store, url: config.outboxWebhookUrl, clock, logger }) : undefined;
  const desk = createDesk({ store, playbook, clock, logger, ...(outbox ? { outbox } : {}), ...(llm ? { assist: llm.assist, polish: llm.polish } : {}) });
  outbox?.start();
  logger.info({ store: stores.describe, playbookVersion: playbook.version, model: llm?.model, outbox: Boolean(outbox) }, 'settle started');
  return {
    desk, store, training: stores.training, storeName: stores.describe, playbook, config, logger, clock, outbox, model: llm?.model, ...(llm ? { trainingVoice: llm.voice } : {}),
    async close() {
      await outbox?.stop();
      await stores.close();
      logger.info('settle stopped');
      logger.flush();
    },
  };
}
