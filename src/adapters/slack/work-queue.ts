/**
 * Keeping acks prompt while drafting cases. The desk's SQLite calls are synchronous (and a
 * durable commit waits for the disk), so several drafts started together would hold the event
 * loop back to back and delay the acks of requests arriving meanwhile past Slack's 3 seconds.
 *
 * - `background(job)`: post-ack work, started at once and tracked so `drain()` can wait for it;
 * - `serial(step)`: the synchronous desk steps inside it run one at a time, and yield to the
 *   event loop every few milliseconds, so an incoming request waits for at most about one slice
 *   plus one step. Web API round trips stay outside and overlap. Under overload the backlog grows
 *   (cards post later) while acks stay prompt.
 */
import type { Logger } from '../../logger.ts';

export interface WorkQueue {
  /** Run `job` in the background; it never throws into the caller (failures are logged). */
  background(job: () => Promise<unknown>): void;
  /** Run one synchronous-heavy desk step in turn with the others. */
  serial<T>(step: () => Promise<T>): Promise<T>;
  /** Background jobs not finished yet. */
  readonly pending: number;
  /** Resolves when every background job has finished. */
  drain(): Promise<void>;
}

/** Backlog size past which new work logs a warning (the desk is slower than the requests). */
export const BACKLOG_WARNING = 200;

/** Milliseconds of synchronous desk work between two yields to the event loop. */
export const SLICE_MS = 1;

export function createWorkQueue(logger: Logger): WorkQueue {
  let chain: Promise<unknown> = Promise.resolve();
  let sliceStart = -Infinity;
  let pending = 0;
  let idle: (() => void)[] = [];

  return {
    background(job) {
      pending++;
      if (pending > BACKLOG_WARNING) logger.warn({ backlog: pending }, 'slack work backlog growing');
      void job()
        .catch((error: unknown) => logger.error({ err: error }, 'slack background job failed'))
        .finally(() => {
          pending--;
          if (pending === 0) {
            for (const resolve of idle) resolve();
            idle = [];
          }
        });
    },
    serial<T>(step: () => Promise<T>): Promise<T> {
      const run = chain.then(async () => {
        // Steps run back to back for at most one slice, then a fresh turn lets pending acks and
        // socket reads go first: acks wait at most a slice, while a backlog still drains quickly.
        if (performance.now() - sliceStart >= SLICE_MS) {
          await new Promise((r) => setImmediate(r));
          sliceStart = performance.now();
        }
        return step();
      });
      chain = run.catch(() => undefined);
      return run;
    },
    get pending() {
      return pending;
    },
    drain() {
      return pending === 0 ? Promise.resolve() : new Promise((r) => idle.push(r));
    },
  };
}
