import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite-store.ts';
import type { Facts } from '../../src/core/types.ts';
import { makeCase } from './make-case.ts';

const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

function open(): SqliteStore {
  const s = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'settle-durable-')), 'settle.db'));
  stores.push(s);
  return s;
}
const pragma = (s: SqliteStore, name: string) => s.db.pragma(name, { simple: true });

describe('writes fsynced off the main thread leave decisions on synchronous FULL', () => {
  it('after a new case and a card location, the connection is back to FULL with its auto-checkpoint', async () => {
    const s = open();
    const { rec, first } = makeCase('x');
    const id = await s.createCase(rec, first, []);
    await s.setChannel(id, { platform: 'slack', channelId: 'C1', messageId: '1.2' });
    expect(pragma(s, 'synchronous')).toBe(2);
    expect(pragma(s, 'wal_autocheckpoint')).toBe(8000);
    expect((await s.getCase(id))?.channel).toEqual({ platform: 'slack', channelId: 'C1', messageId: '1.2' });
  });

  it('a write that fails inside its transaction still restores FULL and leaves nothing behind', async () => {
    const s = open();
    const { rec, first } = makeCase('x');
    // A BigInt cannot be serialised: the transaction throws half way and rolls back.
    await expect(s.createCase({ ...rec, facts: { n: 1n } as unknown as Facts }, first, [])).rejects.toThrow();
    expect(pragma(s, 'synchronous')).toBe(2);
    expect(await s.listCases()).toEqual([]);
  });

  it('with synchronous NORMAL chosen, nothing switches it', async () => {
    const s = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'settle-durable-')), 'settle.db'), { synchronous: 'NORMAL' });
    stores.push(s);
    const { rec, first } = makeCase('x');
    await s.createCase(rec, first, []);
    expect(pragma(s, 'synchronous')).toBe(1);
  });
});
