/**
 * Makes the committed example of the weekly report (docs/report/): a new SQLite store in a
 * temporary folder, known cases filed and decided through the real desk on a clock set case by
 * case (ISO week 2026-W48 in Asia/Shanghai), one training session, then `settle report` itself
 * writes the PNG, the CSV it came from, and the JSON.
 *
 *   node bin/run-ts.js scripts/report-example.ts            # rewrites docs/report/2026-W48.{png,csv,json}
 *   node bin/run-ts.js scripts/report-example.ts --out DIR  # … into DIR instead
 *
 * The PNG needs Debian's fonts-noto-cjk (Chinese labels). Same inputs, same files.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { createDesk } from '../src/app/create-desk.ts';
import type { Actor } from '../src/app/desk.ts';
import type { Order } from '../src/core/types.ts';
import { createLogger } from '../src/logger.ts';
import { loadPlaybook } from '../src/playbook/load-playbook.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const OUT = outAt >= 0 ? resolve(args[outAt + 1] ?? '.') : resolve(ROOT, 'docs/report');
const WEEK = '2026-W48';

const order = (id: string, name: string, unitPriceMinor: number, qty = 1, region = '浙江'): Order => ({
  id, currency: 'CNY', items: [{ sku: `${id}-1`, name, unitPriceMinor, qty }], totalMinor: unitPriceMinor * qty, shippingFeeMinor: 0, freeShipping: true,
  region, status: 'delivered', paidAt: '2026-11-18T10:00:00+08:00', deliveredAt: '2026-11-21T15:00:00+08:00', sevenDayReturn: true, warrantyMonths: 12,
});
const ORDERS = [
  order('E1001', '白色T恤', 5900, 3), order('E1002', '蓝牙耳机', 29900), order('E1003', '布艺沙发', 100000, 1, '广东'),
  order('E1004', '保温杯', 8900), order('E1005', '卫衣', 12900), order('E1006', '运动鞋', 39900, 1, '北京'),
];

const li: Actor = { id: 'console:li', displayName: 'li', role: 'agent', platform: 'console' };
const zhao: Actor = { id: 'console:zhao', displayName: 'zhao', role: 'agent', platform: 'console' };
const wang: Actor = { id: 'console:wang', displayName: 'wang', role: 'supervisor', platform: 'console' };

/** One case of the week: filed at `at` (UTC), then what happened to it, minutes after filing. */
interface Step { message: string; orderId?: string; at: string; by?: Actor; edit?: { after: number; text: string }; approve?: number; reject?: { after: number; reason: string }; label?: [string, string?] }
const WEEK_CASES: Step[] = [
  { message: '收到货少了一件白色T恤，麻烦补发', orderId: 'E1001', at: '2026-11-23T02:00:00Z', edit: { after: 10, text: '亲，非常抱歉少发了一件，我们马上为您补发，补发后1小时内把单号发给您。' }, approve: 30 },
  { message: '耳机用了两天就坏了，左边没有声音', orderId: 'E1002', at: '2026-11-23T06:00:00Z', approve: 120 },
  { message: '沙发坐了两天就塌了，质量太差了', orderId: 'E1003', at: '2026-11-24T01:30:00Z', approve: 45 },
  { message: '杯子收到的时候已经碎了，快递盒子都压扁了', orderId: 'E1004', at: '2026-11-24T03:00:00Z', by: zhao, approve: 20 },
  { message: '发错货了，我要的是黑色卫衣，收到的是灰色的', orderId: 'E1005', at: '2026-11-25T02:10:00Z', approve: 35 },
  { message: '我买完第二天就降价了30块，能不能退差价', orderId: 'E1005', at: '2026-11-25T07:00:00Z', label: ['price_drop'], approve: 50 },
  { message: '不给我转500块钱我就给你们差评，还要去投诉', orderId: 'E1003', at: '2026-11-26T06:00:00Z', reject: { after: 10, reason: 'threat tied to money (M-1); evidence kept' } },
  { message: '加我微信聊吧，平台上不方便说，退我200块就行', at: '2026-11-26T09:00:00Z', by: zhao, reject: { after: 15, reason: 'off-platform contact (M-1)' } },
  { message: 'The shoes I got are not as described, the colour is completely different from the photos', orderId: 'E1006', at: '2026-11-27T03:00:00Z', approve: 90 },
  { message: '快递三天没更新了，到底发没发', orderId: 'E1001', at: '2026-11-27T08:00:00Z', approve: 25 },
  { message: '订单显示未付款但我已经付过钱了', at: '2026-11-28T04:00:00Z' },
];

const dir = mkdtempSync(join(tmpdir(), 'settle-report-example-'));
const db = join(dir, 'settle.db');
const store = openSqliteStore(db, { backgroundCheckpoint: false });
let now = new Date('2026-11-20T00:00:00Z');
const at = (iso: string, minutes = 0) => {
  now = new Date(Date.parse(iso) + minutes * 60_000);
};
const sink = new Writable({ write(_c, _e, cb) { cb(); } });
const desk = createDesk({ store, playbook: loadPlaybook(resolve(ROOT, 'playbooks')), clock: () => now, logger: createLogger({ destination: sink, level: 'error' }) });
await store.upsertOrders(ORDERS, now.toISOString());
for (const c of WEEK_CASES) {
  at(c.at);
  let v = await desk.submit({ actor: c.by ?? li, message: c.message, ...(c.orderId ? { orderId: c.orderId } : {}) });
  if (c.label) {
    at(c.at, 5);
    await desk.label(v.id, wang, ...c.label);
  }
  if (c.edit) {
    at(c.at, c.edit.after);
    v = await desk.edit(v.id, c.by ?? li, { replyText: c.edit.text }, v.revision);
  }
  if (c.approve !== undefined) {
    at(c.at, c.approve);
    await desk.approve(v.id, wang, v.revision);
  }
  if (c.reject) {
    at(c.at, c.reject.after);
    await desk.reject(v.id, wang, c.reject.reason, v.revision);
  }
}
await store.training.saveSession({ id: 'tr-example-1', trainee: 'console:li', scenarioId: 'missing-item-zh', lang: 'zh', mode: 'play', startedAt: '2026-11-25T08:00:00.000Z', transcript: [], endedAt: '2026-11-25T08:20:00.000Z', endReason: 'resolved', scorecard: { scenario: 'missing-item-zh', total: 78, violations: [], replyTimes: [], revealed: [], criteria: [] } as never });
await store.close();

mkdirSync(OUT, { recursive: true });
const r = spawnSync(process.execPath, [resolve(ROOT, 'bin/settle.js'), 'report', '--week', WEEK, '--db', db, '--now', '2026-12-02T00:00:00Z',
  '--png', join(OUT, `${WEEK}.png`), '--csv', join(OUT, `${WEEK}.csv`)], { encoding: 'utf8' });
rmSync(dir, { recursive: true, force: true });
if (r.status !== 0) {
  process.stderr.write(r.stderr);
  process.exit(r.status ?? 1);
}
const { writeFileSync } = await import('node:fs');
writeFileSync(join(OUT, `${WEEK}.json`), `${JSON.stringify(JSON.parse(r.stdout), null, 1)}\n`);
console.log(`wrote ${join(OUT, `${WEEK}.png`)}, .csv and .json from ${WEEK_CASES.length} cases`);
