/**
 * The lifecycle scheduler (docs/lifecycle.md): on each tick of the injected clock it claims the
 * reminders and escalations due (Store.claimDueDeadlines: each goes to one process, once), and
 * hands each to the front ends' notifiers — a reminder for the case's thread, an escalation for
 * the supervisors' channel. A due follow-up is drafted first, so its reminder carries the draft
 * for approval. It runs on ONE process of several sharing a store, under a lease (lease-runner.ts).
 */
import type { DeadlineKind, NoticeKind } from '../core/lifecycle/deadlines.ts';
import type { Logger } from '../logger.ts';
import { runUnderLease, type LeaseRunner } from '../store/lease-runner.ts';
import type { Store } from '../store/store.ts';
import type { CaseView, Desk } from './desk.ts';

/** One claimed notice, with the case as it is now. */
export interface LifecycleNotice {
  notice: NoticeKind;
  deadline: DeadlineKind;
  dueAt: string;
  view: CaseView;
  /** A follow-up drafted for this reminder (it waits for approval on the case). */
  followUpDrafted: boolean;
}

/** A front end's way of posting notices (Slack, Discord, the console). */
export type LifecycleNotifier = (notice: LifecycleNotice) => Promise<void>;

export interface SchedulerOptions {
  store: Pick<Store, 'claimDueDeadlines'>;
  desk: Pick<Desk, 'get' | 'draftFollowUp'>;
  clock: () => Date;
  logger: Logger;
  notifiers: readonly LifecycleNotifier[];
  /** Notices claimed per store call. */
  batch?: number;
}

export interface LifecycleScheduler {
  /** Claims and posts everything due now; resolves with the notices posted. */
  tick(): Promise<LifecycleNotice[]>;
}

export function createLifecycleScheduler(o: SchedulerOptions): LifecycleScheduler {
  const batch = o.batch ?? 50;
  return {
    async tick() {
      const posted: LifecycleNotice[] = [];
      for (;;) {
        const claimed = await o.store.claimDueDeadlines(o.clock().toISOString(), batch);
        for (const c of claimed) {
          let followUpDrafted = false;
          let view: CaseView;
          if (c.kind === 'follow_up' && c.notice === 'reminder') ({ drafted: followUpDrafted, view } = await o.desk.draftFollowUp(c.caseId));
          else view = await o.desk.get(c.caseId);
          const notice: LifecycleNotice = { notice: c.notice, deadline: c.kind, dueAt: c.dueAt, view, followUpDrafted };
          // Claimed once: a notifier that fails is logged; the claim (and its audit entry) stands.
          for (const notify of o.notifiers) await notify(notice).catch((err: unknown) => o.logger.warn({ err, caseId: c.caseId, deadline: c.kind }, 'lifecycle notice could not be posted'));
          o.logger.info({ caseId: c.caseId, deadline: c.kind, notice: c.notice }, 'lifecycle notice');
          posted.push(notice);
        }
        if (claimed.length < batch) return posted;
      }
    },
  };
}

export const LIFECYCLE_LEASE = 'lifecycle-scheduler';

export interface RunSchedulerOptions extends SchedulerOptions {
  store: Pick<Store, 'claimDueDeadlines' | 'tryLease' | 'releaseLease'>;
  /** How often the holder ticks (default 30 s). */
  intervalMs?: number;
  /** How long a dead holder keeps the lease (default 60 s). */
  leaseMs?: number;
  holder?: string;
}

/** Runs the scheduler on whichever process holds the lease; ticks every `intervalMs` there. */
export function runLifecycleScheduler(o: RunSchedulerOptions): LeaseRunner {
  const scheduler = createLifecycleScheduler(o);
  const intervalMs = o.intervalMs ?? 30_000;
  return runUnderLease({
    store: o.store, name: LIFECYCLE_LEASE, ttlMs: o.leaseMs ?? 60_000, clock: o.clock, logger: o.logger, ...(o.holder ? { holder: o.holder } : {}),
    start() {
      let running: Promise<unknown> | undefined;
      const tick = () => {
        running ??= scheduler.tick().catch((err: unknown) => o.logger.warn({ err }, 'lifecycle tick failed')).finally(() => (running = undefined));
      };
      const timer = setInterval(tick, intervalMs);
      timer.unref();
      tick();
      return {
        async stop() {
          clearInterval(timer);
          await running;
        },
      };
    },
  });
}
