/**
 * What every Slack handler needs, and the two translations they share: a Slack user → a desk
 * `Actor`, and an error → what the person is told.
 */
import type { Actor, Desk } from '../../app/desk.ts';
import { isUserError } from '../../core/errors.ts';
import type { Logger } from '../../logger.ts';
import type { TrainingService } from '../../training/training-service.ts';
import type { RoleOf } from './supervisors.ts';
import type { WorkQueue } from './work-queue.ts';

export interface SlackDeps {
  desk: Desk;
  logger: Logger;
  clock: () => Date;
  roleOf: RoleOf;
  /** Where drafts are posted; undefined → the channel the command came from. */
  approvalsChannel?: string;
  /** Zone of the "Approved … at HH:MM" clock. */
  timeZone: string;
  /** Post-ack work; synchronous desk steps in turn so acks stay prompt. */
  work: WorkQueue;
  /** `/settle train`; absent when `settle start` could not open training. */
  training?: TrainingService;
}

/** The desk actor for a Slack user, with the role decided now (at click time). */
export async function actorOf(deps: SlackDeps, user: { id: string; name?: string; username?: string }): Promise<Actor> {
  return {
    id: `slack:${user.id}`,
    displayName: user.username ?? user.name ?? user.id,
    role: await deps.roleOf(user.id),
    platform: 'slack',
  };
}

/**
 * What to tell a person about a failure: a `UserError`'s own polite message, or a generic
 * apology for a crash — which is logged with the case id, never shown as a stack trace.
 */
export function explainError(deps: SlackDeps, error: unknown, context: { caseId?: string; step: string }): string {
  if (isUserError(error)) return `:information_source: ${error.message}`;
  const slackError = (error as { data?: { error?: unknown } }).data?.error;
  if (slackError === 'not_in_channel' || slackError === 'channel_not_found' || slackError === 'is_archived') {
    deps.logger.warn({ caseId: context.caseId, slackError }, 'slack channel not usable');
    const filed = context.caseId ? `Case \`${context.caseId}\` is drafted, but ` : '';
    return `:warning: ${filed}I cannot post in that channel (${slackError}). Invite @Settle with \`/invite @Settle\`, or set SLACK_APPROVALS_CHANNEL to a channel it is in.`;
  }
  deps.logger.error({ err: error, caseId: context.caseId, step: context.step }, 'slack handler failed');
  const ref = context.caseId ? ` (case ${context.caseId})` : '';
  return `:warning: Sorry, something went wrong${ref}. It has been logged; please try again.`;
}

/**
 * Let the event loop flush what was just written (an ack is sent when the socket is uncorked on
 * the next tick) before running synchronous work such as a SQLite transaction.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
