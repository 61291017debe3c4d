/**
 * The tamper-evident ledger (docs/audit.md), tried as an attacker with write access to the
 * database would: each tampering below is done with raw SQL on a COPY of a real store (SQLite: the
 * file copied after Settle wrote it, checked by the real `settle audit verify --db`; Postgres: a
 * schema Settle wrote, checked through the same verifier), and each must be named. The triggers
 * that refuse replacing and rewriting rows are checked first, without dropping anything.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/store/audit-chain.ts';
import { openPostgresStore } from '../../src/store/postgres-store.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import type { CaseChange, Store } from '../../src/store/store.ts';
import { makeCase } from './make-case.ts';
import { freshSchema, TEST_DATABASE_URL, warnSkipped } from './pg-schema.ts';

const BIN = resolve(import.meta.dirname, '../../bin/settle.js');
const AT = '2026-11-24T02:00:00.000Z';
const KEY = 'a-secret-kept-outside-the-database';

/** Writes what a day at the desk writes: three cases, an approval with its release, a rejection, audit entries. */
async function fill(store: Store): Promise<void> {
  for (const by of ['console:li', 'console:zhao', 'console:li']) {
    const { rec, first } = makeCase('', AT, by);
    await store.createCase(rec, first, [{ at: AT, actorId: by, action: 'filed', detail: { note: '客户电话 13812345678' } }]);
  }
  const approve: CaseChange = {
    caseId: 'c1', from: { status: 'drafted', revision: 1 }, to: { status: 'released', revision: 1 }, authors: [], at: AT,
    decision: { kind: 'approved', actorId: 'console:wang' },
    release: { releaseId: 'rel_1', caseId: 'c1', lang: 'zh', text: '好的，马上为您补发', offers: [], approvedBy: 'console:wang', releasedAt: AT, playbookVersion: 'test' },
    audit: [{ caseId: 'c1', at: AT, actorId: 'console:wang', action: 'released', detail: {} }],
  };
  expect(await store.applyChange(approve)).toBe(true);
  expect(await store.applyChange({
    caseId: 'c2', from: { status: 'drafted', revision: 1 }, to: { status: 'rejected', revision: 1 }, authors: [], at: AT,
    decision: { kind: 'rejected', actorId: 'console:wang', reason: 'wrong order' },
    audit: [{ caseId: 'c2', at: AT, actorId: 'console:wang', action: 'rejected', detail: { reason: 'wrong order' } }],
  })).toBe(true);
  await store.appendAudit({ caseId: 'c3', at: AT, actorId: 'console:zhao', action: 'denied', detail: { reason: 'not a supervisor' } });
}

interface Tampering {
  what: string;
  sqlite: string;
  postgres: string;
  /** What verify must name. */
  broken: RegExp;
}

const TAMPERINGS: Tampering[] = [
  {
    what: 'a forged audit entry written over a real one (INSERT OR REPLACE once the trigger is dropped)',
    sqlite: "DROP TRIGGER audit_log_no_replace; INSERT OR REPLACE INTO audit_log (seq, case_id, at, actor_id, action, detail) VALUES (1, 'c1', '2026-11-24T02:00:00.000Z', 'console:boss', 'approved', '{}')",
    postgres: "DROP TRIGGER audit_log_no_update ON audit_log; UPDATE audit_log SET actor_id = 'console:boss', action = 'approved' WHERE seq = (SELECT MIN(seq) FROM audit_log)",
    broken: /link 1, audit:1: audit:1 was changed after link 1 recorded it/,
  },
  {
    what: 'an audit entry edited after dropping the update trigger',
    sqlite: "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = '{\"reason\":\"approved by the owner\"}' WHERE action = 'denied'",
    postgres: "DROP TRIGGER audit_log_no_update ON audit_log; UPDATE audit_log SET detail = '{\"reason\":\"approved by the owner\"}' WHERE action = 'denied'",
    broken: /audit:\d+ was changed after link 6 recorded it/,
  },
  {
    what: 'the audit table dropped and recreated empty',
    sqlite: 'DROP TABLE audit_log; CREATE TABLE audit_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT NOT NULL, at TEXT NOT NULL, actor_id TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL)',
    postgres: 'DROP TABLE audit_log; CREATE TABLE audit_log (seq BIGSERIAL PRIMARY KEY, case_id TEXT NOT NULL, at TEXT NOT NULL, actor_id TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL)',
    broken: /link 1, audit:\d+: audit:\d+, recorded by link 1, is gone/,
  },
  {
    what: 'a decision re-attributed',
    sqlite: "DROP TRIGGER decisions_no_update; UPDATE decisions SET actor_id = 'console:boss' WHERE case_id = 'c1'",
    postgres: "DROP TRIGGER decisions_no_update ON decisions; UPDATE decisions SET actor_id = 'console:boss' WHERE case_id = 'c1'",
    broken: /link 4, decision:c1: decision:c1 was changed/,
  },
  {
    what: 'a released reply rewritten to promise money',
    sqlite: "DROP TRIGGER outbox_no_rewrite; UPDATE outbox SET payload = replace(payload, '马上为您补发', '退款500元')",
    postgres: "DROP TRIGGER outbox_no_rewrite ON outbox; UPDATE outbox SET payload = replace(payload, '马上为您补发', '退款500元')",
    broken: /link 4, release:rel_1: release:rel_1 was changed/,
  },
  {
    what: 'a link removed from the middle of the chain',
    sqlite: 'DROP TRIGGER ledger_no_delete; DELETE FROM ledger WHERE seq = 2',
    postgres: 'DROP TRIGGER ledger_no_delete ON ledger; DELETE FROM ledger WHERE seq = 2',
    broken: /link 2: link 2 is missing \(the next is 3\)/,
  },
  {
    what: 'a link re-written with its items changed (no key: the MAC gives it away)',
    sqlite: "DROP TRIGGER ledger_no_update; UPDATE ledger SET items = '[]' WHERE seq = 3",
    postgres: "DROP TRIGGER ledger_no_update ON ledger; UPDATE ledger SET items = '[]' WHERE seq = 3",
    broken: /link 3: its MAC does not match/,
  },
  {
    what: 'a case inserted behind the store\'s back',
    sqlite: "INSERT INTO cases (id, status, revision, message, facts, classification, created_by, authors, created_at, updated_at) VALUES ('c99', 'drafted', 1, 'x', '{}', '{}', 'console:li', '[]', '', '')",
    postgres: "INSERT INTO cases (id, status, revision, message, facts, classification, created_by, authors, created_at, updated_at) VALUES ('c99', 'drafted', 1, 'x', '{}', '{}', 'console:li', '[]', '', '')",
    broken: /case:c99 is covered by no link/,
  },
];

function settle(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('audit ledger on a SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'settle-ledger-'));
  const original = join(dir, 'settle.db');
  const env = { SETTLE_DB_PATH: join(dir, 'unused.db') };
  let head = '';

  it('a store Settle wrote verifies, and verify prints the head to keep elsewhere', async () => {
    const store = openSqliteStore(original);
    await fill(store);
    // The triggers refuse, without anything dropped, what no Settle code does.
    const refused = [
      "INSERT OR REPLACE INTO audit_log (seq, case_id, at, actor_id, action, detail) VALUES (1, 'c1', '', 'x', 'approved', '{}')",
      "INSERT OR REPLACE INTO decisions (case_id, decision, revision, actor_id, decided_at) VALUES ('c1', 'rejected', 1, 'x', '')",
      "INSERT OR REPLACE INTO outbox (id, case_id, payload, status, next_attempt_at, created_at) VALUES ('rel_2', 'c1', '{}', 'pending', '', '')",
      "UPDATE outbox SET payload = '{}'", "UPDATE decisions SET actor_id = 'x'", "UPDATE cases SET message = 'x'",
      'DELETE FROM cases', 'DELETE FROM outbox', 'DELETE FROM ledger', "UPDATE ledger SET mac = 'x'", 'DELETE FROM draft_revisions',
    ];
    for (const sql of refused) expect(() => store.db.exec(sql), sql).toThrow(/append-only|final|never/);
    // What Settle itself updates still works: delivering the release.
    await store.markDelivered('rel_1', AT);
    expect((await store.getRelease('c1'))?.status).toBe('delivered');
    await store.close();

    const r = settle(['audit', 'verify', '--db', original], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const m = /ok: sqlite .*: 6 links cover 15 rows; head (6:[0-9a-f]{64}) \(sha256\)/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    head = m![1]!;
    expect(settle(['audit', 'verify', '--db', original, '--expect-head', head], env).code).toBe(0);
  });

  for (const t of TAMPERINGS) {
    it(`detects ${t.what}`, () => {
      const copy = join(dir, `copy-${TAMPERINGS.indexOf(t)}.db`);
      copyFileSync(original, copy);
      const db = new Database(copy);
      db.exec(t.sqlite);
      db.close();
      const r = settle(['audit', 'verify', '--db', copy], env);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(r.stdout).toMatch(t.broken);
      expect(r.stdout).toMatch(/^settle audit: BROKEN: sqlite /);
    });
  }

  it('links cut from the end are caught only against a head kept elsewhere', () => {
    const copy = join(dir, 'copy-tail.db');
    copyFileSync(original, copy);
    const db = new Database(copy);
    // The attacker removes the last write entirely: its audit entry and its link.
    db.exec("DROP TRIGGER ledger_no_delete; DROP TRIGGER audit_log_no_delete; DELETE FROM ledger WHERE seq = 6; DELETE FROM audit_log WHERE action = 'denied'");
    db.close();
    expect(settle(['audit', 'verify', '--db', copy], env).code).toBe(0);
    const r = settle(['audit', 'verify', '--db', copy, '--expect-head', head], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/the chain ends at link 5, before the head kept outside the database \(link 6\): links were removed/);
  });

  it('with SETTLE_AUDIT_KEY the links are HMACs: verify needs the key, and a wrong key fails at link 1', async () => {
    const keyed = join(dir, 'keyed.db');
    const store = openSqliteStore(keyed, { auditKey: KEY });
    await fill(store);
    await store.close();
    const ok = settle(['audit', 'verify', '--db', keyed], { ...env, SETTLE_AUDIT_KEY: KEY });
    expect(ok.stdout).toMatch(/ok: .* head 6:[0-9a-f]{64} \(hmac-sha256\)/);
    expect(settle(['audit', 'verify', '--db', keyed], env).stdout).toMatch(/link 1: this ledger is keyed: set SETTLE_AUDIT_KEY/);
    expect(settle(['audit', 'verify', '--db', keyed], { ...env, SETTLE_AUDIT_KEY: 'another-secret-of-16+' }).stdout).toMatch(/link 1: its MAC does not match/);
    // A plain chain re-written by someone without the key is refused under it.
    expect(settle(['audit', 'verify', '--db', original], { ...env, SETTLE_AUDIT_KEY: KEY }).stdout).toMatch(/link 1: a plain hash where SETTLE_AUDIT_KEY expects an HMAC/);
  });

  it('a file from before the ledger is adopted by link 1 when it migrates, and a later edit of an old row shows', async () => {
    const old = join(dir, 'old.db');
    const { MIGRATIONS } = await import('../../src/store/migrations/index.ts');
    const { migrateSqlite } = await import('../../src/store/migrate-sqlite.ts');
    const raw = new Database(old);
    migrateSqlite(raw, MIGRATIONS.slice(0, 2));
    raw.exec(`INSERT INTO cases (id, status, revision, message, facts, classification, created_by, authors, created_at, updated_at)
      VALUES ('c1', 'drafted', 1, '少发了一件', '{}', '{}', 'console:li', '[]', '${AT}', '${AT}');
      INSERT INTO audit_log (case_id, at, actor_id, action, detail) VALUES ('c1', '${AT}', 'console:li', 'filed', '{}')`);
    raw.close();
    const store = openSqliteStore(old);
    await store.appendAudit({ caseId: 'c1', at: AT, actorId: 'console:wang', action: 'denied', detail: {} });
    await store.close();
    expect(settle(['audit', 'verify', '--db', old], env).stdout).toMatch(/ok: .* 2 links cover 3 rows/);
    const edited = new Database(old);
    edited.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor_id = 'console:boss' WHERE seq = 1");
    edited.close();
    expect(settle(['audit', 'verify', '--db', old], env).stdout).toMatch(/link 1: the rows that predate the ledger differ/);
  });

  it('personal data in an audit entry is masked; the case message keeps it for re-drafting', async () => {
    const store = openSqliteStore(join(dir, 'pii.db'));
    const { rec, first } = makeCase('');
    await store.createCase({ ...rec, message: '没收到货，电话13812345678，地址：杭州市西湖区文三路99号' }, first, [
      { at: AT, actorId: 'console:li', action: 'edited', detail: { before: '请联系 13812345678', after: { text: 'ship to 221 Baker Street, call +44 20 7946 0958' } } },
    ]);
    const [entry] = await store.listAudit('c1');
    const text = JSON.stringify(entry!.detail);
    expect(text).not.toMatch(/13812345678|221 Baker Street|7946/);
    expect(text).toContain('[phone]');
    expect((await store.getCase('c1'))?.message).toContain('13812345678');
    await store.close();
  });
});

describe.skipIf(!TEST_DATABASE_URL)('audit ledger on Postgres', () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const d of drops) await d();
  });

  async function written(): Promise<{ url: string; schema: string }> {
    const s = await freshSchema(TEST_DATABASE_URL!, 'ledger');
    drops.push(s.drop);
    const store = await openPostgresStore(s.url);
    await fill(store);
    await store.close();
    return s;
  }

  async function verify(url: string, key?: string) {
    const store = await openPostgresStore(url, key ? { auditKey: key } : {});
    try {
      return await verifyLedger(store, key ? { key } : {});
    } finally {
      await store.close();
    }
  }

  it('a database Settle wrote verifies; the triggers refuse rewrites', async () => {
    const { url } = await written();
    expect(await verify(url)).toMatchObject({ ok: true, links: 6, rows: 15 });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      for (const sql of ["UPDATE outbox SET payload = '{}'", "UPDATE decisions SET actor_id = 'x'", "UPDATE cases SET message = 'x'", 'DELETE FROM ledger', 'TRUNCATE ledger', 'DELETE FROM outbox']) {
        await expect(c.query(sql), sql).rejects.toThrow(/append-only|final|never/);
      }
    } finally {
      await c.end();
    }
  });

  for (const t of TAMPERINGS) {
    it(`detects ${t.what}`, async () => {
      const { url } = await written();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(t.postgres);
      } finally {
        await c.end();
      }
      const v = await verify(url);
      expect(v.ok).toBe(false);
      if (v.ok) return;
      const b = v.broken;
      expect([b.seq !== undefined ? `link ${b.seq}` : undefined, b.ref].filter(Boolean).join(', ') + `: ${b.reason}`).toMatch(t.broken);
    });
  }

  it('keyed links need the key', async () => {
    const s = await freshSchema(TEST_DATABASE_URL!, 'ledger');
    drops.push(s.drop);
    const store = await openPostgresStore(s.url, { auditKey: KEY });
    await fill(store);
    await store.close();
    expect(await verify(s.url, KEY)).toMatchObject({ ok: true, head: { seq: 6, alg: 'hmac-sha256' } });
    expect(await verify(s.url)).toMatchObject({ ok: false, broken: { seq: 1, reason: expect.stringMatching(/keyed/) } });
  });
});

if (!TEST_DATABASE_URL) warnSkipped('audit ledger on Postgres');
