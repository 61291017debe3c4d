/** Child-process side of the multi-process tests: a real desk on the shared SQLite file or Postgres database. */
import { createDesk } from '../../../src/app/create-desk.ts';
import type { Actor, Desk } from '../../../src/app/desk.ts';
import { DEFAULT_PLAYBOOK_DIR } from '../../../src/cli/paths.ts';
import { createLogger } from '../../../src/logger.ts';
import type { OutboxDispatcher } from '../../../src/outbox/dispatcher.ts';
import { createOutboxDispatcher } from '../../../src/outbox/dispatcher.ts';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';
import { openStores } from '../../../src/store/open-store.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite-store.ts';
import type { Store } from '../../../src/store/store.ts';

export function openChildDesk(dbPath: string, webhookUrl?: string): { desk: Desk; store: SqliteStore; outbox?: OutboxDispatcher } {
  const store = openSqliteStore(dbPath);
  const logger = createLogger({ level: 'silent' });
  const clock = () => new Date();
  const outbox = webhookUrl ? createOutboxDispatcher({ store, url: webhookUrl, clock, logger, pollMs: 5, timeoutMs: 1_000, backoff: { baseMs: 5, maxMs: 20 } }) : undefined;
  outbox?.start();
  const desk = createDesk({ store, playbook: loadPlaybook(DEFAULT_PLAYBOOK_DIR), clock, logger, ...(outbox ? { outbox } : {}) });
  return { desk, store, ...(outbox ? { outbox } : {}) };
}

/** A desk on `target`: a postgres:// URL, else a SQLite file path (through the one store opener). */
export async function openChildDeskAt(target: string): Promise<{ desk: Desk; store: Store; close(): Promise<void> }> {
  const stores = await openStores(target.startsWith('postgres') ? { dbPath: '', databaseUrl: target } : { dbPath: target });
  const logger = createLogger({ level: 'silent' });
  const desk = createDesk({ store: stores.store, playbook: loadPlaybook(DEFAULT_PLAYBOOK_DIR), clock: () => new Date(), logger });
  return { desk, store: stores.store, close: () => stores.close() };
}

export function supervisor(name: string): Actor {
  return { id: `console:${name}`, displayName: name, role: 'supervisor', platform: 'console' };
}
