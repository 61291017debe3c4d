/**
 * `/settle train [scenario] [zh|en] [swap]` in Slack. Settle posts the brief and the customer's
 * opening line in the channel; the session lives in that message's thread. Every message the
 * trainee writes in the thread arrives as a `message` event (Events API, `message.channels` /
 * `message.groups`) and is one turn; Settle answers in the thread, and at the end posts the
 * scorecard. Others in the thread are told once, privately, that only the trainee plays.
 * Repeated deliveries never reach this file (once.ts drops them by `event_id`).
 */
import type { App, BlockAction, ButtonAction, webApi } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { GIVE_UP } from '../../core/training/session.ts';
import type { Lang } from '../../core/types.ts';
import type { TrainingService } from '../../training/training-service.ts';
import type { TrainCommand } from './parse-command.ts';
import {
  TRAIN_END_ACTION, renderAnswer, renderEnding, renderPlaceholder, renderPlayStart, renderScenarioList, renderSwapStart, threadKeyOf,
  withoutButton, type TrainRef,
} from './render-training.ts';
import { explainError, type SlackDeps } from './slack-deps.ts';
import { createTrainingThreads, type TrainingThreads } from './training-threads.ts';

/** Said when `settle start` could not open training (the reason is in the log). */
export const TRAINING_UNAVAILABLE = ':information_source: Training is not available here: its scenarios could not be loaded (see the Settle log).';

type Say = (text: string) => Promise<unknown>;

/** The command: checks the scenario, posts a placeholder (its ts is the thread), starts, draws the opening. */
export async function startTraining(deps: SlackDeps, threads: TrainingThreads, client: webApi.WebClient, input: { parsed: TrainCommand; userId: string; channel: string; whisper: Say }): Promise<void> {
  const training = deps.training;
  if (!training) return void (await input.whisper(TRAINING_UNAVAILABLE));
  const { parsed, userId, channel } = input;
  const scenario = parsed.scenarioId ? training.list().find((s) => s.id === parsed.scenarioId) : undefined;
  if (parsed.scenarioId && !scenario) return void (await input.whisper(renderScenarioList(training.list(parsed.lang), parsed.lang ?? 'en', parsed.scenarioId)));
  const lang: Lang = parsed.lang ?? scenario?.lang ?? 'en';
  const trainee = `slack:${userId}`;
  const now = deps.clock();
  let posted: { ts?: string } | undefined;
  try {
    posted = await client.chat.postMessage({ channel, ...renderPlaceholder(lang) });
    const ts = posted.ts as string;
    const threadKey = threadKeyOf(channel, ts);
    const ids = parsed.scenarioId ? { scenarioId: parsed.scenarioId } : {};
    let message: { text: string; blocks: KnownBlock[] };
    let ref: TrainRef;
    if (parsed.swap) {
      ref = { mode: 'swap', lang, userId };
      const started = await training.startSwap({ threadKey, trainee, ...ids, lang }, now);
      message = renderSwapStart(started.scenario, ref, started.sessionId);
    } else {
      const started = await training.start({ threadKey, trainee, ...ids, ...(parsed.lang ? { lang: parsed.lang } : {}) }, now);
      ref = { mode: 'play', lang: started.scenario.lang, userId };
      message = renderPlayStart(started.scenario, ref, started.sessionId);
    }
    threads.remember(channel, ts, { ref, blocks: message.blocks });
    await client.chat.update({ channel, ts, ...message });
    deps.logger.info({ actorId: trainee, swap: parsed.swap, scenarioId: parsed.scenarioId ?? null }, 'slack training started');
  } catch (error) {
    const text = explainError(deps, error, { step: 'train-start' });
    // The placeholder says what happened; without one (post failed), the person is told privately.
    const shown = posted?.ts ? client.chat.update({ channel, ts: posted.ts, text, blocks: [] }) : input.whisper(text);
    await shown.catch((e: unknown) => deps.logger.warn({ err: e }, 'could not report a training start failure'));
  }
}

/** Thread messages and the Give up button. */
export function registerTraining(app: App, deps: SlackDeps, threads: TrainingThreads = createTrainingThreads(deps.logger)): TrainingThreads {
  app.event('message', async ({ event, client }) => {
    const e = event as { subtype?: string; bot_id?: string; user?: string; text?: string; channel: string; ts: string; thread_ts?: string };
    // Only people's messages in a thread (also "send to channel" too), not the parent, edits, joins or any bot's posts.
    if ((e.subtype !== undefined && e.subtype !== 'thread_broadcast') || e.bot_id || !e.user || !e.thread_ts || e.thread_ts === e.ts || !e.text?.trim()) return;
    if (!deps.training) return;
    const session = await threads.lookup(client, e.channel, e.thread_ts);
    if (!session) return;
    if (session.ref.userId !== e.user) {
      if (!threads.toldOnce(e.channel, e.thread_ts, e.user)) return;
      const text = session.ref.lang === 'zh' ? `这是 <@${session.ref.userId}> 的培训,只有 TA 的回复会被计入;用 \`/settle train\` 开始你自己的。` : `This is <@${session.ref.userId}>'s training session; only their replies play. Start your own with \`/settle train\`.`;
      await client.chat.postEphemeral({ channel: e.channel, user: e.user, thread_ts: e.thread_ts, text }).catch((err: unknown) => deps.logger.warn({ err }, 'could not post a training note'));
      return;
    }
    await threads.inTurn(e.channel, e.thread_ts, () => takeTurn(deps, threads, client, { channel: e.channel, threadTs: e.thread_ts as string, text: e.text as string }));
  });

  app.action<BlockAction<ButtonAction>>(TRAIN_END_ACTION, async ({ body, ack, client }) => {
    await ack();
    const channel = body.channel?.id;
    const ts = body.message?.ts ?? body.container?.message_ts;
    if (!channel || !ts || !deps.training) return;
    // Who trains is read from Settle's own opening (remembered, or its parent in Slack), not from the click.
    const session = await threads.lookup(client, channel, ts);
    const whisper = (text: string) => client.chat.postEphemeral({ channel, user: body.user.id, text }).catch(() => undefined);
    if (!session) return void (await whisper(':information_source: This training session is over; start a new one with `/settle train`.'));
    const { ref } = session;
    if (ref.userId !== body.user.id) {
      return void (await whisper(ref.lang === 'zh' ? `⛔ 这是 <@${ref.userId}> 的培训;用 \`/settle train\` 开始你自己的。` : `:no_entry: This is <@${ref.userId}>'s training session; start your own with \`/settle train\`.`));
    }
    await threads.inTurn(channel, ts, () => takeTurn(deps, threads, client, { channel, threadTs: ts, text: ref.mode === 'play' ? GIVE_UP : '/end' }));
  });
  return threads;
}

/** One turn through the service; the answer in the thread; at the end the scorecard, the button gone. */
async function takeTurn(deps: SlackDeps, threads: TrainingThreads, client: webApi.WebClient, input: { channel: string; threadTs: string; text: string }): Promise<void> {
  const training = deps.training as TrainingService;
  const { channel, threadTs, text } = input;
  const session = threads.get(channel, threadTs);
  if (!session) return;
  const { ref } = session;
  const threadKey = threadKeyOf(channel, threadTs);
  const inThread = (t: string) => client.chat.postMessage({ channel, thread_ts: threadTs, text: t });
  try {
    const now = deps.clock();
    const turn = ref.mode === 'play'
      ? await training.reply(threadKey, text, now).then((r) => ({ ...r, answer: renderAnswer(ref, r.customerReply, r.mood), hasAnswer: Boolean(r.customerReply) }))
      : await Promise.resolve(training.swapReply(threadKey, text, now)).then((r) => ({ ...r, answer: renderAnswer(ref, r.agentReply), hasAnswer: Boolean(r.agentReply), summary: undefined }));
    const gaveUp = text === GIVE_UP || text === '/end';
    if (!gaveUp && turn.hasAnswer) await inThread(turn.answer);
    if (!turn.ended) return;
    threads.forget(channel, threadTs);
    for (const chunk of renderEnding(ref.lang, turn.reason, turn.sessionId, turn.summary)) await inThread(chunk);
    await client.chat.update({ channel, ts: threadTs, text: ref.lang === 'zh' ? '🎓 培训已结束' : '🎓 Training finished', blocks: withoutButton(session.blocks) })
      .catch((err: unknown) => deps.logger.warn({ err }, 'could not remove the Give up button'));
    deps.logger.info({ sessionId: turn.sessionId, reason: turn.reason, total: 'scorecard' in turn ? turn.scorecard?.total : undefined }, 'slack training ended');
  } catch (error) {
    await inThread(explainError(deps, error, { step: 'train-turn' })).catch(() => undefined);
  }
}
