/**
 * Files Settle creates hold customers' messages and staff decisions: the case store and its
 * -wal/-shm files, the training store and the log file are readable by their owner only (0600),
 * and a folder Settle creates for them is 0700 — whatever the process umask. SQLite gives its
 * -wal and -shm files the mode of the database file, so creating that one at 0600 covers them.
 * An existing file of ours is tightened to 0600; an existing folder is left as its owner set it.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Create the folders up to `dir` that do not exist yet, each 0700. */
export function ensurePrivateDir(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  if (missing.length === 0) return;
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  for (const d of missing) chmodSync(d, PRIVATE_DIR_MODE);
}

/** Make sure `path` exists as a file only its owner can read and write (its folder created 0700). */
export function preparePrivateFile(path: string): void {
  ensurePrivateDir(dirname(path));
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  chmodSync(path, PRIVATE_FILE_MODE);
}
