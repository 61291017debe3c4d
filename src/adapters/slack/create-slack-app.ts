/**
 * The Bolt app: thin wiring of the receiver (HTTP with signature verification, or Socket Mode),
 * the Web API client (SLACK_API_URL, 429 retries) and Settle's handlers.
 */
import { App, webApi } from '@slack/bolt';
import type { Desk } from '../../app/desk.ts';
import type { Logger } from '../../logger.ts';
import type { TrainingService } from '../../training/training-service.ts';
import { registerTraining } from './handle-training.ts';
import { toBoltLogger } from './bolt-logger.ts';
import { registerActions } from './handlers/actions.ts';
import { registerCommand } from './handlers/command.ts';
import { registerHome } from './handlers/home.ts';
import { registerViews } from './handlers/views.ts';
import { registerReviewViews } from './review-command.ts';
import { createOnceMiddleware } from './once.ts';
import type { SlackDeps } from './slack-deps.ts';
import { createStandingResolver } from './supervisors.ts';
import { createWorkQueue, type WorkQueue } from './work-queue.ts';

export interface SlackAppSettings {
  botToken: string;
  signingSecret: string;
  /** Socket Mode when set (xapp-…); HTTP otherwise. */
  appToken?: string;
  /** Web API base, e.g. `http://127.0.0.1:4000/api/`; default Slack's. */
  apiUrl?: string;
  approvalsChannel?: string;
  supervisorIds: string[];
  supervisorGroup?: string;
  agentIds?: string[];
  agentGroup?: string;
  /** SLACK_CASE_CHANNELS; empty → any channel. */
  caseChannels?: string[];
  /** SETTLE_ACTOR_MAP, parsed. */
  actorMap?: ReadonlyMap<string, string>;
  timeZone?: string;
}

/** Web API retries: a 429 waits for its Retry-After, then up to 3 retries with backoff. */
export const SLACK_RETRY_CONFIG = { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 5_000 } as const;

/** Normalise an API base so the WebClient appends method names correctly. */
export function apiBase(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const withApi = /\/api\/?$/.test(url) ? url : `${url.replace(/\/$/, '')}/api`;
  return withApi.endsWith('/') ? withApi : `${withApi}/`;
}

/** Build the Bolt app for `settings`, its handlers calling `desk` (and `training`); `work` holds post-ack jobs. */
export function createSlackApp(settings: SlackAppSettings, desk: Desk, logger: Logger, clock: () => Date, training?: TrainingService): { app: App; work: WorkQueue } {
  const log = logger.child({ component: 'slack' });
  const slackApiUrl = apiBase(settings.apiUrl);
  const app = new App({
    token: settings.botToken,
    signingSecret: settings.signingSecret,
    // Socket Mode's own client (apps.connections.open) takes its base URL from installerOptions.
    ...(settings.appToken ? { socketMode: true, appToken: settings.appToken, installerOptions: { clientOptions: slackApiUrl ? { slackApiUrl } : {} } } : {}),
    logger: toBoltLogger(log),
    clientOptions: { ...(slackApiUrl ? { slackApiUrl } : {}), retryConfig: SLACK_RETRY_CONFIG },
  });
  app.client.on(webApi.WebClientEvent.RATE_LIMITED, (retryAfterSec: number, { url }: { url: string }) => {
    log.warn({ retryAfterSec, method: url.replace(/^.*\//, '') }, 'slack rate limited; waiting for Retry-After');
  });
  const work = createWorkQueue(log);
  const deps: SlackDeps = {
    desk,
    logger: log,
    clock,
    standingOf: createStandingResolver(app.client, settings, log, clock),
    caseChannels: new Set(settings.caseChannels ?? []),
    actorMap: settings.actorMap ?? new Map(),
    approvalsChannel: settings.approvalsChannel,
    timeZone: settings.timeZone ?? 'UTC',
    work,
    ...(training ? { training } : {}),
  };
  app.use(createOnceMiddleware(clock, (key, retryNum) => log.info({ key, retryNum }, 'slack repeat delivery ignored')));
  const threads = registerTraining(app, deps);
  registerCommand(app, deps, threads);
  registerActions(app, deps);
  registerViews(app, deps);
  registerReviewViews(app, deps);
  registerHome(app, deps);
  app.error(async (error) => {
    log.error({ err: error }, 'slack app error');
  });
  return { app, work };
}
