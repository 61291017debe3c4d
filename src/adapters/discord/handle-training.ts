/**
 * `/settle train` on Discord, translated (the loop is src/chat/training-flow.ts). Settle runs with the Guilds intent only, so it never receives
 * the messages people type in a channel or thread (that needs the privileged Message Content
 * intent). A training session therefore runs on interactions: the command posts the scenario
 * and the customer's opening with a **Reply** button; Reply opens a modal for the trainee's
 * next line; each submission posts that line and the customer's answer with fresh buttons;
 * **Give up** (or the end of the conversation) posts the scorecard. The buttons carry the
 * session key, so the conversation survives restarts (the service saves every turn).
 */
import type { ButtonInteraction, ChatInputCommandInteraction, ModalSubmitInteraction } from 'discord.js';
import { withGlyph } from '../../chat/explain-error.ts';
import type { Replies } from '../../chat/replies.ts';
import { beginTraining, checkTrainingRequest, giveUpLine, onThreadMessage, TRAINING_UNAVAILABLE } from '../../chat/training-flow.ts';
import { LANGS, type Lang } from '../../core/types.ts';
import { actorOf, chatOf, DISCORD_GLYPHS, explainError, langOf, type DiscordDeps } from './discord-deps.ts';
import type { InteractionSession } from './interaction-session.ts';
import {
  TRAIN_FIELD, TRAIN_LABELS, decodeTrainId, renderEnding, renderPlayStart, renderScenarioList, renderSwapStart, renderTrainModal, renderTurn, threadKeyOf,
  type TrainRef,
} from './render-training.ts';

/** Said when `settle start` could not open training (the reason is in the log). */
const UNAVAILABLE = `${DISCORD_GLYPHS.info} ${TRAINING_UNAVAILABLE}`;

/** `/settle train [scenario] [lang] [swap]`: checks the scenario, then posts the opening publicly. */
export async function startTraining(deps: DiscordDeps, session: InteractionSession, i: ChatInputCommandInteraction): Promise<void> {
  const ctx = chatOf(deps);
  const scenarioId = i.options.getString('scenario')?.trim() || undefined;
  const langOption = i.options.getString('lang');
  const lang = (LANGS as readonly string[]).includes(langOption ?? '') ? (langOption as Lang) : undefined;
  // Read loosely: a boolean option, but never let a client's odd payload crash the command.
  const request = { ...(scenarioId ? { scenarioId } : {}), ...(lang ? { lang } : {}), swap: i.options.get('swap')?.value === true };
  const checked = checkTrainingRequest(ctx, request, langOf(i));
  if (!checked.ok && checked.unavailable) return session.send({ content: UNAVAILABLE }, true);
  if (!checked.ok) {
    const text = langOf(i) === 'zh' ? `ℹ️ 没有场景 \`${scenarioId}\`。可选:` : `ℹ️ There is no scenario \`${scenarioId}\`. Pick one of these:`;
    return session.send({ content: text, embeds: [renderScenarioList(checked.scenarios, langOf(i))] }, true);
  }
  await session.deferReply(false);
  const base = { key: i.id, userId: i.user.id };
  try {
    const started = await beginTraining(ctx, { ...request, threadKey: threadKeyOf(base), trainee: actorOf(deps, i).id, userId: i.user.id, swapLang: checked.lang });
    const ref = { ...base, mode: started.session.mode, lang: started.session.lang };
    await session.editOriginal(started.session.mode === 'swap' ? renderSwapStart(started.scenario, ref, started.sessionId) : renderPlayStart(started.scenario!, ref, started.sessionId));
  } catch (error) {
    const text = explainError(deps, error, { step: 'train-start' });
    await session.editOriginal({ content: text }).catch((e: unknown) => deps.logger.warn({ err: e }, 'could not report a training start failure'));
  }
}

/** Reply (opens the modal) or Give up / End on a training message. */
export async function handleTrainingButton(deps: DiscordDeps, session: InteractionSession, i: ButtonInteraction): Promise<void> {
  const ref = await knownRef(deps, session, i);
  if (!ref || (ref.verb !== 'reply' && ref.verb !== 'end')) return;
  // Only the trainee opens the Reply form; anyone else is refused by the chat layer.
  if (ref.verb === 'reply' && ref.userId === i.user.id) return session.showModal(renderTrainModal(ref));
  return turn(deps, session, ref, i.user.id, ref.verb === 'end' ? giveUpLine(ref.mode) : '');
}

/** The trainee's line from the modal: one turn. */
export async function handleTrainingModal(deps: DiscordDeps, session: InteractionSession, i: ModalSubmitInteraction): Promise<void> {
  const ref = await knownRef(deps, session, i);
  if (!ref) return;
  const text = i.fields.getTextInputValue(TRAIN_FIELD).trim();
  if (!text && ref.userId === i.user.id) return session.send({ content: ref.lang === 'zh' ? 'ℹ️ 回复是空的,没有发送。' : 'ℹ️ The reply was empty; nothing was sent.' }, true);
  return turn(deps, session, ref, i.user.id, text);
}

/** The decoded id of a training button or form; otherwise explains privately and returns null. */
async function knownRef(deps: DiscordDeps, session: InteractionSession, i: ButtonInteraction | ModalSubmitInteraction): Promise<TrainRef | null> {
  const ref = decodeTrainId(i.customId);
  if (!ref) {
    await session.send({ content: 'ℹ️ This training button is no longer in use. Start a session with /settle train.' }, true);
    return null;
  }
  if (!deps.training) {
    await session.send({ content: UNAVAILABLE }, true);
    return null;
  }
  return ref;
}

/**
 * One line through the chat layer, then: the old buttons removed (one live Reply at a time), the
 * turn posted with new buttons, and at the end the scorecard. A refusal (not the trainee, the
 * session already over) is explained privately and leaves the message as it was.
 */
async function turn(deps: DiscordDeps, session: InteractionSession, ref: TrainRef, userId: string, text: string): Promise<void> {
  const replies: Replies = {
    busy: () => session.deferUpdate(),
    send: async (reply) => {
      if (reply.kind === 'notice') return session.send({ content: withGlyph(reply, DISCORD_GLYPHS) }, true);
      if (reply.kind !== 'training-turn') return undefined;
      await session.editOriginal({ components: [] });
      const answerBy = ref.mode === 'play' ? `${TRAIN_LABELS.customer[ref.lang]} [${reply.mood}]` : TRAIN_LABELS.settleAgent[ref.lang];
      if (!reply.gaveUp) await session.send(renderTurn({ ref, said: text, answerBy, answer: reply.answer, ended: reply.ended }), false);
      if (reply.ending) await session.sendPages(renderEnding(ref.lang, reply.ending.reason, reply.ending.sessionId, reply.ending.summary), false);
      return undefined;
    },
  };
  await onThreadMessage(chatOf(deps), { kind: 'thread-message', userId, threadKey: threadKeyOf(ref), text }, { mode: ref.mode, lang: ref.lang, userId: ref.userId }, replies);
}
