/** What `settle start` hands every front end (Slack, Discord, console). */
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { TrainingService } from '../training/training-service.ts';
import type { Desk } from './desk.ts';
import type { LifecycleNotifier } from './lifecycle.ts';
import type { ReportPoster } from './weekly-report-post.ts';

export interface StartDeps {
  desk: Desk;
  config: Config;
  logger: Logger;
  clock: () => Date;
  /** Role-play training for `/settle train`; absent when the scenarios could not be loaded. */
  training?: TrainingService;
  /** Told how long each acknowledgement took, in seconds (the ops metrics' ack latency; SETTLE_OPS_PORT). */
  onAck?: (platform: 'slack' | 'discord', seconds: number) => void;
}

/** A running front end. */
export interface FrontEnd {
  stop(): Promise<void>;
  /** Posts the weekly report to its supervisors' channel, when one is configured. */
  reportPoster?: ReportPoster;
  /** Posts the lifecycle scheduler's reminders (the case's thread) and escalations (the supervisors' channel). */
  lifecycleNotifier?: LifecycleNotifier;
}
