/**
 * Prints `{"ready":true}`, waits for the parent's "go" (sent when every child is ready), opens the
 * Postgres store — which migrates under the advisory lock — and prints the versions it applied.
 * Usage: open-store-once.ts POSTGRES_URL
 */
import { once } from 'node:events';
import { openPostgresStore } from '../../../src/store/postgres-store.ts';

const [url = ''] = process.argv.slice(2);
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
await once(process.stdin, 'data');
const store = await openPostgresStore(url, { maxConnections: 2 });
process.stdout.write(`${JSON.stringify({ applied: store.appliedAtOpen })}\n`);
await store.close();
process.exit(0);
