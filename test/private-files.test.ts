/**
 * Issue 18, item 3: every file Settle creates is 0600 and a folder it creates 0700, under any
 * umask — the case store with its -wal/-shm files, the training store and the log file.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';

const mode = (p: string) => statSync(p).mode & 0o777;

let root: string;
let oldUmask: number;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'settle-private-'));
  oldUmask = process.umask(0o022); // the common default that made files 0644
});
afterAll(() => {
  process.umask(oldUmask);
  rmSync(root, { recursive: true, force: true });
});

describe('files Settle creates are private', () => {
  let close: (() => void | Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('the case store, its -wal and -shm files are 0600 and its new folders 0700', async () => {
    const path = join(root, 'data', 'deep', 'settle.db');
    const store = openSqliteStore(path, { backgroundCheckpoint: false });
    close = () => store.close();
    expect(mode(path)).toBe(0o600);
    expect(mode(`${path}-wal`)).toBe(0o600);
    expect(mode(`${path}-shm`)).toBe(0o600);
    expect(mode(join(root, 'data'))).toBe(0o700);
    expect(mode(join(root, 'data', 'deep'))).toBe(0o700);
  });

  it('an existing store file left 0644 by an older version is tightened; an existing folder is left alone', () => {
    const dir = join(root, 'old');
    const path = join(dir, 'settle.db');
    openSqliteStore(path, { backgroundCheckpoint: false }).close();
    chmodSync(dir, 0o755);
    chmodSync(path, 0o644);
    const store = openSqliteStore(path, { backgroundCheckpoint: false });
    close = () => store.close();
    expect(mode(path)).toBe(0o600);
    expect(mode(dir)).toBe(0o755);
  });

  it('the log file is 0600, also under a permissive umask', () => {
    const before = process.umask(0o000);
    try {
      const path = join(root, 'logs', 'settle.log');
      const logger = createLogger({ destination: path });
      logger.info('hello');
      expect(mode(path)).toBe(0o600);
      expect(mode(join(root, 'logs'))).toBe(0o700);
    } finally {
      process.umask(before);
    }
  });

  it('an existing log file of 0644 is tightened to 0600', () => {
    const path = join(root, 'existing.log');
    writeFileSync(path, '');
    chmodSync(path, 0o644);
    createLogger({ destination: path }).info('x');
    expect(mode(path)).toBe(0o600);
  });
});
