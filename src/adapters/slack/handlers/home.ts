/**
 * App Home: published when a person opens the tab, and again when they page through it.
 */
import type { App, webApi } from '@slack/bolt';
import type { Actor } from '../../../app/desk.ts';
import { buildClosedHome, buildHome, HOME_PAGE_SIZE } from '../blocks/home.ts';
import { checkAccess, explainError, whoOf, type SlackDeps } from '../slack-deps.ts';

/** Supervisors get the whole queue, agents the cases they filed; one page from `offset`. */
export async function publishHome(deps: SlackDeps, client: webApi.WebClient, userId: string, actor: Actor, offset: number): Promise<void> {
  const filter = { limit: HOME_PAGE_SIZE + 1, offset, ...(actor.role === 'supervisor' ? {} : { createdBy: actor.id }) };
  const cases = await deps.desk.queue(filter);
  await client.views.publish({ user_id: userId, view: buildHome({ role: actor.role, cases, offset, now: deps.clock() }) });
}

export function registerHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    try {
      const subject = await whoOf(deps, { id: event.user });
      const access = await checkAccess(deps, 'app_home', subject);
      if (!access.ok) {
        await client.views.publish({ user_id: event.user, view: buildClosedHome(access.reason) });
        return;
      }
      await publishHome(deps, client, event.user, subject.actor, 0);
    } catch (error) {
      explainError(deps, error, { step: 'home' });
    }
  });
}
