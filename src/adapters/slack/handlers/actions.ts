/**
 * Button clicks on a case card (and the App Home pager, answered by home.ts): the click becomes a chat-layer event
 * (src/chat/case-flow.ts authorises, acts and redraws); its replies become Slack calls — the
 * card redrawn with chat.update, forms as modals, notes as ephemeral messages (or a DM from the
 * App Home), the release in the card's thread.
 */
import type { App, BlockAction, ButtonAction, webApi } from '@slack/bolt';
import { onClick } from '../../../chat/case-flow.ts';
import { withGlyph } from '../../../chat/explain-error.ts';
import type { Replies, Reply } from '../../../chat/replies.ts';
import { decodeAction, encodeAction, type ActionRef } from '../../shared/action-id.ts';
import { buildAnswerModal, buildEditModal, buildFullMessageModal, buildLifecycleModal, buildRejectModal, type ModalMeta } from '../blocks/modals.ts';
import { postRelease, refreshCard, type CardRef } from '../card-updates.ts';
import { chatOf, SLACK_GLYPHS, whoOf, yieldToEventLoop, type SlackDeps } from '../slack-deps.ts';
import { homeReplies, queueMessageReplies } from './home.ts';

export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(/^s1\|/, async ({ action, body, ack, client, respond }) => {
    await ack();
    await yieldToEventLoop();
    const ref = decodeAction(action.action_id);
    if (!ref) return;
    const card: CardRef = { channelId: body.channel?.id, messageTs: body.message?.ts ?? body.container?.message_ts };
    const person = await whoOf(deps, body.user, card.channelId);
    // A pager click: the queue flow's page, published as the App Home view, or replacing `/settle queue`'s private message.
    if (ref.action === 'page') {
      const replies = body.container?.type === 'message' ? queueMessageReplies((m) => respond(m as never)) : homeReplies(client, body.user.id);
      return void (await onClick(chatOf(deps), { kind: 'click', person, ref }, replies));
    }
    // Notes are private: an ephemeral message in the channel, or a DM from the App Home.
    const whisper = (text: string) =>
      card.channelId
        ? client.chat.postEphemeral({ channel: card.channelId, user: body.user.id, text })
        : client.chat.postMessage({ channel: body.user.id, text });
    await onClick(chatOf(deps), { kind: 'click', person, ref }, slackClickReplies(deps, client, { ref, card, triggerId: body.trigger_id, whisper }));
  });
}

/** A click's replies as Slack calls. */
function slackClickReplies(
  deps: SlackDeps,
  client: webApi.WebClient,
  c: { ref: ActionRef; card: CardRef; triggerId: string; whisper: (text: string) => Promise<unknown> },
): Replies {
  const meta: ModalMeta = { ref: encodeAction(c.ref), channelId: c.card.channelId, messageTs: c.card.messageTs };
  const open = (view: Parameters<webApi.WebClient['views']['open']>[0]['view']) => client.views.open({ trigger_id: c.triggerId, view }).then(() => undefined);
  const render: { [K in Reply['kind']]: (reply: Extract<Reply, { kind: K }>) => Promise<unknown> } = {
    card: (r) => refreshCard(deps, client, r.view, c.card),
    notice: (r) => c.whisper(withGlyph(r, SLACK_GLYPHS)),
    'form-errors': (r) => c.whisper(`${SLACK_GLYPHS.info} ${Object.values(r.errors).join(' ')}`),
    release: (r) => (r.again ? c.whisper(`${SLACK_GLYPHS.info} ${r.text}`) : postRelease(client, r.view, c.card)),
    lifecycle: async (r) => {
      await refreshCard(deps, client, r.view, c.card);
      await c.whisper(`${SLACK_GLYPHS.info} ${r.text}`);
    },
    form: (r) => {
      switch (r.form) {
        case 'edit': return open(buildEditModal(r.view, meta));
        case 'reject': return open(buildRejectModal(r.view, meta));
        case 'full': return open(buildFullMessageModal(r.view));
        case 'answer': return open(buildAnswerModal({ fact: r.fact!, text: r.question ?? r.fact! }, r.view.draft.reply.lang, meta));
        case 'execute': case 'reopen': return open(buildLifecycleModal(r.form, meta));
      }
    },
    // New cards (file-case.ts) and training turns (handle-training.ts) never answer a click.
    'new-card': async () => undefined,
    'training-turn': async () => undefined,
    // Pager clicks are answered on the App Home (homeReplies).
    queue: async () => undefined,
  };
  return { send: async (reply) => void (await (render[reply.kind] as (r: Reply) => Promise<unknown>)(reply)) };
}
