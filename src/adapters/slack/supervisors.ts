/**
 * Who is a supervisor, decided at click time: a user id in SLACK_SUPERVISOR_IDS, or a member of
 * the SLACK_SUPERVISOR_GROUP user group. The group's members are cached briefly so a burst of
 * clicks makes one `usergroups.users.list` call, and a removal takes effect within a minute.
 */
import type { WebClient } from '@slack/web-api';
import type { Role } from '../../core/types.ts';
import type { Logger } from '../../logger.ts';

export interface SupervisorSettings {
  supervisorIds: string[];
  supervisorGroup?: string;
}

/** How long group membership is trusted. */
export const GROUP_CACHE_MS = 60_000;

export type RoleOf = (userId: string) => Promise<Role>;

/**
 * A role resolver. A failed group lookup counts as "not a member" (fail closed) and is logged;
 * the next click tries again.
 */
export function createRoleResolver(client: WebClient, settings: SupervisorSettings, logger: Logger, clock: () => Date): RoleOf {
  const ids = new Set(settings.supervisorIds);
  let cached: { members: Set<string>; until: number } | undefined;
  let pending: Promise<Set<string>> | undefined;

  async function groupMembers(): Promise<Set<string>> {
    const group = settings.supervisorGroup;
    if (!group) return new Set();
    const now = clock().getTime();
    if (cached && cached.until > now) return cached.members;
    pending ??= client.usergroups.users
      .list({ usergroup: group })
      .then((r) => {
        const members = new Set(r.users ?? []);
        cached = { members, until: clock().getTime() + GROUP_CACHE_MS };
        return members;
      })
      .catch((error: unknown) => {
        logger.warn({ err: error, usergroup: group }, 'supervisor group lookup failed; treating as not a member');
        return new Set<string>();
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  }

  return async (userId) => (ids.has(userId) || (await groupMembers()).has(userId) ? 'supervisor' : 'agent');
}
