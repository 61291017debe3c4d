/**
 * The one store opener and `settle migrate`, through the real `settle` command: SQLite by
 * default, Postgres when SETTLE_DATABASE_URL is set (it wins over SETTLE_DB_PATH), one clear line
 * (no password) when Postgres is unreachable.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { MIGRATIONS } from '../../src/store/migrations/index.ts';
import { openStores } from '../../src/store/open-store.ts';
import { freshSchema, TEST_DATABASE_URL, warnSkipped } from './pg-schema.ts';

// Every version the code knows, so adding a migration needs no edit here.
const LATEST = MIGRATIONS.at(-1)!.version;
const APPLIED = MIGRATIONS.map((m) => `v${m.version}`).join(', ');

const BIN = resolve(import.meta.dirname, '../../bin/settle.js');

function settle(cwd: string, args: string[], env: Record<string, string>, input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('settle migrate on SQLite', () => {
  it('applies every version to a new file once, then finds it up to date', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settle-migrate-'));
    const env = { SETTLE_DB_PATH: join(dir, 'data', 'settle.db') };
    expect(settle(dir, ['migrate'], env)).toMatchObject({ code: 0, stdout: `settle migrate: sqlite ${env.SETTLE_DB_PATH}: applied ${APPLIED}; schema version ${LATEST}\n` });
    expect(settle(dir, ['migrate'], env).stdout).toBe(`settle migrate: sqlite ${env.SETTLE_DB_PATH}: already up to date; schema version ${LATEST}\n`);
    expect(settle(dir, ['migrate', '--now'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown argument '--now'") });
  });
});

describe('SETTLE_DATABASE_URL', () => {
  it('must be a postgres URL: anything else names the key', () => {
    expect(() => loadConfig({ SETTLE_DATABASE_URL: 'mysql://x/y' })).toThrow(/SETTLE_DATABASE_URL: a postgres:\/\/ \(or postgresql:\/\/\) URL/);
    expect(loadConfig({ SETTLE_DATABASE_URL: 'postgresql://u:p@db:5432/settle' }).databaseUrl).toBe('postgresql://u:p@db:5432/settle');
    expect(loadConfig({ SETTLE_DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('unreachable: one line naming the server and the key, never the password, and no SQLite file instead', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settle-migrate-'));
    const r = settle(dir, ['orders', 'show', 'T1'], { SETTLE_DATABASE_URL: 'postgres://settle:s3cret@127.0.0.1:1/settle', SETTLE_DB_PATH: join(dir, 'settle.db') });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^settle orders: Cannot open the Postgres case store at 127\.0\.0\.1:1\/settle \(SETTLE_DATABASE_URL\): .*ECONNREFUSED/);
    expect(r.stderr).not.toContain('s3cret');
    expect(existsSync(join(dir, 'settle.db'))).toBe(false);
  });
});

if (!TEST_DATABASE_URL) {
  warnSkipped('open-store on Postgres');
  describe.skip('SETTLE_DATABASE_URL on a real server (needs SETTLE_TEST_DATABASE_URL)', () => {
    it('wins over SETTLE_DB_PATH', () => undefined);
  });
} else {
  const base = TEST_DATABASE_URL;
  describe('SETTLE_DATABASE_URL on a real server', () => {
    it('wins over SETTLE_DB_PATH: orders imported through the CLI land in Postgres, and no file is made', async () => {
      const schema = await freshSchema(base, 'open');
      try {
        const dir = mkdtempSync(join(tmpdir(), 'settle-open-'));
        const env = { SETTLE_DATABASE_URL: schema.url, SETTLE_DB_PATH: join(dir, 'settle.db') };
        const orders = resolve(import.meta.dirname, '../../examples/orders.csv');
        const imported = settle(dir, ['orders', 'import', orders], env);
        expect(imported.code, imported.stderr).toBe(0);
        expect(imported.stdout).toMatch(/^imported 4 orders from .* into postgres 127\.0\.0\.1:\d+\/\w+\n/);
        expect(settle(dir, ['migrate'], env).stdout).toMatch(new RegExp(`postgres .*: already up to date; schema version ${LATEST}\n`));
        expect(existsSync(join(dir, 'settle.db'))).toBe(false);
        // The console files and releases a case there; the training report reads the same database.
        const consoleRun = settle(dir, ['console'], { ...env, SETTLE_LOG_FILE: join(dir, 'settle.log') }, '/as agent li\n我买了三件白T恤只收到两件，少发了一件\n/as supervisor wang\n/show c1\n/approve\n');
        expect(consoleRun.stdout, consoleRun.stderr).toContain('✓ c1 released');
        expect(settle(dir, ['train', 'report'], env)).toMatchObject({ code: 0 });
        expect(existsSync(join(dir, 'settle.db'))).toBe(false);
        const stores = await openStores({ dbPath: env.SETTLE_DB_PATH, databaseUrl: schema.url });
        try {
          expect(stores.describe).toMatch(/^postgres /);
          expect(await stores.store.getOrder('T1001')).toMatchObject({ id: 'T1001', currency: 'CNY' });
          expect(await stores.store.getRelease('c1')).toMatchObject({ caseId: 'c1', status: 'pending' });
          expect(await stores.training.sessions()).toEqual([]);
        } finally {
          await stores.close();
        }
      } finally {
        await schema.drop();
      }
    });
  });
}
