/**
 * `/settle review …` and its modal, translated (the flow is src/chat/review-flow.ts): a rating
 * and text file a review — its card posted like a case's (Approve sends the private message), the
 * summary in the card's thread; `review c3 unanswered|answered|solved|sms|public` moves it on,
 * said in the card's thread; refusals are private.
 */
import type { App, ViewSubmitAction, webApi } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { CaseView } from '../../app/desk.ts';
import { withGlyph } from '../../chat/explain-error.ts';
import type { Person } from '../../chat/events.ts';
import type { Replies } from '../../chat/replies.ts';
import { onReview, onReviewStep, parseReviewCommand, REVIEW_USAGE } from '../../chat/review-flow.ts';
import { buildCaseCard } from './blocks/case-card.ts';
import { SLACK_LIMITS as L } from './blocks/limits.ts';
import { decodeMeta, encodeMeta } from './blocks/modals.ts';
import { fitEscaped, plain } from './blocks/mrkdwn.ts';
import { chatOf, checkAccess, SLACK_GLYPHS, whoOf, type SlackDeps } from './slack-deps.ts';

export const REVIEW_CALLBACK = 'settle_review';

/** The review form: rating 1–5, the review's words, the order (optional). */
export function buildReviewModal(channelId: string): ModalView {
  return {
    type: 'modal', callback_id: REVIEW_CALLBACK, title: plain('Negative review', L.modalTitle), submit: plain('Analyse', L.modalTitle), close: plain('Cancel', L.modalTitle),
    private_metadata: encodeMeta({ channelId }),
    blocks: [
      {
        type: 'input', block_id: 'rating', label: plain('Rating', L.inputLabel),
        element: { type: 'static_select', action_id: 'value', placeholder: plain('Stars', 150), options: ['1', '2', '3', '4', '5'].map((n) => ({ text: plain(`${n} ★`, 75), value: n })) },
      },
      { type: 'input', block_id: 'text', label: plain('Review text', L.inputLabel), element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: L.plainTextInput, placeholder: plain('Paste the review', 150) } },
      { type: 'input', block_id: 'order', optional: true, label: plain('Order id', L.inputLabel), element: { type: 'plain_text_input', action_id: 'value', max_length: 100 } },
    ],
  };
}

type Whisper = (text: string) => Promise<unknown>;

/** The review flow's replies: the card posted, what was done said in its thread, notes private. */
function reviewReplies(deps: SlackDeps, client: webApi.WebClient, channelId: string, whisper: Whisper): Replies {
  const thread = async (view: CaseView, text: string) => {
    const ch = view.channel?.platform === 'slack' ? view.channel : undefined;
    if (!ch?.messageId) return void (await whisper(`${SLACK_GLYPHS.info} ${text}`));
    await client.chat.postMessage({ channel: ch.channelId, thread_ts: ch.messageId, text: fitEscaped(text, L.messageText), unfurl_links: false });
  };
  return {
    send: async (reply) => {
      if (reply.kind === 'notice') return void (await whisper(withGlyph(reply, SLACK_GLYPHS)));
      if (reply.kind === 'new-card') {
        const card = buildCaseCard(reply.view, deps.timeZone);
        const posted = await client.chat.postMessage({ channel: channelId, text: card.text, blocks: card.blocks, unfurl_links: false });
        return { platform: 'slack', channelId, ...(posted.ts ? { messageId: posted.ts } : {}) };
      }
      if (reply.kind === 'lifecycle') {
        // The view a filing answers with was read before the card's location was saved.
        const view = reply.view.channel?.messageId ? reply.view : await deps.desk.get(reply.view.id);
        return void (await thread(view, reply.text));
      }
      return undefined;
    },
  };
}

/** Files a review or moves one on, after the ack. */
async function runReview(deps: SlackDeps, client: webApi.WebClient, person: Person, text: string, channelId: string, whisper: Whisper): Promise<void> {
  const parsed = parseReviewCommand(text);
  const target = deps.approvalsChannel ?? channelId;
  const out = reviewReplies(deps, client, target, whisper);
  if (parsed.kind === 'error') return void (await whisper(`${SLACK_GLYPHS.info} ${parsed.message.replace(/\breview /g, '/settle review ')}`));
  if (parsed.kind === 'step') return onReviewStep(chatOf(deps), { kind: 'review-step', person, caseId: parsed.caseId, move: parsed.move }, out);
  if (parsed.kind === 'file') {
    await deps.work.serial(() => onReview(chatOf(deps), { kind: 'review', person, rating: parsed.rating, text: parsed.text, ...(parsed.orderId ? { orderId: parsed.orderId } : {}), ...(parsed.lang ? { lang: parsed.lang } : {}), channel: { platform: 'slack', channelId: target } }, out));
  }
}

/** `/settle review [...]`: the modal when nothing follows, else the flow in the background. */
export async function handleReviewCommand(
  deps: SlackDeps, client: webApi.WebClient,
  command: { text: string; user_id: string; user_name: string; channel_id: string; trigger_id: string },
  ack: (response?: { response_type: 'ephemeral'; text: string }) => Promise<void>,
  whisper: Whisper,
): Promise<void> {
  const rest = command.text.trim().replace(/^\S+\s*/, '');
  const user = { id: command.user_id, name: command.user_name };
  if (rest === '') {
    await ack();
    const person = await whoOf(deps, user, command.channel_id);
    const access = await checkAccess(deps, 'file', person);
    if (!access.ok) return void (await whisper(`:no_entry: ${access.reason}.`));
    await client.views.open({ trigger_id: command.trigger_id, view: buildReviewModal(command.channel_id) });
    return;
  }
  await ack({ response_type: 'ephemeral', text: /^(?:c|#)\d+\b/i.test(rest) ? 'Working on the review…' : 'Analysing the review…' });
  deps.work.background(async () => {
    if (!(await deps.desk.claimDelivery(`t:${command.trigger_id}`))) return;
    await runReview(deps, client, await whoOf(deps, user, command.channel_id), rest, command.channel_id, whisper);
  });
}

/** The review modal's submission: a rating must be picked and text given (Slack enforces both). */
export function registerReviewViews(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(REVIEW_CALLBACK, async ({ ack, body, view, client }) => {
    const value = (block: string) => {
      const v = view.state.values[block]?.value;
      return (v?.selected_option?.value ?? v?.value ?? '').trim();
    };
    const rating = value('rating');
    const text = value('text');
    if (!/^[1-5]$/.test(rating)) return void (await ack({ response_action: 'errors', errors: { rating: 'Pick 1 to 5 stars.' } }));
    if (!text) return void (await ack({ response_action: 'errors', errors: { text: "Paste the review's words." } }));
    await ack();
    deps.work.background(async () => {
      if (!(await deps.desk.claimDelivery(`v:${body.view.id}`))) return;
      const channelId = decodeMeta(view.private_metadata).channelId ?? body.user.id;
      const whisper = (t: string) => client.chat.postEphemeral({ channel: channelId, user: body.user.id, text: t }).catch(() => client.chat.postMessage({ channel: body.user.id, text: t }));
      const order = value('order');
      await runReview(deps, client, await whoOf(deps, body.user, channelId), `${rating}${order ? ` order:${order}` : ''} ${text}`, channelId, whisper);
    });
  });
}

export const REVIEW_HELP = `• \`/settle review\` — a negative review: a form (rating, text, order), or typed: ${REVIEW_USAGE.replace(/\breview /g, '/settle review ')}.`;
