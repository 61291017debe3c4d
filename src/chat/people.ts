/**
 * A platform user → the person the desk and the access table see (SETTLE_ACTOR_MAP applied),
 * and the one access check every command, click and form goes through: a refusal is audited
 * (under the case, or NO_CASE) and logged; a repeat on a decided case is not audited (it is not
 * an attempt to overstep).
 */
import { authorize, NO_CASE, type AccessAction, type AccessDecision, type StaffRole } from '../app/access.ts';
import type { CaseView, Platform } from '../app/desk.ts';
import type { Lang } from '../core/types.ts';
import type { ChatContext } from './context.ts';
import type { Person } from './events.ts';

/** What an adapter knows of whoever acted, decided at this moment from platform config. */
export interface PlatformUser {
  platform: Platform;
  /** The platform's own id (`U123`, a snowflake, a console name). */
  userId: string;
  displayName: string;
  role: StaffRole;
  /** A Slack guest account: never staff. */
  guest?: boolean;
  /** false when a channel allow-list is set and the event came from elsewhere. */
  inCaseChannel?: boolean;
}

/**
 * The person for a platform user. Someone who is not staff still gets an actor (role agent) so a
 * refusal can be audited; `authorize` refuses them before any desk call.
 */
export function personOf(user: PlatformUser, actorMap: ReadonlyMap<string, string> = new Map()): Person {
  const platformId = `${user.platform}:${user.userId}`;
  const id = actorMap.get(platformId) ?? platformId;
  return {
    actor: { id, displayName: user.displayName, role: user.role === 'anyone' ? 'agent' : user.role, platform: user.platform },
    who: {
      id, role: user.role, platform: user.platform,
      ...(user.guest ? { guest: true } : {}),
      ...(user.inCaseChannel !== undefined ? { inCaseChannel: user.inCaseChannel } : {}),
    },
  };
}

/** May `person` do `action` (on `view`)? Refusals are audited and logged here, told by the caller. */
export async function checkAccess(ctx: ChatContext, action: AccessAction, person: Person, view?: CaseView, lang?: Lang): Promise<AccessDecision> {
  const decision = authorize(action, person.who, view, lang ?? ctx.lang ?? view?.draft.reply.lang ?? 'en');
  if (decision.ok || decision.code === 'already_decided') return decision;
  await ctx.desk.recordDenied(view?.id ?? NO_CASE, person.actor, action, `${decision.code}: ${decision.reason}`, {
    code: decision.code, role: person.who.role, ...(person.who.guest ? { guest: true } : {}), ...(decision.grantKey ? { grantKey: decision.grantKey } : {}),
  });
  ctx.logger.info({ caseId: view?.id, actorId: person.actor.id, action, code: decision.code }, `${ctx.platform} request refused`);
  return decision;
}
