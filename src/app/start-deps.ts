/** What `settle start` hands every front end (Slack, Discord, console). */
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Desk } from './desk.ts';

export interface StartDeps {
  desk: Desk;
  config: Config;
  logger: Logger;
  clock: () => Date;
}

/** A running front end. */
export interface FrontEnd {
  stop(): Promise<void>;
}
