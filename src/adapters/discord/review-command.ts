/**
 * `/settle review` on Discord, translated (the flow is src/chat/review-flow.ts): `rating` and
 * `text` (or, without text, a form: rating, text, order) file a review — its card is the
 * public answer, Approve on it sends the private message; `case` with `step` (`unanswered`,
 * `answered phone consent`, `solved`, `sms`, `public`) moves a filed review on, answered privately.
 */
import { TextInputStyle, type BaseInteraction, type ChatInputCommandInteraction, type ModalSubmitInteraction } from 'discord.js';
import { LabelBuilder, ModalBuilder, TextInputBuilder } from 'discord.js';
import { onReview, onReviewStep, parseReviewCommand } from '../../chat/review-flow.ts';
import { MAX_MESSAGE_CHARS } from '../../core/errors.ts';
import { chatOf, whoOf, type DiscordDeps } from './discord-deps.ts';
import { discordReplies } from './discord-replies.ts';
import { permitted } from './handle-command.ts';
import { InteractionSession } from './interaction-session.ts';
import { DISCORD_LIMITS } from './limits.ts';

export const REVIEW_MODAL_PREFIX = 'settle:review:';

function field(id: string, label: string, style: TextInputStyle, max: number, required: boolean, value?: string): LabelBuilder {
  const input = new TextInputBuilder().setCustomId(id).setStyle(style).setRequired(required).setMaxLength(Math.min(max, DISCORD_LIMITS.inputValue));
  if (value) input.setValue(value.slice(0, Math.min(max, DISCORD_LIMITS.inputValue)));
  return new LabelBuilder().setLabel(label).setTextInputComponent(input);
}

/** The review form: rating 1–5, the review's words, the order (optional). */
export function renderReviewModal(rating?: string, order?: string) {
  return new ModalBuilder().setCustomId(`${REVIEW_MODAL_PREFIX}form`).setTitle('Negative review').addLabelComponents([
    field('rating', 'Rating (1–5 stars)', TextInputStyle.Short, 1, true, rating),
    field('text', 'Review text', TextInputStyle.Paragraph, MAX_MESSAGE_CHARS, true),
    field('order', 'Order id (optional)', TextInputStyle.Short, 64, false, order),
  ]).toJSON();
}

async function run(deps: DiscordDeps, session: InteractionSession, i: BaseInteraction, words: string): Promise<void> {
  const parsed = parseReviewCommand(words);
  const person = whoOf(deps, i);
  const channelId = i.channelId ?? '';
  if (parsed.kind === 'error' || parsed.kind === 'modal') return session.send({ content: `ℹ️ ${parsed.kind === 'error' ? parsed.message.replace(/\breview /g, '/settle review ') : 'Give a rating and the text, or a case and a step.'}` }, true);
  if (parsed.kind === 'step') {
    return onReviewStep(chatOf(deps), { kind: 'review-step', person, caseId: parsed.caseId, move: parsed.move }, discordReplies(deps, session, person.actor, { privately: true }));
  }
  if (!(await permitted(deps, session, i, 'file'))) return;
  const event = { kind: 'review' as const, person, rating: parsed.rating, text: parsed.text, ...(parsed.orderId ? { orderId: parsed.orderId } : {}), ...(parsed.lang ? { lang: parsed.lang } : {}), channel: { platform: 'discord' as const, channelId } };
  await onReview(chatOf(deps), event, discordReplies(deps, session, person.actor, { filing: { channelId } }));
}

/** `/settle review rating:1 text:… order:…`, `/settle review case:c3 step:unanswered`, or the form. */
export async function handleReviewCommand(deps: DiscordDeps, session: InteractionSession, i: ChatInputCommandInteraction): Promise<void> {
  const get = (name: string) => i.options.getString(name)?.trim() ?? '';
  const caseId = get('case');
  if (caseId) return run(deps, session, i, `${caseId} ${get('step')}`);
  const text = get('text');
  if (!text || text.length > 1_000) {
    if (!(await permitted(deps, session, i, 'file'))) return;
    return session.showModal(renderReviewModal(get('rating') || undefined, get('order') || undefined));
  }
  const order = get('order');
  return run(deps, session, i, `${get('rating')}${order ? ` order:${order}` : ''} ${text}`);
}

/** The review form was submitted. */
export async function handleReviewModal(deps: DiscordDeps, i: ModalSubmitInteraction): Promise<void> {
  const session = new InteractionSession(deps, i);
  try {
    const value = (id: string) => i.fields.getTextInputValue(id).trim();
    const order = (() => {
      try {
        return value('order');
      } catch {
        return '';
      }
    })();
    await run(deps, session, i, `${value('rating')}${order ? ` order:${order}` : ''} ${value('text')}`);
  } catch (error) {
    await session.fail(error, { step: 'review-modal' });
  }
}
