/**
 * Issue 18, item 4: the WAL is checkpointed and truncated while cases are being filed, not only
 * at rest. Filing without a pause used to starve SQLite's passive checkpoints (the writer always
 * ahead), so the WAL only grew: 100 000 cases left 1.35 GB.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WAL_TRUNCATE_BYTES } from '../../src/store/background-checkpoint.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import { makeCase } from './make-case.ts';

const dir = mkdtempSync(join(tmpdir(), 'settle-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a store being filed into without a pause', () => {
  it('keeps its WAL bounded (about the truncate threshold), and every case is readable afterwards', async () => {
    const path = join(dir, 'settle.db');
    const store = openSqliteStore(path);
    const { rec, first } = makeCase('c1');
    const bulky = '少发了一件白色T恤，详细说明如下。'.repeat(300); // ~15 KB of text per case
    let peak = 0;
    const N = 4_000; // ~60 MB of case text: without the bound the WAL passes 60 MB
    for (let i = 0; i < N; i++) {
      await store.createCase({ ...rec, message: `${bulky} ${i}` }, first, [{ at: rec.createdAt, actorId: 'console:li', action: 'submitted', detail: {} }]);
      if (i % 50 === 0) peak = Math.max(peak, statSync(`${path}-wal`).size);
    }
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(WAL_TRUNCATE_BYTES * 2);
    expect(store.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: N });
    expect((await store.getCase(`c${N}`))?.message).toBe(`${bulky} ${N - 1}`);
    await store.close();
  });
});
