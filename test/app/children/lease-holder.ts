/**
 * Runs background work under the store's lease until killed, trying the lease every third of
 * TTL_MS and printing each try (`{"tick":true|false}`), `{"started":pid}` when this process takes
 * the lease and starts the work, and `{"stopped":pid}` when it loses it.
 * Usage: lease-holder.ts POSTGRES_URL TTL_MS
 */
import { openPostgresStore } from '../../../src/store/postgres-store.ts';
import { runUnderLease } from '../../../src/store/lease-runner.ts';

const [url = '', ttl = '600'] = process.argv.slice(2);
const store = await openPostgresStore(url, { maxConnections: 2 });
const say = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
const runner = runUnderLease({
  store, name: 'background-test', ttlMs: Number(ttl), clock: () => new Date(), timer: false,
  start: () => {
    say({ started: process.pid });
    return { stop: async () => void say({ stopped: process.pid }) };
  },
});
say({ ready: true });
setInterval(() => void runner.tick().then((held) => say({ tick: held })), Number(ttl) / 3);
