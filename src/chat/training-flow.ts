/**
 * The training loop, written once: `/settle train` checks the scenario and opens a session
 * (role-play, or the swap where the trainee writes as the customer); each line the trainee
 * writes in its conversation (a Slack thread reply, a Discord Reply form, a Give up button) is
 * one turn through the training service, answered with a `training-turn` reply that carries the
 * answer and, at the end, the scorecard. Only the trainee plays; anyone else is told privately.
 */
import { GIVE_UP } from '../core/training/session.ts';
import type { Lang } from '../core/types.ts';
import type { Scenario } from '../core/training/scenario.ts';
import type { ChatContext } from './context.ts';
import type { ThreadMessageEvent } from './events.ts';
import { explainError } from './explain-error.ts';
import type { Replies } from './replies.ts';

export type TrainMode = 'play' | 'swap';

/** Who trains, how and in what language: what every platform keeps on its opening message. */
export interface TrainingSession {
  mode: TrainMode;
  lang: Lang;
  /** The trainee's platform user id. */
  userId: string;
}

/** One turn, as the platform shows it. */
export interface TrainingTurnReply {
  kind: 'training-turn';
  session: TrainingSession;
  said: string;
  /** The trainee ended the session (Give up / End): their line is not shown as a turn. */
  gaveUp: boolean;
  /** The customer's answer (play) or Settle's reply as the agent (swap); may be empty at the end. */
  answer: string;
  mood?: string;
  ended: boolean;
  ending?: { reason?: string; sessionId: string; summary?: string };
}

/** Said when `settle start` could not open training (the reason is in the log). */
export const TRAINING_UNAVAILABLE = 'Training is not available here: its scenarios could not be loaded (see the Settle log).';

export interface TrainingRequest {
  scenarioId?: string;
  lang?: Lang;
  swap: boolean;
}

/** Before anything is posted: is training on, and does the scenario exist? */
export function checkTrainingRequest(ctx: ChatContext, req: TrainingRequest, personLang: Lang):
  | { ok: true; lang: Lang; scenario?: Scenario }
  | { ok: false; unavailable: true }
  | { ok: false; unavailable: false; scenarios: Scenario[] } {
  const training = ctx.training;
  if (!training) return { ok: false, unavailable: true };
  const scenario = req.scenarioId ? training.list().find((s) => s.id === req.scenarioId) : undefined;
  if (req.scenarioId && !scenario) return { ok: false, unavailable: false, scenarios: training.list(req.lang) };
  return { ok: true, lang: req.lang ?? scenario?.lang ?? personLang, ...(scenario ? { scenario } : {}) };
}

/**
 * Opens the session under `threadKey` (where its conversation lives); throws what the service
 * refuses. A play session speaks its scenario's language (`req.lang` only picks among them); a
 * swap speaks `swapLang` (checkTrainingRequest's choice).
 */
export async function beginTraining(ctx: ChatContext, req: TrainingRequest & { threadKey: string; trainee: string; userId: string; swapLang: Lang }) {
  const training = ctx.training;
  if (!training) throw new Error('training is not open');
  const now = ctx.clock();
  const ids = req.scenarioId ? { scenarioId: req.scenarioId } : {};
  if (req.swap) {
    const started = await training.startSwap({ threadKey: req.threadKey, trainee: req.trainee, ...ids, lang: req.swapLang }, now);
    const session: TrainingSession = { mode: 'swap', lang: req.swapLang, userId: req.userId };
    ctx.logger.info({ actorId: req.trainee, swap: true, scenarioId: req.scenarioId ?? null }, `${ctx.platform} training started`);
    return { session, scenario: started.scenario, sessionId: started.sessionId, opening: undefined };
  }
  const started = await training.start({ threadKey: req.threadKey, trainee: req.trainee, ...ids, ...(req.lang ? { lang: req.lang } : {}) }, now);
  ctx.logger.info({ actorId: req.trainee, swap: false, scenarioId: req.scenarioId ?? null }, `${ctx.platform} training started`);
  return { session: { mode: 'play', lang: started.scenario.lang, userId: req.userId } satisfies TrainingSession, scenario: started.scenario, sessionId: started.sessionId, opening: started.opening };
}

/** What ends a session of this mode when the trainee gives up. */
export function giveUpLine(mode: TrainMode): string {
  return mode === 'play' ? GIVE_UP : '/end';
}

/** Someone who is not the trainee, told privately. */
export function notYourSession(session: TrainingSession): string {
  return session.lang === 'zh'
    ? `这是 <@${session.userId}> 的培训;用 /settle train 开始你自己的。`
    : `This is <@${session.userId}>'s training session; start your own with /settle train.`;
}

/** One line in a training conversation → one turn; others than the trainee are refused privately. */
export async function onThreadMessage(ctx: ChatContext, event: ThreadMessageEvent, session: TrainingSession, out: Replies): Promise<void> {
  if (event.userId !== session.userId) return void (await out.send({ kind: 'notice', tone: 'refused', code: 'forbidden_author', text: notYourSession(session) }));
  const training = ctx.training;
  if (!training) return void (await out.send({ kind: 'notice', tone: 'info', text: TRAINING_UNAVAILABLE }));
  try {
    await out.busy?.();
    const now = ctx.clock();
    const gaveUp = event.text === giveUpLine(session.mode);
    const turn: TrainingTurnReply = session.mode === 'play'
      ? await training.reply(event.threadKey, event.text, now).then((r) => ({
        kind: 'training-turn', session, said: event.text, gaveUp, answer: r.customerReply, mood: r.mood, ended: r.ended,
        ...(r.ended ? { ending: { reason: r.reason, sessionId: r.sessionId, summary: r.summary } } : {}),
      }))
      : await Promise.resolve(training.swapReply(event.threadKey, event.text, now)).then((r) => ({
        kind: 'training-turn', session, said: event.text, gaveUp, answer: r.agentReply, ended: r.ended,
        ...(r.ended ? { ending: { reason: r.reason, sessionId: r.sessionId } } : {}),
      }));
    await out.send(turn);
    if (turn.ended) ctx.logger.info({ sessionId: turn.ending?.sessionId, reason: turn.ending?.reason }, `${ctx.platform} training ended`);
  } catch (error) {
    await out.send(explainError(ctx, error, { step: 'train-turn' })).catch(() => undefined);
  }
}
