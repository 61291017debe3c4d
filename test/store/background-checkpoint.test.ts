import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite-store.ts';
import { makeCase } from './make-case.ts';

const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

/** Files 50 cases with long messages: a few hundred WAL frames, under SQLite's 1 000-page auto-checkpoint. */
async function fileCases(store: SqliteStore): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const { rec, first } = makeCase(`x${i}`);
    await store.createCase({ ...rec, message: `少发了一件白色T恤 ${'详细说明'.repeat(400)} ${i}` }, first, [{ at: rec.createdAt, actorId: 'console:li', action: 'submitted', detail: {} }]);
  }
}

const mainFileSize = (path: string) => statSync(path).size;

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

describe('background WAL checkpoint', () => {
  it('moves committed pages into the database file without a checkpoint on the main connection', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'settle-ckpt-')), 'settle.db');
    const store = openSqliteStore(path);
    stores.push(store);
    // The main connection's own auto-checkpoint is raised well above what this test writes.
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(1000);
    const before = mainFileSize(path);
    await fileCases(store);
    expect(await waitFor(() => mainFileSize(path) > before + 100_000, 5_000)).toBe(true);
    // Everything is still there, through the main connection.
    expect((await store.listCases({ limit: 100 })).length).toBe(50);
  });

  it('without it, the same writes stay in the WAL (control: the check above can fail)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'settle-ckpt-')), 'settle.db');
    const store = openSqliteStore(path, { backgroundCheckpoint: false });
    stores.push(store);
    const before = mainFileSize(path);
    await fileCases(store);
    expect(await waitFor(() => mainFileSize(path) > before + 100_000, 1_000)).toBe(false);
  });

  it('closing the store stops the worker and leaves the file readable', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'settle-ckpt-')), 'settle.db');
    const first = openSqliteStore(path);
    await fileCases(first);
    await first.close();
    await first.close();
    const again = openSqliteStore(path);
    stores.push(again);
    expect((await again.getCase('c50'))?.message).toMatch(/ 49$/);
  });
});
