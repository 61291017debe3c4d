/** What every chat flow needs: the desk, the log, the clock, and which platform is speaking. */
import type { Desk, Platform } from '../app/desk.ts';
import type { Lang } from '../core/types.ts';
import type { Logger } from '../logger.ts';
import type { TrainingService } from '../training/training-service.ts';
import type { Notice } from './replies.ts';

export interface ChatContext {
  desk: Desk;
  logger: Logger;
  clock: () => Date;
  platform: Platform;
  /** A front end that speaks one language for its own notes (the console: English); else the case's. */
  lang?: Lang;
  /** Cases a queue page holds on this platform (Slack's App Home 20, Discord's embed 10, the console 50). */
  queuePageSize?: number;
  /** Role-play training; absent when `settle start` could not open it. */
  training?: TrainingService;
  /**
   * A platform's own reading of a failure it alone can explain (Slack's `not_in_channel`);
   * undefined → the generic explanation.
   */
  explainPlatformError?: (error: unknown, context: { caseId?: string; step: string }) => Notice | undefined;
}
