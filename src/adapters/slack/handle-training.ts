/**
 * `/settle train [scenario] [zh|en] [swap]` in Slack, translated. The loop itself is
 * src/chat/training-flow.ts; here: the brief and the customer's opening are posted in the
 * channel and the session lives in that message's thread. Every message the trainee writes in
 * the thread arrives as a `message` event (Events API, `message.channels` / `message.groups`)
 * and is one turn; the answer, and at the end the scorecard, are posted in the thread. Others in
 * the thread are told once, privately, that only the trainee plays. Repeated deliveries never
 * reach this file (once.ts drops them by `event_id`).
 */
import type { App, BlockAction, ButtonAction, webApi } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { withGlyph } from '../../chat/explain-error.ts';
import type { Replies } from '../../chat/replies.ts';
import { beginTraining, checkTrainingRequest, giveUpLine, notYourSession, onThreadMessage, TRAINING_UNAVAILABLE as UNAVAILABLE } from '../../chat/training-flow.ts';
import type { TrainCommand } from './parse-command.ts';
import { TRAIN_END_ACTION, renderAnswer, renderEnding, renderPlaceholder, renderPlayStart, renderScenarioList, renderSwapStart, threadKeyOf, withoutButton } from './render-training.ts';
import { chatOf, explainError, SLACK_GLYPHS, type SlackDeps } from './slack-deps.ts';
import { createTrainingThreads, type TrainingThreads } from './training-threads.ts';

/** Said when `settle start` could not open training (the reason is in the log). */
export const TRAINING_UNAVAILABLE = `${SLACK_GLYPHS.info} ${UNAVAILABLE}`;

type Say = (text: string) => Promise<unknown>;

/** The command: checks the scenario, posts a placeholder (its ts is the thread), starts, draws the opening. */
export async function startTraining(deps: SlackDeps, threads: TrainingThreads, client: webApi.WebClient, input: { parsed: TrainCommand; userId: string; channel: string; whisper: Say }): Promise<void> {
  const { parsed, userId, channel } = input;
  const ctx = chatOf(deps);
  const request = { ...(parsed.scenarioId ? { scenarioId: parsed.scenarioId } : {}), ...(parsed.lang ? { lang: parsed.lang } : {}), swap: parsed.swap };
  const checked = checkTrainingRequest(ctx, request, 'en');
  if (!checked.ok) return void (await input.whisper(checked.unavailable ? TRAINING_UNAVAILABLE : renderScenarioList(checked.scenarios, parsed.lang ?? 'en', parsed.scenarioId)));
  let posted: { ts?: string } | undefined;
  try {
    posted = await client.chat.postMessage({ channel, ...renderPlaceholder(checked.lang) });
    const ts = posted.ts as string;
    const started = await beginTraining(ctx, { ...request, threadKey: threadKeyOf(channel, ts), trainee: `slack:${userId}`, userId, swapLang: checked.lang });
    const message = started.session.mode === 'swap' ? renderSwapStart(started.scenario, started.session, started.sessionId) : renderPlayStart(started.scenario!, started.session, started.sessionId);
    threads.remember(channel, ts, { ref: started.session, blocks: message.blocks });
    await client.chat.update({ channel, ts, ...message });
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
    const { user, thread_ts: threadTs } = e;
    // Others in the thread are told once, privately, in the thread.
    if (session.ref.userId !== user && !threads.toldOnce(e.channel, threadTs, user)) return;
    const whisper = (text: string) => client.chat.postEphemeral({ channel: e.channel, user, thread_ts: threadTs, text }).catch((err: unknown) => deps.logger.warn({ err }, 'could not post a training note'));
    await threads.inTurn(e.channel, threadTs, () => turn(deps, threads, client, { channel: e.channel, threadTs, userId: user, text: e.text as string, whisper }));
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
    if (session.ref.userId !== body.user.id) return void (await whisper(`${SLACK_GLYPHS.refused} ${notYourSession(session.ref)}`));
    await threads.inTurn(channel, ts, () => turn(deps, threads, client, { channel, threadTs: ts, userId: body.user.id, text: giveUpLine(session.ref.mode), whisper }));
  });
  return threads;
}

/** One line through the chat layer; its replies in the thread; at the end the scorecard, the button gone. */
async function turn(deps: SlackDeps, threads: TrainingThreads, client: webApi.WebClient, input: { channel: string; threadTs: string; userId: string; text: string; whisper: Say }): Promise<void> {
  const { channel, threadTs } = input;
  const session = threads.get(channel, threadTs);
  if (!session) return;
  const inThread = (text: string) => client.chat.postMessage({ channel, thread_ts: threadTs, text });
  const replies: Replies = {
    send: async (reply) => {
      if (reply.kind === 'notice') {
        await (reply.tone === 'refused' ? input.whisper(withGlyph(reply, SLACK_GLYPHS)) : inThread(withGlyph(reply, SLACK_GLYPHS)));
        return;
      }
      if (reply.kind !== 'training-turn') return;
      if (!reply.gaveUp && reply.answer) await inThread(renderAnswer(session.ref, reply.answer, reply.mood));
      if (!reply.ending) return;
      threads.forget(channel, threadTs);
      for (const chunk of renderEnding(session.ref.lang, reply.ending.reason, reply.ending.sessionId, reply.ending.summary)) await inThread(chunk);
      await client.chat.update({ channel, ts: threadTs, text: session.ref.lang === 'zh' ? '🎓 培训已结束' : '🎓 Training finished', blocks: withoutButton(session.blocks as KnownBlock[]) })
        .catch((err: unknown) => deps.logger.warn({ err }, 'could not remove the Give up button'));
    },
  };
  await onThreadMessage(chatOf(deps), { kind: 'thread-message', userId: input.userId, threadKey: threadKeyOf(channel, threadTs), text: input.text }, session.ref, replies);
}
