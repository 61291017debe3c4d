/**
 * Delivers the outbox of a Postgres store to WEBHOOK_URL until killed (polling every 5 ms, claims
 * held 3 s), printing `{"ready":true}` once its dispatcher runs.
 * Usage: deliver-forever.ts POSTGRES_URL WEBHOOK_URL
 */
import { createLogger } from '../../../src/logger.ts';
import { createOutboxDispatcher } from '../../../src/outbox/dispatcher.ts';
import { openPostgresStore } from '../../../src/store/postgres-store.ts';

const [url = '', webhook = ''] = process.argv.slice(2);
const store = await openPostgresStore(url, { maxConnections: 4 });
const outbox = createOutboxDispatcher({
  store, url: webhook, clock: () => new Date(), logger: createLogger({ level: 'silent' }),
  pollMs: 5, timeoutMs: 2_000, claimMs: 3_000, batchSize: 5, backoff: { baseMs: 5, maxMs: 20 },
});
outbox.start();
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
setInterval(() => undefined, 1_000);
