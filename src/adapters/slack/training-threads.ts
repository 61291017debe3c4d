/**
 * Which Slack threads are live training sessions, and whose. Sessions started here are
 * remembered; after a restart a thread is recognised from its parent message (Settle's own
 * opening, whose Give up button names the trainee), read once with `conversations.replies`.
 * Turns in one thread run one at a time in this process, so two quick messages are played in the
 * order they arrived; across processes the store's compare-and-set on the session's turn count
 * (training-service.ts) keeps them from overwriting each other.
 */
import type { webApi } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { Logger } from '../../logger.ts';
import { TRAIN_END_ACTION, decodeTrainRef, type TrainRef } from './render-training.ts';

export interface TrainingThread {
  ref: TrainRef;
  /** The opening's blocks, redrawn without the button at the end. */
  blocks: KnownBlock[];
}

/** Threads remembered at most; the oldest are dropped (and re-read from Slack if needed). */
const MAX_THREADS = 5_000;

export type TrainingThreads = ReturnType<typeof createTrainingThreads>;

export function createTrainingThreads(logger: Logger) {
  /** null: looked up, not a live session. */
  const known = new Map<string, TrainingThread | null>();
  const told = new Set<string>();
  const chains = new Map<string, Promise<unknown>>();
  const keyOf = (channel: string, ts: string) => `${channel}/${ts}`;

  function set(key: string, value: TrainingThread | null): void {
    known.delete(key);
    known.set(key, value);
    // Maps iterate in insertion order: drop the oldest.
    for (const [k] of known) {
      if (known.size <= MAX_THREADS) break;
      known.delete(k);
    }
  }

  return {
    remember(channel: string, ts: string, thread: TrainingThread): void {
      set(keyOf(channel, ts), thread);
    },
    forget(channel: string, ts: string): void {
      set(keyOf(channel, ts), null);
    },
    get(channel: string, ts: string): TrainingThread | undefined {
      return known.get(keyOf(channel, ts)) ?? undefined;
    },

    /** The session in this thread, reading the parent from Slack when not remembered. */
    async lookup(client: webApi.WebClient, channel: string, ts: string): Promise<TrainingThread | undefined> {
      const key = keyOf(channel, ts);
      const cached = known.get(key);
      if (cached !== undefined) return cached ?? undefined;
      let found: TrainingThread | null = null;
      try {
        const res = await client.conversations.replies({ channel, ts, limit: 1 });
        const parent = res.messages?.[0] as { ts?: string; bot_id?: string; blocks?: KnownBlock[] } | undefined;
        if (parent?.ts === ts && parent.bot_id) {
          const button = (parent.blocks ?? []).flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((el) => 'action_id' in el && el.action_id === TRAIN_END_ACTION);
          const ref = decodeTrainRef(button && 'value' in button ? button.value : undefined);
          if (ref) found = { ref, blocks: parent.blocks ?? [] };
        }
      } catch (err) {
        // Missing channels:history / groups:history, or a channel Settle left: not a session it can play.
        logger.warn({ err, channel }, 'could not read a thread parent');
      }
      set(key, found);
      return found ?? undefined;
    },

    /** True the first time `user` speaks in a thread that is not theirs (they are told once). */
    toldOnce(channel: string, ts: string, user: string): boolean {
      const key = `${keyOf(channel, ts)}/${user}`;
      if (told.has(key)) return false;
      if (told.size > MAX_THREADS) told.clear();
      told.add(key);
      return true;
    },

    /** Run `turn` after the thread's previous turns. */
    inTurn(channel: string, ts: string, turn: () => Promise<void>): Promise<void> {
      const key = keyOf(channel, ts);
      const run = (chains.get(key) ?? Promise.resolve()).then(turn);
      const settled = run.catch(() => undefined);
      chains.set(key, settled);
      void settled.then(() => {
        if (chains.get(key) === settled) chains.delete(key);
      });
      return run;
    },
  };
}
