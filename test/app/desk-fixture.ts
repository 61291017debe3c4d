/** A real desk over a real SQLite file, the bundled playbook and a stepping clock. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createDesk } from '../../src/app/create-desk.ts';
import type { Actor, Desk } from '../../src/app/desk.ts';
import { DEFAULT_PLAYBOOK_DIR } from '../../src/cli/paths.ts';
import type { Order } from '../../src/core/types.ts';
import { createLogger } from '../../src/logger.ts';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite-store.ts';

export const ORDERS: Order[] = [
  {
    id: 'T1003', currency: 'CNY', items: [{ sku: 'EB-1', name: '蓝牙耳机', unitPriceMinor: 29900, qty: 1 }, { sku: 'CASE-1', name: '耳机保护套', unitPriceMinor: 2900, qty: 1 }],
    totalMinor: 32800, shippingFeeMinor: 0, freeShipping: true, region: '广东', status: 'delivered', deliveredAt: '2026-11-20T12:00:00+08:00', sevenDayReturn: true, warrantyMonths: 12,
  },
  {
    id: 'T1004', currency: 'CNY', items: [{ sku: 'SOFA-1', name: '布艺沙发', unitPriceMinor: 100000, qty: 1 }],
    totalMinor: 100000, shippingFeeMinor: 0, freeShipping: true, region: '广东', status: 'delivered', deliveredAt: '2026-11-20T12:00:00+08:00', sevenDayReturn: true, warrantyMonths: 12,
  },
  {
    id: 'T1001', currency: 'CNY', items: [{ sku: 'TS-W', name: '白色T恤', unitPriceMinor: 5900, qty: 3 }],
    totalMinor: 17700, shippingFeeMinor: 0, freeShipping: true, region: '浙江', status: 'delivered', deliveredAt: '2026-11-21T15:00:00+08:00', sevenDayReturn: true,
  },
  {
    id: 'T1005', currency: 'CNY', items: [{ sku: 'TS-W', name: '白色T恤', unitPriceMinor: 5900, qty: 2 }, { sku: 'TS-B', name: '黑色T恤', unitPriceMinor: 5900, qty: 1 }],
    totalMinor: 17700, shippingFeeMinor: 0, freeShipping: true, region: '浙江', status: 'delivered', deliveredAt: '2026-11-21T15:00:00+08:00', sevenDayReturn: true,
  },
];

export const li: Actor = { id: 'console:li', displayName: 'li', role: 'agent', platform: 'console' };
export const zhao: Actor = { id: 'console:zhao', displayName: 'zhao', role: 'agent', platform: 'console' };
export const wang: Actor = { id: 'console:wang', displayName: 'wang', role: 'supervisor', platform: 'console' };
export const chen: Actor = { id: 'console:chen', displayName: 'chen', role: 'supervisor', platform: 'console' };

export interface DeskFixture {
  desk: Desk;
  store: SqliteStore;
  path: string;
  /** Every log line written so far. */
  logs: () => string;
}

export async function openDesk(path = join(mkdtempSync(join(tmpdir(), 'settle-desk-')), 'settle.db')): Promise<DeskFixture> {
  const store = openSqliteStore(path);
  await store.upsertOrders(ORDERS, '2026-11-24T00:00:00.000Z');
  let t = Date.parse('2026-11-24T03:00:00.000Z');
  let buf = '';
  const sink = new Writable({ write(c, _e, cb) { buf += String(c); cb(); } });
  const desk = createDesk({ store, playbook: loadPlaybook(DEFAULT_PLAYBOOK_DIR), clock: () => new Date((t += 1000)), logger: createLogger({ destination: sink, level: 'debug' }) });
  return { desk, store, path, logs: () => buf };
}
