/**
 * Keeping acks prompt while drafting cases. The desk's SQLite calls are synchronous (and a
 * durable commit waits for the disk), so several drafts started together would hold the event
 * loop back to back and delay the acks of requests arriving meanwhile past Slack's 3 seconds.
 *
 * - `background(job)`: post-ack work, tracked so `drain()` can wait for it;
 * - `serial(step)`: the synchronous desk steps inside it run one at a time, and yield to the
 *   event loop every few milliseconds, so an incoming request waits for at most about one slice
 *   plus one step. Web API round trips stay outside and overlap. Under overload the backlog grows
 *   (cards post later) while acks stay prompt;
 * - `watch(server)`: requests on the HTTP receiver go first. From a request's arrival until its
 *   response has been handed to the socket, background jobs do not start and serial steps do not
 *   begin (each waits at most HOLD_MAX_MS), so a request's several event-loop turns (body, signature,
 *   middleware, ack) are not interleaved with drafting; the work runs in the gaps between requests.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from '../../logger.ts';

export interface WorkQueue {
  /** Run `job` in the background; it never throws into the caller (failures are logged). */
  background(job: () => Promise<unknown>): void;
  /** Run one synchronous-heavy desk step in turn with the others. */
  serial<T>(step: () => Promise<T>): Promise<T>;
  /**
   * Give the requests of `server` priority over background work (see the module comment);
   * `onAnswered` gets each request's time from arrival to its response handed to the socket.
   */
  watch(server: Server, onAnswered?: (seconds: number) => void): void;
  /** Requests on watched servers whose response is not sent yet. */
  readonly inFlight: number;
  /** Background jobs not finished yet. */
  readonly pending: number;
  /** Resolves when every background job has finished. */
  drain(): Promise<void>;
}

/** Backlog size past which new work logs a warning (the desk is slower than the requests). */
export const BACKLOG_WARNING = 200;

/** Milliseconds of synchronous desk work between two yields to the event loop. */
export const SLICE_MS = 1;

/**
 * Longest a job or step waits for in-flight requests to be answered: a request that stays open
 * (a slow client, a handler that answers only after its own desk step) never stalls the work.
 */
export const HOLD_MAX_MS = 50;

export function createWorkQueue(logger: Logger): WorkQueue {
  let chain: Promise<unknown> = Promise.resolve();
  let sliceStart = -Infinity;
  let pending = 0;
  let idle: (() => void)[] = [];
  let inFlight = 0;
  let waiting: (() => void)[] = [];

  const release = () => {
    const ready = waiting;
    waiting = [];
    for (const resolve of ready) resolve();
  };
  /** Resolves once no watched request is in flight (at once when none is), or after HOLD_MAX_MS. */
  const requestsAnswered = (): Promise<void> | undefined => {
    if (inFlight === 0) return undefined;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, HOLD_MAX_MS);
      waiting.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  };

  return {
    background(job) {
      pending++;
      if (pending > BACKLOG_WARNING) logger.warn({ backlog: pending }, 'slack work backlog growing');
      const held = requestsAnswered();
      void (held ? held.then(job) : job())
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
        const held = requestsAnswered();
        if (held) {
          await held;
          sliceStart = performance.now();
        }
        return step();
      });
      chain = run.catch(() => undefined);
      return run;
    },
    watch(server, onAnswered) {
      server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
        const receivedAt = performance.now();
        inFlight++;
        let done = false;
        const answered = () => {
          if (done) return;
          done = true;
          inFlight--;
          // The next turn: the response's bytes leave before the held work starts.
          if (inFlight === 0) setImmediate(() => inFlight === 0 && release());
        };
        res.once('finish', () => {
          onAnswered?.((performance.now() - receivedAt) / 1000);
          answered();
        });
        res.once('close', answered);
      });
    },
    get inFlight() {
      return inFlight;
    },
    get pending() {
      return pending;
    },
    drain() {
      return pending === 0 ? Promise.resolve() : new Promise((r) => idle.push(r));
    },
  };
}
