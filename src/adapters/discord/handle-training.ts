/**
 * `/settle train` on Discord. Settle runs with the Guilds intent only, so it never receives
 * the messages people type in a channel or thread (that needs the privileged Message Content
 * intent). A training session therefore runs on interactions: the command posts the scenario
 * and the customer's opening with a **Reply** button; Reply opens a modal for the trainee's
 * next line; each submission posts that line and the customer's answer with fresh buttons;
 * **Give up** (or the end of the conversation) posts the scorecard. The buttons carry the
 * session key, so the conversation survives restarts (the service saves every turn).
 */
import type { ButtonInteraction, ChatInputCommandInteraction, ModalSubmitInteraction } from 'discord.js';
import { GIVE_UP } from '../../core/training/session.ts';
import { LANGS, type Lang } from '../../core/types.ts';
import type { TrainingService } from '../../training/training-service.ts';
import { actorOf, explainError, langOf, type DiscordDeps } from './discord-deps.ts';
import type { InteractionSession } from './interaction-session.ts';
import {
  TRAIN_FIELD, TRAIN_LABELS, decodeTrainId, renderEnding, renderPlayStart, renderScenarioList, renderSwapStart, renderTrainModal, renderTurn, threadKeyOf,
  type TrainRef,
} from './render-training.ts';

/** Said when `settle start` could not open training (the reason is in the log). */
const UNAVAILABLE = 'ℹ️ Training is not available here: its scenarios could not be loaded (see the Settle log).';

/** `/settle train [scenario] [lang] [swap]`: checks the scenario, then posts the opening publicly. */
export async function startTraining(deps: DiscordDeps, session: InteractionSession, i: ChatInputCommandInteraction): Promise<void> {
  const training = deps.training;
  if (!training) return session.send({ content: UNAVAILABLE }, true);
  const scenarioId = i.options.getString('scenario')?.trim() || undefined;
  const langOption = i.options.getString('lang');
  const lang = (LANGS as readonly string[]).includes(langOption ?? '') ? (langOption as Lang) : undefined;
  // Read loosely: a boolean option, but never let a client's odd payload crash the command.
  const swap = i.options.get('swap')?.value === true;
  const known = training.list();
  const scenario = scenarioId ? known.find((s) => s.id === scenarioId) : undefined;
  if (scenarioId && !scenario) {
    const text = langOf(i) === 'zh' ? `ℹ️ 没有场景 \`${scenarioId}\`。可选:` : `ℹ️ There is no scenario \`${scenarioId}\`. Pick one of these:`;
    return session.send({ content: text, embeds: [renderScenarioList(training.list(lang), langOf(i))] }, true);
  }
  await session.deferReply(false);
  const actor = actorOf(deps, i);
  const now = deps.clock();
  const base = { key: i.id, userId: i.user.id };
  try {
    if (swap) {
      const sessionLang = lang ?? scenario?.lang ?? langOf(i);
      const started = await training.startSwap({ threadKey: threadKeyOf(base), trainee: actor.id, ...(scenarioId ? { scenarioId } : {}), lang: sessionLang }, now);
      await session.editOriginal(renderSwapStart(started.scenario, { ...base, mode: 'swap', lang: sessionLang }, started.sessionId));
    } else {
      const started = await training.start({ threadKey: threadKeyOf(base), trainee: actor.id, ...(scenarioId ? { scenarioId } : {}), ...(lang ? { lang } : {}) }, now);
      await session.editOriginal(renderPlayStart(started.scenario, { ...base, mode: 'play', lang: started.scenario.lang }, started.sessionId));
    }
    deps.logger.info({ actorId: actor.id, swap, scenarioId: scenarioId ?? null }, 'discord training started');
  } catch (error) {
    const text = explainError(deps, error, { step: 'train-start' });
    await session.editOriginal({ content: text }).catch((e: unknown) => deps.logger.warn({ err: e }, 'could not report a training start failure'));
  }
}

/** Reply (opens the modal) or Give up / End on a training message. */
export async function handleTrainingButton(deps: DiscordDeps, session: InteractionSession, i: ButtonInteraction): Promise<void> {
  const ref = await ownRef(deps, session, i);
  if (!ref) return;
  if (ref.verb === 'reply') return session.showModal(renderTrainModal(ref));
  if (ref.verb === 'end') return takeTurn(deps, session, ref, ref.mode === 'play' ? GIVE_UP : '/end');
  return undefined;
}

/** The trainee's line from the modal: one turn. */
export async function handleTrainingModal(deps: DiscordDeps, session: InteractionSession, i: ModalSubmitInteraction): Promise<void> {
  const ref = await ownRef(deps, session, i);
  if (!ref) return;
  const text = i.fields.getTextInputValue(TRAIN_FIELD).trim();
  if (!text) return session.send({ content: ref.lang === 'zh' ? 'ℹ️ 回复是空的,没有发送。' : 'ℹ️ The reply was empty; nothing was sent.' }, true);
  return takeTurn(deps, session, ref, text);
}

/** The decoded id when the clicker is the trainee; otherwise explains privately and returns null. */
async function ownRef(deps: DiscordDeps, session: InteractionSession, i: ButtonInteraction | ModalSubmitInteraction): Promise<TrainRef | null> {
  const ref = decodeTrainId(i.customId);
  if (!ref) {
    await session.send({ content: 'ℹ️ This training button is no longer in use. Start a session with /settle train.' }, true);
    return null;
  }
  if (!deps.training) {
    await session.send({ content: UNAVAILABLE }, true);
    return null;
  }
  if (ref.userId !== i.user.id) {
    const text = ref.lang === 'zh' ? `⛔ 这是 <@${ref.userId}> 的培训;用 /settle train 开始你自己的。` : `⛔ This is <@${ref.userId}>'s training session; start your own with /settle train.`;
    await session.send({ content: text }, true);
    return null;
  }
  return ref;
}

/**
 * One turn through the service, then: the old buttons removed (one live Reply at a time), the
 * turn posted with new buttons, and at the end the scorecard. A refusal (session already over)
 * is explained privately and leaves the message as it was.
 */
async function takeTurn(deps: DiscordDeps, session: InteractionSession, ref: TrainRef, text: string): Promise<void> {
  const training = deps.training as TrainingService;
  await session.deferUpdate();
  const threadKey = threadKeyOf(ref);
  const now = deps.clock();
  const turn = ref.mode === 'play'
    ? await training.reply(threadKey, text, now).then((r) => ({ ...r, answer: r.customerReply, answerBy: `${TRAIN_LABELS.customer[ref.lang]} [${r.mood}]` }))
    : await Promise.resolve(training.swapReply(threadKey, text, now)).then((r) => ({ ...r, answer: r.agentReply, answerBy: TRAIN_LABELS.settleAgent[ref.lang], summary: undefined }));
  await session.editOriginal({ components: [] });
  const gaveUp = text === GIVE_UP || text === '/end';
  if (!gaveUp) await session.send(renderTurn({ ref, said: text, answerBy: turn.answerBy, answer: turn.answer, ended: turn.ended }), false);
  if (turn.ended) {
    await session.sendPages(renderEnding(ref.lang, turn.reason, turn.sessionId, turn.summary), false);
    deps.logger.info({ sessionId: turn.sessionId, reason: turn.reason, total: 'scorecard' in turn ? turn.scorecard?.total : undefined }, 'discord training ended');
  }
}
