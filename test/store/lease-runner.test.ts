import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runUnderLease, type LeaseRunner } from '../../src/store/lease-runner.ts';
import { CHECKPOINT_LEASE, openSqliteStore, type SqliteStore } from '../../src/store/sqlite-store.ts';

const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

function openFile(path: string): SqliteStore {
  const s = openSqliteStore(path);
  stores.push(s);
  return s;
}

describe('background work under a lease', () => {
  it('runs on one holder, moves when the holder stops renewing, and stops where the lease was lost', async () => {
    const store = openSqliteStore(':memory:');
    stores.push(store);
    let now = Date.parse('2026-11-24T02:00:00.000Z');
    const clock = () => new Date(now);
    const running: string[] = [];
    const runner = (holder: string): LeaseRunner => runUnderLease({
      store, name: 'scheduler', holder, ttlMs: 3_000, clock, timer: false,
      start: () => {
        running.push(holder);
        return { stop: async () => void running.splice(running.indexOf(holder), 1) };
      },
    });
    const a = runner('a');
    const b = runner('b');
    expect(await a.tick()).toBe(true);
    expect(await b.tick()).toBe(false);
    expect(running).toEqual(['a']);
    now += 2_000;
    expect(await a.tick()).toBe(true);
    now += 2_500;
    // a renewed at +2 s: still held at +4.5 s.
    expect(await b.tick()).toBe(false);
    // a dies (stops ticking); past its time to live, b takes over.
    now += 1_000;
    expect(await b.tick()).toBe(true);
    expect(running).toEqual(['a', 'b']);
    // a comes back (a paused process): it learns it lost the lease and stops its copy of the work.
    expect(await a.tick()).toBe(false);
    expect(running).toEqual(['b']);
    // b stops cleanly: the lease is given up, a takes it at once.
    await b.stop();
    expect(await a.tick()).toBe(true);
    expect(running).toEqual(['a']);
    await a.stop();
    expect(running).toEqual([]);
  });

  it('two stores on one SQLite file run one WAL checkpointer between them', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'settle-lease-')), 'settle.db');
    const first = openFile(path);
    const second = openFile(path);
    await first.background?.tick();
    await second.background?.tick();
    expect([first.background?.holding(), second.background?.holding()]).toEqual([true, false]);
    const row = first.db.prepare('SELECT holder FROM leases WHERE name = ?').get(CHECKPOINT_LEASE) as { holder: string };
    expect(row.holder).toBe(first.background?.holder);
    await first.close();
    // A clean stop gives the lease up: the other process takes it on its next try.
    expect(await second.background?.tick()).toBe(true);
  });
});
