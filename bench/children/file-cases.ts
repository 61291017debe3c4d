/**
 * Child of bench/files.ts: files N cases through the desk (classify + decide + store, as the
 * console does) into a fresh SQLite file and prints one JSON line: peak WAL bytes, peak RSS, time.
 *   node bin/run-built.js bench/children/file-cases.ts N DIR   (built as `settle` runs: no TypeScript loader)
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDesk } from '../../src/app/create-desk.ts';
import type { Actor } from '../../src/app/desk.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';

const n = Number(process.argv[2] ?? 100_000);
const dir = process.argv[3] ?? '.';
const MESSAGES = [
  '买了三件白色T恤，收到只有两件，少发了一件，麻烦尽快补发',
  '耳机外壳有一点划痕，小瑕疵，不影响使用，能补偿一点吗',
  'The kettle arrived with a dent and the lid does not close properly',
  'My parcel has said "in transit" for twelve days now, where is it?',
];
const path = join(dir, 'files.db');
const store = openSqliteStore(path);
const desk = createDesk({ store, playbook: loadPlaybook(resolve(import.meta.dirname, '../../playbooks')), clock: () => new Date(), logger: createSilentLogger() });
const agent: Actor = { id: 'bench:agent', displayName: 'agent', role: 'agent', platform: 'cli' };
let peakWal = 0;
let peakRss = 0;
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  await desk.submit({ actor: agent, message: `${MESSAGES[i % MESSAGES.length]} #${i}` });
  if (i % 500 === 0) {
    peakWal = Math.max(peakWal, statSync(`${path}-wal`).size);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
}
const seconds = (performance.now() - t0) / 1000;
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
await store.close();
console.log(JSON.stringify({ cases: n, peakWalBytes: peakWal, peakRssBytes: peakRss, seconds }));
