/**
 * App Home, translated: opening the tab is a queue event, a pager click a page click (the queue
 * flow, src/chat/queue-flow.ts, decides who sees which cases in which order and pages them); its
 * replies are published as the person's home view, a refusal as the closed home.
 */
import type { App, webApi } from '@slack/bolt';
import { onQueue } from '../../../chat/queue-flow.ts';
import type { Replies } from '../../../chat/replies.ts';
import { buildClosedHome, buildHome, buildQueueBlocks, queueTitle } from '../blocks/home.ts';
import { chatOf, explainError, whoOf, type SlackDeps } from '../slack-deps.ts';

/** The queue flow's replies as the App Home of `userId` (crashes are logged by the flow). */
export function homeReplies(client: webApi.WebClient, userId: string): Replies {
  return {
    send: async (reply) => {
      if (reply.kind === 'queue') await client.views.publish({ user_id: userId, view: buildHome(reply) });
      else if (reply.kind === 'notice' && reply.tone === 'refused') await client.views.publish({ user_id: userId, view: buildClosedHome(reply.text) });
    },
  };
}

/**
 * The queue flow's replies as a private message (`/settle queue`, and its pager clicks, which
 * replace it in place through the response_url); a refusal privately too.
 */
export function queueMessageReplies(respond: (message: Record<string, unknown>) => Promise<unknown>): Replies {
  return {
    send: async (reply) => {
      if (reply.kind === 'queue') await respond({ response_type: 'ephemeral', replace_original: true, text: queueTitle(reply), blocks: buildQueueBlocks(reply) });
      else if (reply.kind === 'notice') await respond({ response_type: 'ephemeral', text: `:no_entry: ${reply.text}` });
    },
  };
}

export function registerHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    try {
      const person = await whoOf(deps, { id: event.user });
      await onQueue(chatOf(deps), { kind: 'queue', person, page: 0, access: 'app_home' }, homeReplies(client, event.user));
    } catch (error) {
      explainError(deps, error, { step: 'home' });
    }
  });
}
