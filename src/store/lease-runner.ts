/**
 * Background work that must run on ONE process of several sharing a store (the SQLite WAL
 * checkpoint today, the lifecycle scheduler when it lands): each process keeps trying the same
 * named lease (`Store.tryLease`); the holder renews it every third of its time to live and runs
 * the work; the others wait. When the holder dies it stops renewing, the lease expires, and the
 * next process to try takes it and starts the work: failover within one time to live.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.ts';
import type { Store } from './store.ts';

/** Work started when the lease is taken and stopped when it is lost or the process stops. */
export interface LeasedWork {
  stop(): Promise<void>;
}

export interface LeaseRunnerOptions {
  store: Pick<Store, 'tryLease' | 'releaseLease'>;
  name: string;
  /** Defaults to host:pid:random, unique per process. */
  holder?: string;
  ttlMs: number;
  clock: () => Date;
  start: () => LeasedWork;
  logger?: Logger;
  /** false: no timer, the caller calls `tick()` (tests with a fake clock). */
  timer?: boolean;
}

export interface LeaseRunner {
  readonly holder: string;
  /** Tries (or renews) the lease once; starts or stops the work accordingly. True while holding. */
  tick(): Promise<boolean>;
  holding(): boolean;
  /** Stops the work and gives the lease up so another process takes over at once. */
  stop(): Promise<void>;
}

/** A process-unique lease holder id. */
export function newHolderId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export function runUnderLease(options: LeaseRunnerOptions): LeaseRunner {
  const { store, name, ttlMs, clock, logger } = options;
  const holder = options.holder ?? newHolderId();
  let work: LeasedWork | undefined;
  let stopped = false;
  let inFlight: Promise<boolean> | undefined;

  async function once(): Promise<boolean> {
    const now = clock();
    let held: boolean;
    try {
      held = await store.tryLease(name, holder, now.toISOString(), new Date(now.getTime() + ttlMs).toISOString());
    } catch (err) {
      // The database is unreachable: whoever holds the work may no longer own it; stop it.
      logger?.warn({ err, lease: name }, 'lease renewal failed; background work paused');
      held = false;
    }
    if (stopped) return false;
    if (held && !work) {
      work = options.start();
      logger?.info({ lease: name, holder }, 'lease taken; background work started here');
    } else if (!held && work) {
      const w = work;
      work = undefined;
      await w.stop();
      logger?.info({ lease: name, holder }, 'lease lost; background work stopped here');
    }
    return held;
  }

  function tick(): Promise<boolean> {
    inFlight ??= once().finally(() => (inFlight = undefined));
    return inFlight;
  }

  const timer = options.timer === false ? undefined : setInterval(() => void tick(), Math.max(10, Math.floor(ttlMs / 3)));
  // Never keeps a process alive on its own.
  timer?.unref();
  void tick();

  return {
    holder,
    tick,
    holding: () => work !== undefined,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await inFlight?.catch(() => false);
      const w = work;
      work = undefined;
      await w?.stop();
      await store.releaseLease(name, holder).catch(() => undefined);
    },
  };
}
