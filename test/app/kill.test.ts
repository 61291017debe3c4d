import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { createOutboxDispatcher } from '../../src/outbox/dispatcher.ts';
import { startWebhookServer } from '../outbox/webhook-server.ts';
import type { Actor } from '../../src/app/desk.ts';
import { openDesk } from './desk-fixture.ts';
import { spawnChild, until } from './spawn-child.ts';

const zhou: Actor = { id: 'console:zhou', displayName: 'zhou', role: 'supervisor', platform: 'console' };

describe('crash safety', () => {
  it('SIGKILL at random points loses no recorded decision, and a restart never releases twice', async () => {
    const fx = await openDesk();
    await fx.store.close();
    const server = await startWebhookServer(0);
    const seen: Record<string, unknown>[] = [];
    const killPoints: number[] = [];
    for (let round = 0; round < 4; round++) {
      const child = spawnChild('record-forever.ts', [fx.path, server.url]);
      const killAfter = 2 + Math.floor(Math.random() * 12);
      killPoints.push(killAfter);
      await until(() => child.lines.length >= killAfter || child.proc.exitCode !== null, 60_000);
      await new Promise((r) => setTimeout(r, Math.random() * 25));
      child.proc.kill('SIGKILL');
      await child.exited;
      expect(child.stderr(), `round ${round}`).toBe('');
      seen.push(...child.lines); // lines read before the kill were printed after their commit
    }
    const why = `kill points ${killPoints.join(',')}`;

    const after = await openDesk(fx.path);
    const db = after.store.db;
    expect(db.pragma('integrity_check', { simple: true }), why).toBe('ok');
    for (const l of seen) {
      const c = await after.desk.get(String(l.caseId));
      if (l.step === 'rejected') expect(c.status, why).toBe('rejected');
      if (l.step === 'edited') expect(c.revision, why).toBeGreaterThanOrEqual(Number(l.revision));
      if (l.step === 'approved') {
        expect(c.status, why).toBe('released');
        expect(c.release?.id, why).toBe(l.releaseId);
      }
    }
    expect(seen.filter((l) => l.step === 'approved').length, why).toBeGreaterThan(0);

    // Restart: retried approvals (by a supervisor who never touched these drafts: the child's
    // editor may not approve what it edited) of released cases answer `already`; cases left open are approved now.
    const rows = db.prepare('SELECT id, status, revision FROM cases ORDER BY id').all() as { id: string; status: string; revision: number }[];
    for (const r of rows) {
      if (r.status === 'rejected') continue;
      const res = await after.desk.approve(r.id, zhou, r.revision);
      expect(res.outcome, `${r.id} ${why}`).toBe(r.status === 'released' ? 'already' : 'released');
    }
    const released = rows.filter((r) => r.status !== 'rejected').length;
    expect(db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: released });
    const perCase = db.prepare("SELECT case_id, COUNT(*) AS n FROM audit_log WHERE action = 'released' GROUP BY case_id HAVING n > 1").all();
    expect(perCase, why).toEqual([]);

    // Deliveries interrupted by the kills finish after restart: every release once, by its one key.
    const d = createOutboxDispatcher({ store: after.store, url: server.url, clock: () => new Date(), logger: pino({ level: 'silent' }), pollMs: 5, backoff: { baseMs: 5, maxMs: 20 } });
    d.start();
    await until(async () => (await after.store.countPendingReleases()) === 0);
    await d.stop();
    const ids = (db.prepare('SELECT id FROM outbox').all() as { id: string }[]).map((r) => r.id).sort();
    expect([...server.accepted.keys()].sort(), why).toEqual(ids);
    expect(server.requests.every((q) => ids.includes(String(q.key))), why).toBe(true);
    await after.store.close();
    await server.close();
  }, 180_000);
});
