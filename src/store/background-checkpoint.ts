/**
 * WAL checkpoints off the request path. By default SQLite checkpoints inside whichever commit
 * pushes the WAL past 1 000 pages: that commit then copies megabytes into the database file and
 * fsyncs it, on the main thread, in the middle of a request (in the store bench: approval p99
 * 9–13 ms with synchronous=NORMAL, 0.6–0.9 ms with this worker). Here a worker thread with its
 * own connection runs `PRAGMA wal_checkpoint(PASSIVE)` every second, so the WAL stays short and
 * the main connection's automatic checkpoint (raised, not removed: it is the safety net if the
 * worker dies) rarely fires.
 *
 * Durability is unchanged: every write is fsynced to the WAL before the store's promise resolves
 * (see `syncOffThread` in sqlite-store.ts); a checkpoint only moves pages already in the WAL into
 * the main file, and this connection syncs (FULL) before and after copying.
 * The worker is plain JavaScript evaluated in place, so it runs the same under tsx, vitest and
 * plain node; it loads better-sqlite3 by its resolved path.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.ts';

/** Milliseconds between two background checkpoints. */
export const CHECKPOINT_EVERY_MS = 1_000;

/** The main connection's automatic checkpoint threshold, in pages (SQLite's default is 1 000). */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 8_000;

/**
 * A WAL past this size is checkpointed in TRUNCATE mode. Under continuous writing a PASSIVE
 * checkpoint never catches up with the last frame, so SQLite never restarts the WAL and the file
 * only grows (100 000 cases filed in one run left 1.35 GB); TRUNCATE waits for the writer of the
 * moment, copies every frame and cuts the file to zero bytes.
 */
export const WAL_TRUNCATE_BYTES = 16 * 1024 * 1024;

/** Whatever happens, SQLite truncates a WAL it restarts to this size (PRAGMA journal_size_limit). */
export const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
db.pragma('synchronous = FULL');
db.pragma('journal_size_limit = ' + workerData.journalSizeLimit);
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const truncate = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)');
function run(statement) {
  try {
    statement.get();
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}
const fs = require('node:fs');
function walBytes() {
  try {
    return fs.statSync(workerData.path + '-wal').size;
  } catch {
    return 0;
  }
}
const timer = setInterval(() => run(walBytes() > workerData.truncateBytes ? truncate : passive), workerData.everyMs);
parentPort.on('message', (message) => {
  if (message === 'truncate') {
    run(truncate);
    parentPort.postMessage({ truncated: true });
    return;
  }
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface BackgroundCheckpoint {
  /** Asks the worker for a TRUNCATE checkpoint now (at most one outstanding request). */
  truncate(): void;
  /** Stops the worker and closes its connection. */
  stop(): Promise<void>;
}

/** Starts checkpointing the WAL of the database file at `path` from a worker thread. */
export function startBackgroundCheckpoint(path: string, busyTimeoutMs: number, logger?: Logger): BackgroundCheckpoint {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver, busyTimeoutMs, everyMs: CHECKPOINT_EVERY_MS, journalSizeLimit: JOURNAL_SIZE_LIMIT_BYTES, truncateBytes: WAL_TRUNCATE_BYTES } });
  // Never keeps a process alive: a CLI command that forgets close() still exits.
  worker.unref();
  let warned = false;
  let truncating = false;
  worker.on('message', (m: { error?: string; truncated?: boolean }) => {
    if (m.truncated) truncating = false;
    // A busy or failing checkpoint is not fatal: the main connection's auto-checkpoint remains.
    if (m.error && !warned) {
      warned = true;
      logger?.warn({ error: m.error }, 'background WAL checkpoint failed; SQLite checkpoints in place');
    }
  });
  worker.on('error', (error) => logger?.warn({ err: error }, 'background WAL checkpoint worker stopped'));
  let exited = false;
  const exit = new Promise<void>((done) => worker.once('exit', () => {
    exited = true;
    done();
  }));
  let stopped: Promise<void> | undefined;
  return {
    truncate() {
      if (exited || truncating) return;
      truncating = true;
      worker.postMessage('truncate');
    },
    stop() {
      if (exited) return Promise.resolve();
      stopped ??= new Promise<void>((done) => {
        // Held while stopping: an unref'd worker would let the process end mid-await (exit 13).
        worker.ref();
        void exit.then(done);
        worker.postMessage('stop');
        // If the worker is wedged (a checkpoint waiting on a lock), do not wait forever.
        setTimeout(() => void worker.terminate(), 2_000).unref();
      });
      return stopped;
    },
  };
}
