/**
 * The kill-at-random-points durability run, shared by test/app/kill.test.ts (a few rounds) and
 * `npm run bench -- kill` (≥ 100 rounds): a child records decisions on a real SQLite file and is
 * SIGKILLed at a random point, `rounds` times; then every decision it reported is checked on
 * disk, a restart approves what was left (never twice) and the outbox delivers each release once.
 * Returns the failures found (empty: the record held).
 */
import pino from 'pino';
import type { Actor } from '../../src/app/desk.ts';
import { createOutboxDispatcher } from '../../src/outbox/dispatcher.ts';
import { startWebhookServer } from '../outbox/webhook-server.ts';
import { openDesk } from './desk-fixture.ts';
import { spawnChild, until } from './spawn-child.ts';

const zhou: Actor = { id: 'console:zhou', displayName: 'zhou', role: 'supervisor', platform: 'console' };

export interface KillRun { rounds: number; decisionsSeen: number; failures: string[] }

export async function killRounds(rounds: number, random: () => number = Math.random): Promise<KillRun> {
  const fx = await openDesk();
  await fx.store.close();
  const server = await startWebhookServer(0);
  const failures: string[] = [];
  const fail = (what: string) => failures.push(what);
  const seen: Record<string, unknown>[] = [];
  const killPoints: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const child = spawnChild('record-forever.ts', [fx.path, server.url]);
      const killAfter = 2 + Math.floor(random() * 12);
      killPoints.push(killAfter);
      await until(() => child.lines.length >= killAfter || child.proc.exitCode !== null, 60_000);
      await new Promise((r) => setTimeout(r, random() * 25));
      child.proc.kill('SIGKILL');
      await child.exited;
      if (child.stderr() !== '') fail(`round ${round}: child wrote to stderr: ${child.stderr().slice(0, 200)}`);
      seen.push(...child.lines); // lines read before the kill were printed after their commit
    }
    const why = `kill points ${killPoints.slice(0, 20).join(',')}${killPoints.length > 20 ? ',…' : ''}`;
    const after = await openDesk(fx.path);
    const db = after.store.db;
    if (db.pragma('integrity_check', { simple: true }) !== 'ok') fail(`integrity_check failed (${why})`);
    for (const l of seen) {
      const c = await after.desk.get(String(l.caseId));
      if (l.step === 'rejected' && c.status !== 'rejected') fail(`${c.id} reported rejected, is ${c.status}`);
      if (l.step === 'edited' && c.revision < Number(l.revision)) fail(`${c.id} reported revision ${String(l.revision)}, is ${c.revision}`);
      if (l.step === 'approved' && (c.status !== 'released' || c.release?.id !== l.releaseId)) fail(`${c.id} reported released as ${String(l.releaseId)}, is ${c.status} ${c.release?.id ?? ''}`);
    }
    if (!seen.some((l) => l.step === 'approved')) fail(`no approval was reported before the kills (${why})`);

    // Restart: released cases answer `already` to a retried approval; cases left open are approved now.
    const rows = db.prepare('SELECT id, status, revision FROM cases ORDER BY id').all() as { id: string; status: string; revision: number }[];
    for (const r of rows) {
      if (r.status === 'rejected') continue;
      const res = await after.desk.approve(r.id, zhou, r.revision);
      const want = r.status === 'released' ? 'already' : 'released';
      if (res.outcome !== want) fail(`${r.id}: approve after restart answered ${res.outcome}, expected ${want}`);
    }
    const released = rows.filter((r) => r.status !== 'rejected').length;
    const outbox = (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
    if (outbox !== released) fail(`${outbox} outbox rows for ${released} released cases`);
    const twice = db.prepare("SELECT case_id, COUNT(*) AS n FROM audit_log WHERE action = 'released' GROUP BY case_id HAVING n > 1").all();
    if (twice.length > 0) fail(`released twice: ${JSON.stringify(twice)}`);

    // Deliveries interrupted by the kills finish after the restart: every release once, by its key.
    const d = createOutboxDispatcher({ store: after.store, url: server.url, clock: () => new Date(), logger: pino({ level: 'silent' }), pollMs: 5, backoff: { baseMs: 5, maxMs: 20 } });
    d.start();
    await until(async () => (await after.store.countPendingReleases()) === 0, 120_000);
    await d.stop();
    const ids = (db.prepare('SELECT id FROM outbox').all() as { id: string }[]).map((r) => r.id).sort();
    const delivered = [...server.accepted.keys()].sort();
    if (JSON.stringify(delivered) !== JSON.stringify(ids)) fail(`delivered ${delivered.length} of ${ids.length} releases, or others`);
    if (!server.requests.every((q) => ids.includes(String(q.key)))) fail('a delivery carried an unknown key');
    await after.store.close();
    return { rounds, decisionsSeen: seen.length, failures };
  } finally {
    await server.close();
  }
}
