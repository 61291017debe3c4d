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
import { makeCase } from './make-case.ts';

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
    const latest = MIGRATIONS.length;
    expect(migrate(db, MIGRATIONS)).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
    const sql = 'ALTER TABLE cases ADD COLUMN note TEXT';
    const next = [...MIGRATIONS, { version: latest + 1, name: 'add-note', sql: { sqlite: sql, postgres: sql } }];
    expect(migrate(db, next)).toEqual([latest + 1]);
    expect(() => migrate(db, MIGRATIONS)).toThrow(new RegExp(`schema version ${latest + 1}, newer`));
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

// Everything every store must do is in conformance.ts (run on SQLite by sqlite.conformance.test.ts);
// what is left here is SQLite's own: its migrations, its file errors, its decision rows.
describe('cases', () => {
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

});

