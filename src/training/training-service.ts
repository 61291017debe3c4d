/**
 * Training for chat front ends (Slack, Discord threads): `/settle train [scenario] [lang]` starts
 * a role-play in a thread, every trainee message in that thread is one agent turn, and the end
 * posts the scorecard. State lives in the training tables, so a restart loses no session.
 * Adapters only translate: thread id → `threadKey`, user → `trainee`, text in, text out.
 */
import type { Playbook } from '../core/playbook/schema.ts';
import { UserError } from '../core/errors.ts';
import type { CustomerVoice } from '../core/training/customer-voice.ts';
import { scriptedVoice } from '../core/training/customer-voice.ts';
import { decideScenario } from '../core/training/policy-outcome.ts';
import type { Mood, Scenario } from '../core/training/scenario.ts';
import type { Scorecard } from '../core/training/score-transcript.ts';
import { scoreTranscript } from '../core/training/score-transcript.ts';
import type { Session } from '../core/training/session.ts';
import { agentTurn, startSession } from '../core/training/session.ts';
import type { SwapSession } from '../core/training/swap.ts';
import { swapRoles, swapTurn } from '../core/training/swap.ts';
import type { EndReason } from '../core/training/transcript.ts';
import type { Draft, FactKey, Lang } from '../core/types.ts';
import type { ScenarioLibrary } from './load-scenarios.ts';
import { findScenario, scenariosIn } from './load-scenarios.ts';
import { renderPolicy, renderScorecard } from './render-scorecard.ts';
import type { TrainingStore } from './training-store.ts';
import { newSessionId } from './training-store.ts';

interface PlayState {
  mood: Mood;
  revealed: FactKey[];
}

export interface StartedSession {
  sessionId: string;
  scenario: Scenario;
  /** The customer's first message, to post in the thread. */
  opening: string;
}

export interface TurnOutcome {
  sessionId: string;
  customerReply: string;
  mood: Mood;
  ended: boolean;
  reason?: EndReason;
  scorecard?: Scorecard;
  /** Scorecard and policy-correct resolution as plain text, ready to post. */
  summary?: string;
}

/** What a swap session keeps beside its transcript (the scenario and script are reloaded). */
type SwapState = Pick<SwapSession, 'answers' | 'asked' | 'pending' | 'lastDraft'>;

export interface SwapOutcome {
  sessionId: string;
  /** Settle's reply as the agent. */
  agentReply: string;
  draft?: Draft;
  ended: boolean;
  reason?: EndReason;
}

export interface TrainingServiceDeps {
  store: TrainingStore;
  library: ScenarioLibrary;
  playbook: Playbook;
  voice?: CustomerVoice;
}

/**
 * How often a turn is played again after another turn of the same session was saved first (a
 * second process playing a line of the same thread at the same moment). Each retry reads the
 * session with that turn in it, so a few are plenty; past them the line is refused, not lost
 * silently.
 */
const TURN_ATTEMPTS = 8;

/**
 * Plays `attempt` until its compare-and-set on the session's turn count lands: `undefined`
 * means another turn got there first, so the session is read again and the line played on top.
 */
async function inTurn<T>(attempt: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < TURN_ATTEMPTS; i++) {
    const done = await attempt();
    if (done !== undefined) return done;
  }
  throw new UserError('stale_revision', 'this training session changed while your line was played; send it again');
}

/** Role-play sessions keyed by chat thread. */
export function createTrainingService(deps: TrainingServiceDeps) {
  const { store, library, playbook } = deps;
  const voice = deps.voice ?? scriptedVoice;

  async function load(threadKey: string): Promise<{ id: string; trainee: string; turn: number; session: Session }> {
    const saved = await store.activeInThread(threadKey);
    if (!saved || saved.mode !== 'play' || !saved.scenarioId) throw new UserError('not_found', 'no training session is running in this thread; start one with `train`');
    const scenario = findScenario(library, saved.scenarioId);
    const state = saved.state as PlayState;
    const session: Session = { scenario, policy: decideScenario(scenario, playbook), mood: state.mood, revealed: state.revealed, turns: saved.transcript };
    return { id: saved.id, trainee: saved.trainee, turn: saved.turn ?? 0, session };
  }

  async function loadSwap(threadKey: string): Promise<{ id: string; trainee: string; startedAt: string; turn: number; session: SwapSession }> {
    const saved = await store.activeInThread(threadKey);
    if (!saved || saved.mode !== 'swap') throw new UserError('not_found', 'no role swap is running in this thread; start one with `train swap`');
    const scenario = saved.scenarioId ? findScenario(library, saved.scenarioId) : null;
    const base = swapRoles(scenario, saved.lang as Lang, library.settings);
    const state = saved.state as SwapState;
    return { id: saved.id, trainee: saved.trainee, startedAt: saved.startedAt, turn: saved.turn ?? 0, session: { ...base, ...state, turns: saved.transcript } };
  }

  return {
    /** Role swap in `threadKey`: the trainee writes as the customer, Settle answers with its drafts. */
    async startSwap(input: { threadKey: string; trainee: string; scenarioId?: string; lang?: Lang }, now: Date): Promise<{ sessionId: string; scenario: Scenario | null }> {
      if (await store.activeInThread(input.threadKey)) throw new UserError('invalid_transition', 'a training session is already running in this thread; finish it or send /giveup');
      const scenario = input.scenarioId ? findScenario(library, input.scenarioId) : null;
      const session = swapRoles(scenario, input.lang ?? scenario?.lang ?? 'zh', library.settings);
      const sessionId = newSessionId();
      await store.saveSession({
        id: sessionId, trainee: input.trainee, scenarioId: scenario?.id ?? null, lang: session.lang, mode: 'swap', startedAt: now.toISOString(),
        transcript: [], threadKey: input.threadKey, state: { answers: {}, asked: [] } satisfies SwapState,
      });
      return { sessionId, scenario };
    },

    /** One customer message from the trainee → Settle's drafted reply as the agent. */
    async swapReply(threadKey: string, text: string, now: Date): Promise<SwapOutcome> {
      return inTurn(async () => {
        const { id, trainee, startedAt, turn, session } = await loadSwap(threadKey);
        const r = swapTurn(session, text, now, playbook);
        const s = r.session;
        const saved = await store.saveTurn({
          id, trainee, scenarioId: s.scenario?.id ?? null, lang: s.lang, mode: 'swap', startedAt, transcript: s.turns, threadKey,
          state: { answers: s.answers, asked: s.asked, pending: s.pending, lastDraft: s.lastDraft } satisfies SwapState,
          ...(r.ended ? { endedAt: now.toISOString(), endReason: r.reason } : {}),
        }, turn);
        if (!saved) return undefined;
        return { sessionId: id, agentReply: r.agentReply, ended: Boolean(r.ended), ...(r.draft ? { draft: r.draft } : {}), ...(r.reason ? { reason: r.reason } : {}) };
      });
    },

    /** Scenarios to offer, optionally in one language. */
    list(lang?: Lang): Scenario[] {
      return scenariosIn(library, lang);
    },

    /** Starts a role-play in `threadKey`; without a scenario id, the first of the language not yet played by the trainee. */
    async start(input: { threadKey: string; trainee: string; scenarioId?: string; lang?: Lang }, now: Date): Promise<StartedSession> {
      if (await store.activeInThread(input.threadKey)) throw new UserError('invalid_transition', 'a training session is already running in this thread; finish it or send /giveup');
      const candidates = scenariosIn(library, input.lang);
      const played = new Set((await store.sessions(input.trainee)).map((s) => s.scenarioId));
      const scenario = input.scenarioId
        ? findScenario(library, input.scenarioId)
        : candidates.find((s) => !played.has(s.id)) ?? candidates[0];
      if (!scenario) throw new UserError('not_found', `no scenario in ${input.lang ?? 'any language'}`);
      const session = startSession(scenario, now, playbook);
      const sessionId = newSessionId();
      await store.saveSession({
        id: sessionId, trainee: input.trainee, scenarioId: scenario.id, lang: scenario.lang, mode: 'play', startedAt: now.toISOString(),
        transcript: session.turns, threadKey: input.threadKey, state: { mood: session.mood, revealed: [] } satisfies PlayState,
      });
      return { sessionId, scenario, opening: scenario.opening };
    },

    /** One trainee message in the thread → the customer's answer; at the end, the scorecard. */
    async reply(threadKey: string, text: string, now: Date): Promise<TurnOutcome> {
      return inTurn(async () => {
        const { id, trainee, turn, session } = await load(threadKey);
        const r = agentTurn(session, text, now);
        let turns = r.session.turns;
        let customerReply = r.customerReply;
        if (customerReply) {
          customerReply = await voice.speak({ scenario: session.scenario, transcript: turns.slice(0, -1), scripted: customerReply, mood: r.session.mood, event: r.event });
          turns = [...turns.slice(0, -1), { ...turns[turns.length - 1]!, text: customerReply }];
        }
        const scorecard = r.ended ? scoreTranscript(session.scenario, turns, playbook) : undefined;
        const saved = await store.saveTurn({
          id, trainee, scenarioId: session.scenario.id, lang: session.scenario.lang, mode: 'play', startedAt: session.turns[0]?.at ?? now.toISOString(),
          transcript: turns, threadKey, state: { mood: r.session.mood, revealed: r.session.revealed } satisfies PlayState,
          ...(r.ended ? { endedAt: now.toISOString(), endReason: r.reason, scorecard } : {}),
        }, turn);
        if (!saved) return undefined;
        return {
          sessionId: id, customerReply, mood: r.session.mood, ended: Boolean(r.ended),
          ...(r.reason ? { reason: r.reason } : {}),
          ...(scorecard ? { scorecard, summary: `${renderScorecard(scorecard)}\n${renderPolicy(scorecard)}` } : {}),
        };
      });
    },
  };
}

export type TrainingService = ReturnType<typeof createTrainingService>;
