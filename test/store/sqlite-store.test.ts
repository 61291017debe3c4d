import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { migrateSqlite as migrate, schemaVersion } from '../../src/store/migrate-sqlite.ts';
import { MIGRATIONS } from '../../src/store/migrations/index.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite-store.ts';
import type { CaseChange, ReleasePayload } from '../../src/store/store.ts';
import { makeCase, makeDraft } from './make-case.ts';

const stores: SqliteStore[] = [];
function freshPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'settle-store-')), 'nested', 'dir', 'settle.db');
}
function open(path = freshPath()): SqliteStore {
  const s = openSqliteStore(path);
  stores.push(s);
  return s;
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const AT = '2026-11-24T02:00:00.000Z';
const release = (caseId: string, releaseId: string): ReleasePayload => ({
  releaseId, caseId, lang: 'zh', text: '好的', offers: [], approvedBy: 'console:wang', releasedAt: AT, playbookVersion: 'test',
});
const approve = (caseId: string, releaseId: string): CaseChange => ({
  caseId, from: { status: 'drafted', revision: 1 }, to: { status: 'released', revision: 1 }, authors: [], at: AT,
  decision: { kind: 'approved', actorId: 'console:wang' }, release: release(caseId, releaseId),
  audit: [{ caseId, at: AT, actorId: 'console:wang', action: 'approved', detail: {} }],
});

describe('migrations', () => {
  it('create every table on an empty file (and its directory), in WAL mode', async () => {
    const path = freshPath();
    const s = open(path);
    const tables = (s.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['schema_version', 'orders', 'cases', 'draft_revisions', 'decisions', 'audit_log', 'outbox']));
    expect(schemaVersion(s.db)).toBe(MIGRATIONS.at(-1)?.version);
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('are applied once: reopening an up-to-date file applies nothing and keeps the data', async () => {
    const path = freshPath();
    const s1 = open(path);
    const { rec, first } = makeCase('c1');
    await s1.createCase(rec, first, []);
    await s1.close();
    const db = new Database(path);
    expect(migrate(db)).toEqual([]);
    db.close();
    expect((await open(path).getCase('c1'))?.message).toBe(rec.message);
  });

  it('apply a later version on top of an existing file, and refuse a file newer than the code', () => {
    const db = new Database(':memory:');
    expect(migrate(db, MIGRATIONS.slice(0, 1))).toEqual([1]);
    expect(migrate(db, MIGRATIONS)).toEqual([2]);
    const sql = 'ALTER TABLE cases ADD COLUMN note TEXT';
    const next = [...MIGRATIONS, { version: 3, name: 'add-note', sql: { sqlite: sql, postgres: sql } }];
    expect(migrate(db, next)).toEqual([3]);
    expect(() => migrate(db, MIGRATIONS)).toThrow(/schema version 3, newer/);
    db.close();
  });
});

it('a path that is not a database is a clear error naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'settle-store-'));
  const notDb = join(dir, 'notes.txt');
  writeFileSync(notDb, 'these are not the tables you are looking for '.repeat(100));
  expect(() => openSqliteStore(notDb)).toThrow(/Cannot open the case store at .*notes\.txt/);
  expect(() => openSqliteStore(dir)).toThrow(UserError);
});

describe('cases', () => {
  it('round-trip a case with its current draft and revisions', async () => {
    const s = open();
    const { rec, first } = makeCase('c1');
    const id = await s.createCase(rec, { ...first, draft: makeDraft('') }, [{ at: AT, actorId: 'console:li', action: 'submitted', detail: { orderId: 'T1001' } }]);
    expect(id).toBe('c1');
    const got = await s.getCase('c1');
    expect(got).toMatchObject({ id: 'c1', status: 'drafted', revision: 1, createdBy: 'console:li', draft: { id: 'c1', rules: ['L-4', 'T-1'] } });
    expect((await s.listAudit('c1'))[0]).toMatchObject({ caseId: 'c1', action: 'submitted' });
    expect(await s.createCase(rec, first, [])).toBe('c2');
    expect(await s.getCase('nope')).toBeUndefined();
  });

  it('compare-and-set: a move from a revision that moved on is not applied, and writes nothing', async () => {
    const s = open();
    const { rec, first } = makeCase('c1');
    await s.createCase(rec, first, []);
    const edit: CaseChange = {
      caseId: 'c1', from: { status: 'drafted', revision: 1 }, to: { status: 'drafted', revision: 2 }, authors: ['console:zhao'], at: AT,
      newRevision: { revision: 2, draft: makeDraft('c1', 'edited'), authorId: 'console:zhao', cause: 'edited', createdAt: AT },
      audit: [{ caseId: 'c1', at: AT, actorId: 'console:zhao', action: 'edited', detail: {} }],
    };
    expect(await s.applyChange(edit)).toBe(true);
    expect(await s.applyChange(edit)).toBe(false);
    expect(await s.applyChange(approve('c1', 'r1'))).toBe(false);
    const got = await s.getCase('c1');
    expect(got?.revision).toBe(2);
    expect(got?.draft.reply.text).toBe('edited');
    expect(await s.listRevisions('c1')).toHaveLength(2);
    expect(await s.listAudit('c1')).toHaveLength(1);
    expect(await s.getRelease('c1')).toBeUndefined();
  });

  it('one release per case: the approval writes the decision, the outbox row and the audit together', async () => {
    const s = open();
    const { rec, first } = makeCase('c1');
    await s.createCase(rec, first, []);
    expect(await s.applyChange(approve('c1', 'r1'))).toBe(true);
    expect(await s.applyChange(approve('c1', 'r2'))).toBe(false);
    expect((await s.getRelease('c1'))?.id).toBe('r1');
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    // Even a bypassing write cannot add a second release or decision.
    expect(() => s.db.prepare("INSERT INTO outbox (id, case_id, payload, status, next_attempt_at, created_at) VALUES ('x', 'c1', '{}', 'pending', '', '')").run()).toThrow(/UNIQUE/);
    expect(() => s.db.prepare("INSERT INTO decisions (case_id, decision, revision, actor_id, decided_at) VALUES ('c1', 'rejected', 1, 'x', '')").run()).toThrow(/UNIQUE/);
  });

  it('the audit log is append-only at the database level', async () => {
    const s = open();
    await s.appendAudit({ caseId: 'c1', at: AT, actorId: 'x', action: 'denied', detail: { reason: 'r' } });
    expect(() => s.db.prepare('UPDATE audit_log SET action = ?').run('tampered')).toThrow(/append-only/);
    expect(() => s.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect((await s.listAudit('c1'))[0]).toMatchObject({ seq: 1, action: 'denied', detail: { reason: 'r' } });
  });

  it('lists cases oldest first, filtered by status and filer', async () => {
    const s = open();
    // Created in the order c1, c2, c3 but c2 is the oldest complaint.
    for (const [at, by] of [['2026-11-24T03:00:00.000Z', 'console:li'], ['2026-11-24T01:00:00.000Z', 'console:zhao'], ['2026-11-24T04:00:00.000Z', 'console:li']] as const) {
      const { rec, first } = makeCase('', at, by);
      await s.createCase(rec, first, []);
    }
    await s.applyChange(approve('c3', 'r3'));
    expect((await s.listCases({ status: ['drafted'] })).map((c) => c.id)).toEqual(['c2', 'c1']);
    expect((await s.listCases({ createdBy: 'console:li' })).map((c) => c.id)).toEqual(['c1', 'c3']);
    expect((await s.listCases({ limit: 1, offset: 1 })).map((c) => c.id)).toEqual(['c1']);
  });
});

describe('orders and outbox', () => {
  it('upserts orders by id', async () => {
    const s = open();
    const o = { id: 'T1', currency: 'CNY', items: [{ sku: 'A', name: 'a', unitPriceMinor: 5900, qty: 1 }], totalMinor: 5900, shippingFeeMinor: 0, freeShipping: true };
    expect(await s.upsertOrders([o], AT)).toBe(1);
    await s.upsertOrders([{ ...o, totalMinor: 100 }], AT);
    expect((await s.getOrder('T1'))?.totalMinor).toBe(100);
    expect(await s.getOrder('T2')).toBeUndefined();
  });

  it('lists due releases, records failed attempts, and delivers once', async () => {
    const s = open();
    const { rec, first } = makeCase('c1');
    await s.createCase(rec, first, []);
    await s.applyChange(approve('c1', 'r1'));
    expect((await s.listDueReleases(AT, 10)).map((r) => r.id)).toEqual(['r1']);
    await s.markAttemptFailed('r1', 'HTTP 503', '2026-11-24T02:00:05.000Z');
    expect(await s.listDueReleases(AT, 10)).toEqual([]);
    const due = await s.listDueReleases('2026-11-24T02:00:05.000Z', 10);
    expect(due[0]).toMatchObject({ attempts: 1, lastError: 'HTTP 503', status: 'pending' });
    await s.markDelivered('r1', '2026-11-24T02:00:06.000Z');
    expect(await s.countPendingReleases()).toBe(0);
    expect((await s.getRelease('c1'))?.status).toBe('delivered');
  });
});
