import { describe, expect, it } from 'vitest';
import { li, openDesk } from './desk-fixture.ts';
import { spawnChild, until } from './spawn-child.ts';

describe('several processes on one SQLite file', () => {
  it('four supervisors in four processes approving the same five cases at the same moment release each case exactly once', async () => {
    const fx = await openDesk();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await fx.desk.submit({ actor: li, message: '耳机外壳有一点划痕，小瑕疵，不影响使用', orderId: 'T1003' })).id);
    await fx.store.close();
    const children = ['wang', 'chen', 'zhou', 'wu'].map((name, i) => {
      const order = i % 2 ? [...ids].reverse() : ids;
      return spawnChild('approve-race.ts', [fx.path, name, ...order.map((id) => `${id}:1`)], true);
    });
    await until(() => children.every((c) => c.lines.some((l) => l.ready)), 100_000);
    for (const c of children) c.proc.stdin?.write('go\n');
    const codes = await Promise.all(children.map((c) => c.exited));
    expect(codes, children.map((c) => c.stderr()).join('\n')).toEqual([0, 0, 0, 0]);
    const all = children.flatMap((c) => c.lines.filter((l) => l.caseId));
    expect(all).toHaveLength(20);
    expect(all.filter((l) => l.error)).toEqual([]);
    for (const id of ids) {
      const forCase = all.filter((l) => l.caseId === id);
      expect(forCase.filter((l) => l.outcome === 'released')).toHaveLength(1);
      expect(new Set(forCase.map((l) => l.releaseId)).size).toBe(1);
    }
    const check = await openDesk(fx.path);
    expect(check.store.db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 5 });
    expect(check.store.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'released'").get()).toEqual({ n: 5 });
    await check.store.close();
  }, 120_000);
});
