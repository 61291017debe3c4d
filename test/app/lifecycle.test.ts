/**
 * The lifecycle after release on a real desk and SQLite file, on an injected clock: a case walks
 * every state and deadline; reminders and escalations go out once — across a restart and with
 * two schedulers (two processes) on one file; the follow-up is drafted, approved and recorded;
 * a case is resolved and one reopened. Postgres: test/app/multi-process-postgres.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDesk } from '../../src/app/create-desk.ts';
import type { Desk } from '../../src/app/desk.ts';
import { createLifecycleScheduler, runLifecycleScheduler, type LifecycleNotice } from '../../src/app/lifecycle.ts';
import { DEFAULT_PLAYBOOK_DIR } from '../../src/cli/paths.ts';
import { createLogger } from '../../src/logger.ts';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite-store.ts';
import { li, ORDERS, wang, zhao } from './desk-fixture.ts';
import { spawnChild, until } from './spawn-child.ts';

const playbook = loadPlaybook(DEFAULT_PLAYBOOK_DIR);
const MISSING = '我买了三件白T恤只收到两件，少发了一件';
/** Tuesday 2026-11-24 10:00 in Shanghai: inside working hours. */
const T0 = Date.parse('2026-11-24T02:00:00.000Z');
const min = (m: number) => T0 + m * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

interface World {
  desk: Desk;
  store: SqliteStore;
  path: string;
  set(ms: number): void;
  tick(): Promise<string[]>;
  posted: LifecycleNotice[];
}

const open: SqliteStore[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const s of open.splice(0)) await s.close();
});

async function world(path = join(mkdtempSync(join(tmpdir(), 'settle-lifecycle-')), 'settle.db'), start = T0): Promise<World> {
  const store = openSqliteStore(path);
  open.push(store);
  await store.upsertOrders(ORDERS, iso(T0));
  let now = start;
  const clock = () => new Date(now);
  const logger = createLogger({ level: 'silent' });
  const desk = createDesk({ store, playbook, clock, logger });
  const posted: LifecycleNotice[] = [];
  const scheduler = createLifecycleScheduler({ store, desk, clock, logger, notifiers: [async (n) => void posted.push(n)] });
  return {
    desk, store, path, posted,
    set: (ms) => void (now = ms),
    tick: async () => (await scheduler.tick()).map((n) => `${n.view.id}:${n.deadline}:${n.notice}`),
  };
}

describe('a case through every state and deadline', () => {
  it('filed → released → executed → follow-up drafted, approved, recorded → resolved; reopened → executed again', async () => {
    const w = await world();
    const filed = await w.desk.submit({ actor: li, message: MISSING, orderId: 'T1001' });
    expect(filed.deadlines.map((d) => [d.kind, d.dueAt])).toEqual([['first_reply', iso(min(60))]]);
    w.set(min(45));
    expect(await w.tick()).toEqual(['c1:first_reply:reminder']);
    expect(await w.tick()).toEqual([]);
    w.set(min(50));
    const released = (await w.desk.approve('c1', wang, 1)).view;
    expect(released.lifecycle).toMatchObject({ state: 'released', seq: 0, moves: ['return_arrived', 'execute'] });
    expect(released.deadlines.map((d) => [d.kind, d.metAt ?? null, d.dueAt])).toEqual([['first_reply', iso(min(50)), iso(min(60))], ['reship_tracking', null, iso(min(110))]]);
    w.set(min(110));
    expect(await w.tick()).toEqual(['c1:reship_tracking:escalation']);
    w.set(min(115));
    const executed = await w.desk.lifecycle('c1', li, { action: 'execute', record: { trackingNumber: ' SF1234567 ' } }, 0);
    expect(executed.lifecycle).toMatchObject({ state: 'executed', seq: 1, data: { executions: [{ by: li.id, record: { trackingNumber: 'SF1234567' } }] } });
    const followUp = executed.deadlines.find((d) => d.kind === 'follow_up')!;
    expect([followUp.dueAt, followUp.remindAt]).toEqual([iso(min(115 + 24 * 60)), iso(min(115 + 22 * 60))]);
    // The follow-up's reminder is the drafted follow-up, waiting for approval.
    w.set(min(115 + 22 * 60));
    expect(await w.tick()).toEqual(['c1:follow_up:reminder']);
    expect(w.posted.at(-1)?.followUpDrafted).toBe(true);
    const drafted = await w.desk.get('c1');
    expect(drafted.lifecycle?.data.followUp).toMatchObject({ status: 'drafted', lang: 'zh', text: expect.stringContaining('解决了吗') });
    const sent = await w.desk.approveFollowUp('c1', zhao, drafted.lifecycle!.seq);
    expect(sent.outcome).toBe('released');
    expect((await w.desk.approveFollowUp('c1', zhao, drafted.lifecycle!.seq)).outcome).toBe('already');
    expect(await w.store.getRelease('c1', 'follow_up')).toMatchObject({ kind: 'follow_up', status: 'pending', payload: { kind: 'follow_up', caseId: 'c1', approvedBy: zhao.id } });
    expect(await w.store.countPendingReleases()).toBe(2);
    const answered = await w.desk.lifecycle('c1', li, { action: 'follow_up', answer: { solved: true, satisfied: true } }, sent.view.lifecycle!.seq);
    expect(answered.lifecycle).toMatchObject({ state: 'followed_up', moves: ['resolve', 'reopen'], reviewRequest: expect.stringContaining('更新一下评价') });
    w.set(min(115 + 24 * 60));
    expect(await w.tick()).toEqual([]);
    const resolved = await w.desk.lifecycle('c1', li, { action: 'resolve' }, answered.lifecycle!.seq);
    expect(resolved.lifecycle?.state).toBe('resolved');
    expect(resolved.deadlines.every((d) => d.metAt)).toBe(true);
    // The customer comes back: only a supervisor reopens a resolved case; the review request goes with the old answer.
    await expect(w.desk.lifecycle('c1', li, { action: 'reopen', reason: 'the new shirt is torn' }, resolved.lifecycle!.seq)).rejects.toMatchObject({ code: 'forbidden_role' });
    const reopened = await w.desk.lifecycle('c1', wang, { action: 'reopen', reason: 'the new shirt is torn' }, resolved.lifecycle!.seq);
    expect(reopened.lifecycle).toMatchObject({ state: 'reopened', moves: ['execute'], data: { reopened: [{ by: wang.id, reason: 'the new shirt is torn' }] } });
    expect(reopened.lifecycle?.reviewRequest).toBeUndefined();
    const again = await w.desk.lifecycle('c1', li, { action: 'execute', record: { refundId: 'RF-77' } }, reopened.lifecycle!.seq);
    expect(again.lifecycle?.state).toBe('executed');
    const fresh = again.deadlines.find((d) => d.kind === 'follow_up');
    expect([fresh?.openedAt, fresh?.metAt, fresh?.remindedAt]).toEqual([iso(min(115 + 24 * 60)), undefined, undefined]);
    const actions = (await w.desk.history('c1')).map((e) => e.action);
    expect(actions).toEqual(['submitted', 'drafted', 'reminded', 'approved', 'released', 'escalated', 'executed', 'reminded', 'follow_up_drafted', 'follow_up_sent', 'followed_up', 'resolved', 'denied', 'reopened', 'executed']);
  });

  it('a follow-up the customer says did not solve it offers no review request; the case is reopened by the agent', async () => {
    const w = await world();
    await w.desk.submit({ actor: li, message: MISSING, orderId: 'T1001' });
    await w.desk.approve('c1', wang, 1);
    const executed = await w.desk.lifecycle('c1', li, { action: 'execute', record: { trackingNumber: 'SF1' } }, 0);
    const answered = await w.desk.lifecycle('c1', li, { action: 'follow_up', answer: { solved: false, satisfied: false } }, executed.lifecycle!.seq);
    expect(answered.lifecycle?.reviewRequest).toBeUndefined();
    await expect(w.desk.lifecycle('c1', li, { action: 'resolve' }, 0)).rejects.toMatchObject({ code: 'stale_revision' });
    const reopened = await w.desk.lifecycle('c1', li, { action: 'reopen', reason: 'still missing' }, answered.lifecycle!.seq);
    expect(reopened.lifecycle?.state).toBe('reopened');
    await expect(w.desk.lifecycle('c1', li, { action: 'execute', record: {} }, reopened.lifecycle!.seq)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('a return that arrived opens the 24 h refund; the refund id meets it', async () => {
    const w = await world();
    await w.desk.submit({ actor: li, message: MISSING, orderId: 'T1001' });
    await w.desk.approve('c1', wang, 1);
    const back = await w.desk.lifecycle('c1', li, { action: 'return_arrived' }, 0);
    expect(back.deadlines.find((d) => d.kind === 'refund_after_return')?.dueAt).toBe(iso(T0 + 24 * 3_600_000));
    const paid = await w.desk.lifecycle('c1', li, { action: 'execute', record: { refundId: 'RF-1' } }, back.lifecycle!.seq);
    expect(paid.deadlines.find((d) => d.kind === 'refund_after_return')?.metAt).toBe(iso(T0));
  });
});

describe('each notice goes out once', () => {
  it('across a restart: the SQLite file is closed and opened again; nothing is reminded twice', async () => {
    const a = await world();
    await a.desk.submit({ actor: li, message: MISSING, orderId: 'T1001' });
    a.set(min(45));
    expect(await a.tick()).toEqual(['c1:first_reply:reminder']);
    await a.store.close();
    const b = await world(a.path, min(46));
    expect(await b.tick()).toEqual([]);
    b.set(min(60));
    expect(await b.tick()).toEqual(['c1:first_reply:escalation']);
    await b.store.close();
    const c = await world(a.path, min(600));
    expect(await c.tick()).toEqual([]);
    expect((await c.desk.history('c1')).filter((e) => e.actorId === 'settle' && e.action !== 'drafted').map((e) => e.action)).toEqual(['reminded', 'escalated']);
  });

  it('two scheduler processes on one SQLite file tick at the same instants: each reminder and escalation once', async () => {
    const w = await world();
    for (let i = 0; i < 20; i++) await w.desk.submit({ actor: li, message: MISSING, orderId: 'T1001' });
    const at = [iso(min(45)), iso(min(50)), iso(min(60)), iso(min(61))];
    const children = [0, 1].map(() => spawnChild('remind-ticks.ts', [w.path, ...at], true));
    await until(() => children.every((c) => c.lines.some((l) => l.ready)), 60_000).catch((e: unknown) => {
      throw new Error(`children not ready: ${children.map((c) => c.stderr()).join('\n')}`, { cause: e });
    });
    for (const c of children) c.proc.stdin?.write('go\n');
    const codes = await Promise.all(children.map((c) => c.exited));
    expect(codes, children.map((c) => c.stderr()).join('\n')).toEqual([0, 0]);
    const notices = children.flatMap((c) => c.lines.filter((l) => l.caseId)).map((l) => `${String(l.caseId)}:${String(l.notice)}`);
    const want = Array.from({ length: 20 }, (_, i) => [`c${i + 1}:reminder`, `c${i + 1}:escalation`]).flat();
    expect(notices.sort()).toEqual(want.sort());
  }, 90_000);

  it('under the lease, on fake timers: one of two schedulers runs; it ticks on its interval', async () => {
    vi.useFakeTimers({ now: T0 });
    const w = await world();
    await w.desk.submit({ actor: li, message: MISSING, orderId: 'T1001' });
    const second = openSqliteStore(w.path, { backgroundCheckpoint: false });
    open.push(second);
    const logger = createLogger({ level: 'silent' });
    const seen: string[] = [];
    const clock = () => new Date();
    const runners = [w.store, second].map((store, i) => runLifecycleScheduler({
      store, desk: createDesk({ store, playbook, clock, logger }), clock, logger, intervalMs: 60_000, leaseMs: 120_000, holder: `p${i}`,
      notifiers: [async (n) => void seen.push(`p${i}:${n.view.id}:${n.notice}`)],
    }));
    await vi.advanceTimersByTimeAsync(44 * 60_000);
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(runners.map((r) => r.holding())).toEqual([true, false]);
    expect(seen).toEqual(['p0:c1:reminder', 'p0:c1:escalation']);
    for (const r of runners) await r.stop();
  });
});
