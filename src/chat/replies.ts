/**
 * What a flow answers, in platform-neutral form. Each adapter renders these: Block Kit and
 * `chat.update` in Slack, embeds and interaction callbacks in Discord, text in the console.
 * Replies are sent in order through `Replies.send`, so an adapter keeps its platform's timing
 * rules (Discord's single first response, Slack's modal ack) in one place.
 */
import type { CaseView, ChannelRef } from '../app/desk.ts';
import type { ErrorCode } from '../core/errors.ts';
import type { FactKey } from '../core/types.ts';
import type { FormName } from './events.ts';
import type { QueueReply } from './queue-flow.ts';
import type { TrainingTurnReply } from './training-flow.ts';

/** `info` (ℹ), `refused` (⛔), `warning` (⚠: a crash, logged). */
export type Tone = 'info' | 'refused' | 'warning';

/** A private note to the person who acted. `text` is a whole sentence, without a glyph. */
export interface Notice {
  kind: 'notice';
  tone: Tone;
  text: string;
  code?: ErrorCode | 'repeat';
  /** For `stale_revision`: the revision the person saw and the current one. */
  revisions?: { seen: number; current: number };
}

export type Reply =
  /** The case card, redrawn where it was clicked (or where the desk says it lives). */
  | { kind: 'card'; view: CaseView }
  /** A newly filed case's card, posted; the sink answers where it landed. */
  | { kind: 'new-card'; view: CaseView }
  /** Open a form for this case (edit, reject, answer) or show its full message. */
  | { kind: 'form'; form: FormName | 'full'; view: CaseView; fact?: FactKey; question?: string }
  /** A submitted form that was not accepted: messages by field (FIELDS names); nothing saved. */
  | { kind: 'form-errors'; form: FormName; errors: Record<string, string>; fields: Readonly<Record<string, string | undefined>>; view?: CaseView; code: ErrorCode }
  | Notice
  /** The released reply, for the agent to send (`again`: a repeat click, nothing sent twice). */
  | { kind: 'release'; view: CaseView; again: boolean; text: string }
  /** A lifecycle move made (lifecycle-flow.ts): the case after it, and what was done in a sentence. */
  | { kind: 'lifecycle'; view: CaseView; text: string }
  /** One turn of a training conversation (training-flow.ts). */
  | TrainingTurnReply
  /** One page of the queue (queue-flow.ts). */
  | QueueReply;

/** Where a flow sends its replies; implemented once per platform. */
export interface Replies {
  /** Slow work is about to start (Discord defers its first response; others need nothing). */
  busy?(): Promise<void>;
  /** Sends one reply; for `new-card`, resolves with where the card was posted (if known). */
  send(reply: Reply): Promise<ChannelRef | void>;
}

/** The glyph each platform puts before a notice. */
export type ToneGlyphs = Record<Tone, string>;
