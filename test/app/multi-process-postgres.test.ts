/**
 * Several Settle processes on ONE Postgres database (SETTLE_TEST_DATABASE_URL; skipped with a
 * notice without it): 1 000 cases approved twice at once release exactly once with two and with
 * four processes; the outbox delivers every release exactly once (by its key) while delivering
 * processes are SIGKILLed; N processes starting at once migrate once; background work runs on one
 * process and moves when that process is SIGKILLed; two lifecycle schedulers post each reminder once.
 */
import { describe, expect, it } from 'vitest';
import { createDesk } from '../../src/app/create-desk.ts';
import { DEFAULT_PLAYBOOK_DIR } from '../../src/cli/paths.ts';
import { createLogger } from '../../src/logger.ts';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';
import { openPostgresStore } from '../../src/store/postgres-store.ts';
import { MIGRATIONS } from '../../src/store/migrations/index.ts';
import { freshSchema, TEST_DATABASE_URL, warnSkipped } from '../store/pg-schema.ts';
import { spawnChild, until, type Child } from './spawn-child.ts';
import { startWebhookServer } from '../outbox/webhook-server.ts';
import { li, ORDERS, wang } from './desk-fixture.ts';

const CASES = 1_000;
const base = TEST_DATABASE_URL;

/** `filedAt`: the desk's clock while filing (default: real time). */
async function fileCases(url: string, n: number, filedAt?: Date): Promise<string[]> {
  const store = await openPostgresStore(url);
  try {
    await store.upsertOrders(ORDERS, '2026-11-24T00:00:00.000Z');
    const desk = createDesk({ store, playbook: loadPlaybook(DEFAULT_PLAYBOOK_DIR), clock: () => filedAt ?? new Date(), logger: createLogger({ level: 'silent' }) });
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await desk.submit({ actor: li, message: '耳机外壳有一点划痕，小瑕疵，不影响使用', orderId: 'T1003' })).id);
    return ids;
  } finally {
    await store.close();
  }
}

async function startAll(children: Child[]): Promise<void> {
  await until(() => children.every((c) => c.lines.some((l) => l.ready)), 100_000);
  for (const c of children) c.proc.stdin?.write('go\n');
}

if (!base) {
  warnSkipped('several processes on Postgres');
  describe.skip('several processes on one Postgres database (needs SETTLE_TEST_DATABASE_URL)', () => {
    it('races approvals, migrations and leases across processes', () => undefined);
  });
} else {
  describe('several processes on one Postgres database', () => {
    for (const processes of [2, 4]) {
      it(`${processes} processes: ${CASES} cases, each approved by two processes at once, release exactly once`, async () => {
        const schema = await freshSchema(base, `race${processes}`);
        try {
          const ids = await fileCases(schema.url, CASES);
          // Process p approves the cases k with k % processes ∈ {p, p-1}: every case by exactly two
          // processes, in the same order, 16 approvals in flight per process.
          const names = ['wang', 'chen', 'zhou', 'wu'].slice(0, processes);
          const children = names.map((name, p) => {
            const mine = ids.filter((_, k) => processes === 2 || k % processes === p || k % processes === (p + processes - 1) % processes);
            return spawnChild('approve-race.ts', [schema.url, name, ...mine.map((id) => `${id}:1`)], true, { CONCURRENCY: '16' });
          });
          await startAll(children);
          const codes = await Promise.all(children.map((c) => c.exited));
          expect(codes, children.map((c) => c.stderr()).join('\n')).toEqual(names.map(() => 0));
          const all = children.flatMap((c) => c.lines.filter((l) => l.caseId));
          expect(all).toHaveLength(2 * CASES);
          expect(all.filter((l) => l.error)).toEqual([]);
          const byCase = new Map<string, Record<string, unknown>[]>();
          for (const l of all) byCase.set(String(l.caseId), [...(byCase.get(String(l.caseId)) ?? []), l]);
          expect(byCase.size).toBe(CASES);
          for (const [id, lines] of byCase) {
            expect(lines.map((l) => l.outcome).sort(), id).toEqual(['already', 'released']);
            expect(new Set(lines.map((l) => l.releaseId)).size, id).toBe(1);
          }
          const check = await openPostgresStore(schema.url, { maxConnections: 1 });
          try {
            const count = async (sql: string) => Number((await check.pool.query<{ n: string }>(sql)).rows[0]?.n);
            expect(await count('SELECT COUNT(*) AS n FROM outbox')).toBe(CASES);
            expect(await count("SELECT COUNT(*) AS n FROM decisions WHERE decision = 'approved'")).toBe(CASES);
            expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'released'")).toBe(CASES);
            expect(await count("SELECT COUNT(*) AS n FROM cases WHERE status <> 'released'")).toBe(0);
          } finally {
            await check.close();
          }
        } finally {
          await schema.drop();
        }
      }, 240_000);
    }

    for (const processes of [2, 4]) {
      it(`${processes} delivering processes, one SIGKILLed every 40 releases: every release reaches the receiver once`, async () => {
        const schema = await freshSchema(base, `outbox${processes}`);
        // A receiver taking 20 ms per POST: deliveries overlap the claims of other processes.
        const server = await startWebhookServer(0, 503, 20);
        const children: Child[] = [];
        const spawnDeliverer = () => {
          const c = spawnChild('deliver-forever.ts', [schema.url, server.url]);
          children.push(c);
          return c;
        };
        let kills = 0;
        try {
          const store = await openPostgresStore(schema.url);
          try {
            await store.upsertOrders(ORDERS, '2026-11-24T00:00:00.000Z');
            const desk = createDesk({ store, playbook: loadPlaybook(DEFAULT_PLAYBOOK_DIR), clock: () => new Date(), logger: createLogger({ level: 'silent' }) });
            const alive = Array.from({ length: processes }, spawnDeliverer);
            await until(() => alive.every((c) => c.lines.some((l) => l.ready)), 60_000);
            for (let i = 0; i < 200; i++) {
              const v = await desk.submit({ actor: li, message: '耳机外壳有一点划痕，小瑕疵，不影响使用', orderId: 'T1003' });
              expect((await desk.approve(v.id, wang, v.revision)).outcome).toBe('released');
              if (i % 40 === 39) {
                // Kill a random deliverer mid-flight and start a new one in its place.
                const victim = alive.splice(Math.floor(Math.random() * alive.length), 1)[0]!;
                victim.proc.kill('SIGKILL');
                await victim.exited;
                kills++;
                alive.push(spawnDeliverer());
              }
            }
            await until(async () => (await store.countPendingReleases()) === 0, 60_000);
            const ids = (await store.pool.query<{ id: string }>('SELECT id FROM outbox')).rows.map((r) => r.id).sort();
            expect(ids).toHaveLength(200);
            expect([...server.accepted.keys()].sort()).toEqual(ids);
            // A key is POSTed again only when a kill interrupted its delivery: at most one batch per kill.
            const posts = new Map<string, number>();
            for (const r of server.requests) posts.set(String(r.key), (posts.get(String(r.key)) ?? 0) + 1);
            const repeats = [...posts.values()].reduce((n, c) => n + c - 1, 0);
            expect(repeats).toBeLessThanOrEqual(kills * 5);
            expect(server.requests.every((r) => ids.includes(String(r.key)))).toBe(true);
          } finally {
            await store.close();
          }
        } finally {
          for (const c of children) c.proc.kill('SIGKILL');
          await Promise.all(children.map((c) => c.exited));
          await server.close();
          await schema.drop();
        }
      }, 180_000);
    }

    it('four processes opening a fresh database at once migrate it once', async () => {
      const schema = await freshSchema(base, 'migrate');
      try {
        const children = [0, 1, 2, 3].map(() => spawnChild('open-store-once.ts', [schema.url], true));
        await startAll(children);
        const codes = await Promise.all(children.map((c) => c.exited));
        expect(codes, children.map((c) => c.stderr()).join('\n')).toEqual([0, 0, 0, 0]);
        const applied = children.map((c) => c.lines.find((l) => l.applied)?.applied as number[]);
        expect(applied.filter((a) => a.length > 0)).toEqual([MIGRATIONS.map((m) => m.version)]);
        expect(applied.filter((a) => a.length === 0)).toHaveLength(3);
      } finally {
        await schema.drop();
      }
    }, 120_000);

    it('background work runs on one of three processes and moves to another when that one is SIGKILLed', async () => {
      const schema = await freshSchema(base, 'lease');
      const children: Child[] = [];
      try {
        // The schema is migrated first, so the three children only race for the lease.
        await (await openPostgresStore(schema.url, { maxConnections: 1 })).close();
        for (let i = 0; i < 3; i++) children.push(spawnChild('lease-holder.ts', [schema.url, '600']));
        const started = () => children.filter((c) => c.lines.some((l) => l.started));
        const ticks = (c: Child) => c.lines.filter((l) => 'tick' in l).length;
        /** Waits until each of `alive` has tried the lease `n` more times. */
        const moreTicks = async (alive: Child[], n: number) => {
          const from = alive.map(ticks);
          await until(() => alive.every((c, i) => ticks(c) >= from[i]! + n), 30_000);
        };
        await until(() => started().length >= 1, 60_000);
        // Several renewal periods later (every process tried 4 more times), still one holder.
        await moreTicks(children, 4);
        expect(started()).toHaveLength(1);
        const first = started()[0]!;
        first.proc.kill('SIGKILL');
        await first.exited;
        await until(() => started().length === 2, 20_000);
        const rest = children.filter((c) => c !== first);
        await moreTicks(rest, 4);
        const now = started().filter((c) => c !== first);
        expect(now).toHaveLength(1);
        expect(now[0]!.lines.some((l) => l.stopped)).toBe(false);
        // The one that took over holds it on every later try; the other never did.
        expect(now[0]!.lines.filter((l) => 'tick' in l).slice(-3).map((l) => l.tick)).toEqual([true, true, true]);
      } finally {
        for (const c of children) c.proc.kill('SIGKILL');
        await Promise.all(children.map((c) => c.exited));
        await schema.drop();
      }
    }, 120_000);

    it('two lifecycle schedulers in two processes tick at the same instants: each reminder and escalation goes out once', async () => {
      const schema = await freshSchema(base, 'remind');
      try {
        // Filed at 10:00 in the store's time zone on a working day, so the first reply's one working
        // hour ends 60 min later on any day the test runs (on the real clock, after 21:00 Shanghai
        // it ran into the next morning): the reminder is 45 min after filing, the escalation 60.
        const t0 = Date.parse('2026-11-24T02:00:00.000Z');
        await fileCases(schema.url, 50, new Date(t0));
        const at = [45, 50, 61, 62].map((m) => new Date(t0 + m * 60_000).toISOString());
        const children = [0, 1].map(() => spawnChild('remind-ticks.ts', [schema.url, ...at], true));
        await startAll(children);
        const codes = await Promise.all(children.map((c) => c.exited));
        expect(codes, children.map((c) => c.stderr()).join('\n')).toEqual([0, 0]);
        const notices = children.flatMap((c) => c.lines.filter((l) => l.caseId)).map((l) => `${String(l.caseId)}:${String(l.notice)}`);
        expect(notices.sort()).toEqual(Array.from({ length: 50 }, (_, i) => [`c${i + 1}:escalation`, `c${i + 1}:reminder`]).flat().sort());
      } finally {
        await schema.drop();
      }
    }, 120_000);
  });
}
