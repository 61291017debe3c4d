/**
 * What every Slack handler needs, and its translations into the chat layer (src/chat): a Slack
 * user → a person, Slack's own failures → notices, notices → Slack text.
 */
import type { AccessAction, AccessDecision } from '../../app/access.ts';
import type { Actor, CaseView, Desk } from '../../app/desk.ts';
import type { ChatContext } from '../../chat/context.ts';
import type { Person } from '../../chat/events.ts';
import { explainError as explainChatError, withGlyph } from '../../chat/explain-error.ts';
import { checkAccess as checkChatAccess, personOf } from '../../chat/people.ts';
import type { ToneGlyphs } from '../../chat/replies.ts';
import type { Logger } from '../../logger.ts';
import type { TrainingService } from '../../training/training-service.ts';
import { HOME_PAGE_SIZE } from './blocks/home.ts';
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

/** The chat layer's context for Slack: Slack's own failures (a channel it is not in) explained here. */
export function chatOf(deps: SlackDeps): ChatContext {
  return {
    desk: deps.desk, logger: deps.logger, clock: deps.clock, platform: 'slack', queuePageSize: HOME_PAGE_SIZE, ...(deps.training ? { training: deps.training } : {}),
    explainPlatformError: (error, context) => {
      const slackError = (error as { data?: { error?: unknown } }).data?.error;
      if (slackError !== 'not_in_channel' && slackError !== 'channel_not_found' && slackError !== 'is_archived') return undefined;
      deps.logger.warn({ caseId: context.caseId, slackError }, 'slack channel not usable');
      const filed = context.caseId ? `Case \`${context.caseId}\` is drafted, but ` : '';
      return { kind: 'notice', tone: 'warning', text: `${filed}I cannot post in that channel (${slackError}). Invite @Settle with \`/invite @Settle\`, or set SLACK_APPROVALS_CHANNEL to a channel it is in.` };
    },
  };
}

/** A notice as Slack shows it: the tone as an emoji code. */
export const SLACK_GLYPHS: ToneGlyphs = { info: ':information_source:', refused: ':no_entry:', warning: ':warning:' };

/** The desk actor for a Slack user, with the role decided now (at click time). */
export async function actorOf(deps: SlackDeps, user: { id: string; name?: string; username?: string }): Promise<Actor> {
  return (await whoOf(deps, user)).actor;
}

/** The person as the desk and the access table see them: their standing now, SETTLE_ACTOR_MAP applied. */
export async function whoOf(deps: SlackDeps, user: { id: string; name?: string; username?: string }, channelId?: string): Promise<Person> {
  const standing = await deps.standingOf(user.id);
  const inCaseChannel = channelId === undefined || deps.caseChannels.size === 0 || deps.caseChannels.has(channelId) || channelId === deps.approvalsChannel;
  return personOf({ platform: 'slack', userId: user.id, displayName: user.username ?? user.name ?? user.id, role: standing.role, guest: standing.guest, inCaseChannel }, deps.actorMap);
}

/** The shared access check (chat/people.ts): a refusal is audited and logged; the caller tells the person. */
export function checkAccess(deps: SlackDeps, action: AccessAction, subject: Person, view?: CaseView): Promise<AccessDecision> {
  return checkChatAccess(chatOf(deps), action, subject, view);
}

/** What to tell a person about a failure (chat/explain-error.ts), with Slack's emoji. */
export function explainError(deps: SlackDeps, error: unknown, context: { caseId?: string; step: string }): string {
  return withGlyph(explainChatError(chatOf(deps), error, context), SLACK_GLYPHS);
}

/**
 * Let the event loop flush what was just written (an ack is sent when the socket is uncorked on
 * the next tick) before running synchronous work such as a SQLite transaction.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
