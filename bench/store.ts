/**
 * Store benchmark (`npm run bench -- store`): the whole desk path on a real SQLite file in WAL
 * mode with synchronous=FULL (the default; also NORMAL, for comparison) — submit (classify + decide + insert), approve (compare-and-set +
 * decision + outbox + audit in one transaction), read back — and the latency of one approval.
 * Then the same path on Postgres (SETTLE_TEST_DATABASE_URL; skipped with a notice without it) with
 * 1, 2 and 4 Settle processes on one database, each with 8 cases in flight: cases filed +
 * approved + released per second over all processes. Each process is this file run as
 * `store.ts --worker URL CASES`.
 * Prints nothing itself but the notice; bench/run.ts prints the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDesk } from '../src/app/create-desk.ts';
import type { Actor } from '../src/app/desk.ts';
import { createSilentLogger } from '../src/logger.ts';
import { loadPlaybook } from '../src/playbook/load-playbook.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';
import { openPostgresStore } from '../src/store/postgres-store.ts';
import type { Store } from '../src/store/store.ts';
import { freshSchema, TEST_DATABASE_URL } from '../test/store/pg-schema.ts';

const CASES = 2_000;
const MESSAGES = [
  '耳机外壳有一点划痕，小瑕疵，不影响使用',
  '买了三件白色T恤，收到只有两件，少发了一件',
  '收到的耳机是假货吧，和专柜的不一样',
  'The kettle arrived with a dent and the lid does not close properly',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Cases created + approved + released per second, and approval latency percentiles (ms). */
export async function benchStore(): Promise<Record<string, number>> {
  const full = await runOnce('FULL');
  const normal = await runOnce('NORMAL');
  return {
    ...full, casesReleasedPerSecondSyncNormal: normal.casesReleasedPerSecond as number, approveP99MsSyncNormal: normal.approveP99Ms as number,
    ...(await benchPostgres()),
  };
}

const PG_CASES = 2_000;
const IN_FLIGHT = 8;
const ORDER = { id: 'B1', currency: 'CNY', items: [{ sku: 'EB-1', name: '蓝牙耳机', unitPriceMinor: 29900, qty: 1 }, { sku: 'TS-W', name: '白色T恤', unitPriceMinor: 5900, qty: 3 }], totalMinor: 47600, shippingFeeMinor: 0, freeShipping: true, region: '浙江', status: 'delivered' as const, deliveredAt: '2026-11-20T12:00:00+08:00', sevenDayReturn: true, warrantyMonths: 12 };

/** Cases/s on Postgres with 1, 2 and 4 processes; {} (and a notice) without a server. */
async function benchPostgres(): Promise<Record<string, number>> {
  if (!TEST_DATABASE_URL) {
    console.warn('  store: Postgres figures skipped: SETTLE_TEST_DATABASE_URL is not set');
    return {};
  }
  const out: Record<string, number> = {};
  for (const processes of [1, 2, 4]) {
    const schema = await freshSchema(TEST_DATABASE_URL, 'bench');
    try {
      const setup = await openPostgresStore(schema.url, { maxConnections: 1 });
      await setup.upsertOrders([ORDER], new Date().toISOString());
      await setup.close();
      const self = fileURLToPath(import.meta.url);
      const children = Array.from({ length: processes }, () => spawn(process.execPath, ['--import', 'tsx', self, '--worker', schema.url, String(PG_CASES / processes)], { stdio: ['pipe', 'pipe', 'inherit'] }));
      const outputs = children.map((c) => {
        let text = '';
        c.stdout.on('data', (b: Buffer) => (text += b.toString('utf8')));
        return () => text;
      });
      // Every worker has opened its desk and warmed up before the clock starts.
      await Promise.all(outputs.map(async (text, i) => {
        while (!text().includes('ready')) await once(children[i]!.stdout, 'data');
      }));
      const start = performance.now();
      for (const c of children) c.stdin.end('go\n');
      const codes = await Promise.all(children.map(async (c) => (c.exitCode ?? (await once(c, 'exit'))[0]) as number));
      const ms = performance.now() - start;
      if (codes.some((code) => code !== 0)) throw new Error(`bench: a Postgres worker failed (${codes.join(', ')})`);
      out[`postgres${processes}ProcCasesReleasedPerSecond`] = Math.round((PG_CASES / ms) * 1000);
    } finally {
      await schema.drop();
    }
  }
  return out;
}

/** One worker process: files and approves `cases` cases, IN_FLIGHT at a time, after the parent's "go". */
async function runWorker(url: string, cases: number): Promise<void> {
  const store: Store = await openPostgresStore(url, { maxConnections: IN_FLIGHT + 2 });
  const desk = createDesk({ store, playbook: loadPlaybook(resolve(import.meta.dirname, '../playbooks')), clock: () => new Date(), logger: createSilentLogger() });
  const agent: Actor = { id: `bench:agent${process.pid}`, displayName: 'agent', role: 'agent', platform: 'cli' };
  const supervisor: Actor = { id: `bench:sup${process.pid}`, displayName: 'sup', role: 'supervisor', platform: 'cli' };
  const one = async (i: number) => {
    const v = await desk.submit({ actor: agent, message: MESSAGES[i % MESSAGES.length] as string, orderId: 'B1' });
    const r = await desk.approve(v.id, supervisor, v.revision);
    if (r.outcome !== 'released') throw new Error(`bench: ${v.id} not released`);
  };
  for (let i = 0; i < 20; i++) await one(i);
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  let next = 0;
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < cases) await one(next++);
  }));
  await store.close();
}

if (process.argv[2] === '--worker') await runWorker(process.argv[3] ?? '', Number(process.argv[4]));

async function runOnce(synchronous: 'FULL' | 'NORMAL'): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'settle-bench-'));
  const store = openSqliteStore(join(dir, 'bench.db'), { synchronous });
  try {
    await store.upsertOrders([{ id: 'B1', currency: 'CNY', items: [{ sku: 'EB-1', name: '蓝牙耳机', unitPriceMinor: 29900, qty: 1 }, { sku: 'TS-W', name: '白色T恤', unitPriceMinor: 5900, qty: 3 }], totalMinor: 47600, shippingFeeMinor: 0, freeShipping: true, region: '浙江', status: 'delivered', deliveredAt: '2026-11-20T12:00:00+08:00', sevenDayReturn: true, warrantyMonths: 12 }], new Date().toISOString());
    const desk = createDesk({ store, playbook: loadPlaybook(resolve(import.meta.dirname, '../playbooks')), clock: () => new Date(), logger: createSilentLogger() });
    const agent: Actor = { id: 'bench:agent', displayName: 'agent', role: 'agent', platform: 'cli' };
    const supervisor: Actor = { id: 'bench:sup', displayName: 'sup', role: 'supervisor', platform: 'cli' };
    for (let i = 0; i < 50; i++) {
      const v = await desk.submit({ actor: agent, message: MESSAGES[i % MESSAGES.length] as string, orderId: 'B1' });
      await desk.approve(v.id, supervisor, v.revision);
    }
    const approvals: number[] = [];
    const submits: number[] = [];
    const start = performance.now();
    for (let i = 0; i < CASES; i++) {
      const t0 = performance.now();
      const v = await desk.submit({ actor: agent, message: MESSAGES[i % MESSAGES.length] as string, orderId: 'B1' });
      const t1 = performance.now();
      const r = await desk.approve(v.id, supervisor, v.revision);
      approvals.push(performance.now() - t1);
      submits.push(t1 - t0);
      if (r.outcome !== 'released') throw new Error(`bench: ${v.id} not released`);
    }
    const totalMs = performance.now() - start;
    approvals.sort((a, b) => a - b);
    submits.sort((a, b) => a - b);
    const t0 = performance.now();
    const open = await desk.queue({ limit: 500 });
    const queueMs = performance.now() - t0;
    return {
      cases: CASES,
      casesReleasedPerSecond: Math.round((CASES / totalMs) * 1000),
      approveP50Ms: percentile(approvals, 50),
      approveP99Ms: percentile(approvals, 99),
      submitP50Ms: percentile(submits, 50),
      submitP99Ms: percentile(submits, 99),
      queueMs: open.length === 0 ? queueMs : NaN,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
