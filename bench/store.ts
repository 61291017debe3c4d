/**
 * Store benchmark (`npm run bench -- store`): the whole desk path on a real SQLite file in WAL
 * mode with synchronous=FULL (the default; also NORMAL, for comparison) — submit (classify + decide + insert), approve (compare-and-set +
 * decision + outbox + audit in one transaction), read back — and the latency of one approval.
 * Prints nothing itself; bench/run.ts prints the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDesk } from '../src/app/create-desk.ts';
import type { Actor } from '../src/app/desk.ts';
import { createSilentLogger } from '../src/logger.ts';
import { loadPlaybook } from '../src/playbook/load-playbook.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';

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
  return { ...full, casesReleasedPerSecondSyncNormal: normal.casesReleasedPerSecond as number, approveP99MsSyncNormal: normal.approveP99Ms as number };
}

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
