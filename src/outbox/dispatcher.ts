/**
 * Delivers released replies from the outbox to `SETTLE_OUTBOX_WEBHOOK_URL`.
 *
 * At-least-once POSTs with an `Idempotency-Key` (the release id) make it exactly-once for a
 * receiver that honours the key: a reply is marked delivered only after a 2xx, so a crash
 * between the POST and the mark re-sends the same key after restart, never a new release.
 * Rows live in the store, so pending deliveries survive restarts: `start()` sends every due row.
 * Rows are claimed for a while before they are POSTed (`claimDueReleases`), so several processes
 * on one store deliver each row once; a killed process's claims pass to the others when they run out
 * (a restart after a kill waits out that claim: `claimMs`).
 */
import type { Logger } from '../logger.ts';
import type { OutboxItem, Store } from '../store/store.ts';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './backoff.ts';

export interface DispatcherOptions {
  store: Store;
  url: string;
  clock: () => Date;
  logger: Logger;
  backoff?: BackoffPolicy;
  /** How often due rows are looked for when nothing kicks the dispatcher. */
  pollMs?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
  batchSize?: number;
  /**
   * How long claimed rows stay with this process (default: the request timeout + 5 s). A process
   * that dies mid-delivery leaves its rows to the others after this.
   */
  claimMs?: number;
  fetch?: typeof fetch;
}

export interface OutboxDispatcher {
  /** Begins polling (and sends whatever is due at once). */
  start(): void;
  /** Asks for a pass now (after a release), without waiting for the poll. */
  kick(): void;
  /** One pass over due rows; resolves with how many were delivered. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

export function createOutboxDispatcher(options: DispatcherOptions): OutboxDispatcher {
  const { store, url, clock, logger } = options;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const pollMs = options.pollMs ?? 1_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const batchSize = options.batchSize ?? 20;
  // A batch is POSTed at once, so its claim only has to outlast one request's timeout.
  const claimMs = options.claimMs ?? timeoutMs + 5_000;
  const doFetch = options.fetch ?? fetch;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = true;

  async function deliver(item: OutboxItem): Promise<boolean> {
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': item.id, 'user-agent': 'settle-outbox/1' },
        body: JSON.stringify(item.payload),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) {
        await store.markDelivered(item.id, clock().toISOString());
        logger.info({ caseId: item.caseId, releaseId: item.id, attempts: item.attempts + 1 }, 'release delivered');
        return true;
      }
      await fail(item, `HTTP ${res.status}`);
    } catch (e) {
      await fail(item, e instanceof Error ? e.message : String(e));
    }
    return false;
  }

  async function fail(item: OutboxItem, error: string): Promise<void> {
    const attempt = item.attempts + 1;
    const next = new Date(clock().getTime() + retryDelayMs(attempt, backoff));
    await store.markAttemptFailed(item.id, error, next.toISOString());
    logger.warn({ caseId: item.caseId, releaseId: item.id, attempt, error, retryAt: next.toISOString() }, 'release delivery failed; will retry');
  }

  async function pass(): Promise<number> {
    let delivered = 0;
    for (;;) {
      // Claimed, not just listed: with several processes on one store, each row goes to one of them
      // until the claim runs out (a process that dies mid-delivery hands it on after that).
      const now = clock();
      const due = await store.claimDueReleases(now.toISOString(), batchSize, new Date(now.getTime() + claimMs).toISOString());
      if (due.length === 0) break;
      let progressed = 0;
      for (const ok of await Promise.all(due.map(deliver))) if (ok) progressed++;
      delivered += progressed;
      if (progressed < due.length) break; // the rest are backing off
    }
    return delivered;
  }

  function drain(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = pass()
      .catch((e: unknown) => {
        logger.error({ err: e }, 'outbox pass failed');
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          void drain();
        }
      });
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void drain().finally(schedule);
    }, pollMs);
    timer.unref();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      void drain();
      schedule();
    },
    kick() {
      if (!stopped) void drain();
    },
    drain,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
