/**
 * What every Slack handler needs, and the two translations they share: a Slack user → a desk
 * `Actor`, and an error → what the person is told.
 */
import { authorize, NO_CASE, type AccessAction, type AccessDecision, type Who } from '../../app/access.ts';
import type { Actor, CaseView, Desk } from '../../app/desk.ts';
import { isUserError } from '../../core/errors.ts';
import type { Logger } from '../../logger.ts';
import type { TrainingService } from '../../training/training-service.ts';
import type { StandingOf } from './supervisors.ts';
import type { WorkQueue } from './work-queue.ts';

export interface SlackDeps {
  desk: Desk;
  logger: Logger;
  clock: () => Date;
  /** Staff role and guest flag of a user, decided now. */
  standingOf: StandingOf;
  /** SLACK_CASE_CHANNELS (empty: any channel); the approvals channel always counts. */
  caseChannels: ReadonlySet<string>;
  /** SETTLE_ACTOR_MAP: `slack:U1` → `person:li`. */
  actorMap: ReadonlyMap<string, string>;
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
  return (await whoOf(deps, user)).actor;
}

/**
 * The person as the desk (`actor`) and the access table (`who`) see them. A person who is not
 * staff still gets an actor (role agent) so a refusal can be audited; the desk is never called
 * for them because `authorize` refuses first.
 */
export async function whoOf(deps: SlackDeps, user: { id: string; name?: string; username?: string }, channelId?: string): Promise<{ actor: Actor; who: Who }> {
  const standing = await deps.standingOf(user.id);
  const platformId = `slack:${user.id}`;
  const id = deps.actorMap.get(platformId) ?? platformId;
  const inCaseChannel = channelId === undefined || deps.caseChannels.size === 0 || deps.caseChannels.has(channelId) || channelId === deps.approvalsChannel;
  return {
    actor: { id, displayName: user.username ?? user.name ?? user.id, role: standing.role === 'anyone' ? 'agent' : standing.role, platform: 'slack' },
    who: { id, role: standing.role, platform: 'slack', guest: standing.guest, inCaseChannel },
  };
}

/**
 * The access check for one command, click or form: a refusal is audited (under the case, or
 * NO_CASE) and logged; the caller tells the person privately. A repeat on a decided case is
 * not audited (it is not an attempt to overstep).
 */
export async function checkAccess(deps: SlackDeps, action: AccessAction, subject: { actor: Actor; who: Who }, view?: CaseView): Promise<AccessDecision> {
  const decision = authorize(action, subject.who, view);
  if (decision.ok || decision.code === 'already_decided') return decision;
  await deps.desk.recordDenied(view?.id ?? NO_CASE, subject.actor, action, `${decision.code}: ${decision.reason}`, {
    role: subject.who.role, ...(subject.who.guest ? { guest: true } : {}), ...(decision.grantKey ? { grantKey: decision.grantKey } : {}),
  });
  deps.logger.info({ caseId: view?.id, actorId: subject.actor.id, action, code: decision.code }, 'slack request refused');
  return decision;
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
