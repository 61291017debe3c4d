/**
 * A real case store (SQLite file) with known cases, filed and decided through the real desk on a
 * clock the test sets: what `settle report` and `settle export --labelled` read.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createDesk } from '../../src/app/create-desk.ts';
import { DEFAULT_PLAYBOOK_DIR } from '../../src/cli/paths.ts';
import { createLogger } from '../../src/logger.ts';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';
import { li, ORDERS, wang } from '../app/desk-fixture.ts';

/** What the fixture holds, for the assertions. */
export const KNOWN = {
  week: '2026-W48',
  /** Cases filed in W48 (Shanghai): Monday 2026-11-23 00:00+08 to Monday 2026-11-30 00:00+08. */
  inWeek: 4,
  editedText: '亲，非常抱歉给您带来不便，我们马上为您补发缺少的T恤，补发后1小时内把单号发给您。',
};

/** Builds the store in a new SQLite file; returns its path. */
export async function buildReportStore(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'settle-report-')), 'settle.db');
  await fillReportStore(openSqliteStore(path, { backgroundCheckpoint: false }));
  return path;
}

/** Files and decides the known cases in `store` (SQLite or Postgres), then closes it. */
export async function fillReportStore(store: Store): Promise<void> {
  await store.upsertOrders(ORDERS, '2026-11-20T00:00:00.000Z');
  let now = new Date('2026-11-24T02:00:00.000Z');
  const at = (iso: string) => {
    now = new Date(iso);
  };
  const sink = new Writable({ write(_c, _e, cb) { cb(); } });
  const desk = createDesk({ store, playbook: loadPlaybook(DEFAULT_PLAYBOOK_DIR), clock: () => now, logger: createLogger({ destination: sink, level: 'error' }) });

  // 1. Missing item, edited by an agent, released by a supervisor 30 minutes after filing.
  at('2026-11-24T02:00:00.000Z');
  const a = await desk.submit({ actor: li, message: '收到货少了一件白色T恤，订单T1001，麻烦补发', orderId: 'T1001' });
  at('2026-11-24T02:10:00.000Z');
  const aEdited = await desk.edit(a.id, li, { replyText: KNOWN.editedText }, a.revision);
  at('2026-11-24T02:30:00.000Z');
  await desk.approve(a.id, wang, aEdited.revision);

  // 2. Quality problem, released unedited 2 hours after filing (first reply missed the 1 h limit).
  at('2026-11-25T03:00:00.000Z');
  const b = await desk.submit({ actor: li, message: '耳机用了两天就坏了，左边没有声音', orderId: 'T1003' });
  at('2026-11-25T05:00:00.000Z');
  await desk.approve(b.id, wang, b.revision);

  // 3. Extortion, rejected by the supervisor after 10 minutes.
  at('2026-11-26T06:00:00.000Z');
  const c = await desk.submit({ actor: li, message: '不给我转500块钱我就给你们差评，还要去投诉', orderId: 'T1004' });
  at('2026-11-26T06:10:00.000Z');
  await desk.reject(c.id, wang, 'threat; keep evidence', c.revision);

  // 4. Still waiting; the supervisor corrected its category (audited) — to a price drop.
  at('2026-11-27T08:00:00.000Z');
  const d = await desk.submit({ actor: li, message: '我买完第二天就降价了30块，能不能退差价', orderId: 'T1005' });
  at('2026-11-27T08:05:00.000Z');
  await desk.label(d.id, wang, 'price', 'price_drop');

  // 5. Outside the week (the next Monday, Shanghai): not in W48's report.
  at('2026-11-30T01:00:00.000Z');
  await desk.submit({ actor: li, message: '快递三天没更新了', orderId: 'T1001' });

  await store.close();
}
