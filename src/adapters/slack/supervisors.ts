/**
 * Who is staff on Slack, decided at click time. Supervisors: a user id in SLACK_SUPERVISOR_IDS
 * or a member of the SLACK_SUPERVISOR_GROUP user group. Agents: SLACK_AGENT_IDS or
 * SLACK_AGENT_GROUP. Everyone else is `anyone` (deny by default). A guest (a restricted or
 * single-channel account, `users.info`) is never staff, even when a list names them. Group
 * members and guest flags are cached briefly so a burst of clicks makes one lookup, and a
 * removal takes effect within a minute.
 */
import type { WebClient } from '@slack/web-api';
import type { StaffRole } from '../../app/access.ts';
import type { Logger } from '../../logger.ts';

export interface SupervisorSettings {
  supervisorIds: string[];
  supervisorGroup?: string;
  agentIds?: string[];
  agentGroup?: string;
}

/** How long group membership and guest flags are trusted. */
export const GROUP_CACHE_MS = 60_000;

export interface SlackStanding {
  role: StaffRole;
  /** A Slack guest: treated as `anyone` for everything but help. */
  guest: boolean;
}

export type RoleOf = (userId: string) => Promise<StaffRole>;
export type StandingOf = (userId: string) => Promise<SlackStanding>;

/** Looks a value up at most once per GROUP_CACHE_MS (concurrent callers share the call). */
function cachedLookup<T>(clock: () => Date, load: () => Promise<T>): () => Promise<T> {
  let cached: { value: T; until: number } | undefined;
  let pending: Promise<T> | undefined;
  return () => {
    if (cached && cached.until > clock().getTime()) return Promise.resolve(cached.value);
    pending ??= load()
      .then((value) => {
        cached = { value, until: clock().getTime() + GROUP_CACHE_MS };
        return value;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}

/**
 * A role resolver (lists and groups only). A failed group lookup counts as "not a member"
 * (fail closed) and is logged; the next click tries again.
 */
export function createRoleResolver(client: WebClient, settings: SupervisorSettings, logger: Logger, clock: () => Date): RoleOf {
  const group = (usergroup: string | undefined) => {
    if (!usergroup) return () => Promise.resolve(new Set<string>());
    const lookup = cachedLookup(clock, () => client.usergroups.users.list({ usergroup }).then((r) => new Set(r.users ?? [])));
    return () => lookup().catch((error: unknown) => {
      logger.warn({ err: error, usergroup }, 'staff group lookup failed; treating as not a member');
      return new Set<string>();
    });
  };
  const supervisors = new Set(settings.supervisorIds);
  const agents = new Set(settings.agentIds ?? []);
  const supervisorGroup = group(settings.supervisorGroup);
  const agentGroup = group(settings.agentGroup);
  return async (userId) => {
    if (supervisors.has(userId) || (await supervisorGroup()).has(userId)) return 'supervisor';
    if (agents.has(userId) || (await agentGroup()).has(userId)) return 'agent';
    return 'anyone';
  };
}

/**
 * Role plus the guest check (`users.info`, needs the `users:read` scope), asked only of people
 * a list makes staff. A failed lookup counts as a guest (fail closed) and is logged.
 */
export function createStandingResolver(client: WebClient, settings: SupervisorSettings, logger: Logger, clock: () => Date): StandingOf {
  const roleOf = createRoleResolver(client, settings, logger, clock);
  const guests = new Map<string, () => Promise<boolean>>();
  const isGuest = (userId: string): Promise<boolean> => {
    let lookup = guests.get(userId);
    if (!lookup) {
      lookup = cachedLookup(clock, () => client.users.info({ user: userId }).then((r) => Boolean(r.user?.is_restricted || r.user?.is_ultra_restricted)));
      guests.set(userId, lookup);
    }
    return lookup().catch((error: unknown) => {
      logger.warn({ err: error, userId }, 'users.info failed (is the users:read scope granted?); treating as a guest');
      return true;
    });
  };
  return async (userId) => {
    const role = await roleOf(userId);
    if (role === 'anyone') return { role, guest: false };
    return (await isGuest(userId)) ? { role: 'anyone', guest: true } : { role, guest: false };
  };
}
