/**
 * What a chat platform tells Settle, in platform-neutral form. Each adapter turns its payloads
 * (a Slack block action, a Discord interaction, a console line) into one of these and hands it to
 * a flow in this folder; nothing here knows an SDK (lint forbids it).
 */
import type { Who } from '../app/access.ts';
import type { Actor, ChannelRef } from '../app/desk.ts';
import type { ActionRef } from '../adapters/shared/action-id.ts';
import type { FactKey, Lang } from '../core/types.ts';
import type { QueueEvent } from './queue-flow.ts';

export type { ActionRef, CardAction } from '../adapters/shared/action-id.ts';
export type { QueueEvent } from './queue-flow.ts';

/** The person acting, as the desk (`actor`) and the access table (`who`) see them now. */
export interface Person {
  actor: Actor;
  who: Who;
}

/** A slash command or typed line that files a case (`/settle …`, `/settle case`, a console line). */
export interface CommandEvent {
  kind: 'command';
  person: Person;
  message: string;
  orderId?: string;
  lang?: Lang;
  /** Facts given with the case (the Slack form's `name: value` lines), in contract form. */
  facts?: Partial<Record<FactKey, boolean | number | string>>;
  /** Where the card will be posted (the desk remembers it, so other front ends can redraw it). */
  channel?: ChannelRef;
  /**
   * The platform's id of this delivery (Slack's trigger or view id, Discord's interaction id). The
   * flow claims it in the store before anything else, so the same delivery replayed — after a
   * restart, or to another Settle process on the same store — files nothing.
   */
  deliveryId?: string;
}

/** A button on a case card (or its console equivalent: a typed `/approve c3`). */
export interface ClickEvent {
  kind: 'click';
  person: Person;
  ref: ActionRef;
}

/** The forms a case card opens (execute and reopen: on a released case, lifecycle-card.ts). */
export const FORMS = ['edit', 'reject', 'answer', 'execute', 'reopen'] as const;
export type FormName = (typeof FORMS)[number];

/**
 * A submitted form: its fields by the neutral names in `FIELDS` (forms.ts). A field that is
 * absent (`undefined`) was not on the form and stays as it was.
 */
export interface FormSubmitEvent {
  kind: 'form';
  person: Person;
  form: FormName;
  ref: ActionRef;
  fields: Readonly<Record<string, string | undefined>>;
}

/** A line a trainee wrote in a training conversation (a thread reply, a Reply form, Give up). */
export interface ThreadMessageEvent {
  kind: 'thread-message';
  /** The platform user id that wrote it (compared with the session's trainee). */
  userId: string;
  threadKey: string;
  text: string;
}

export type ChatEvent = CommandEvent | ClickEvent | FormSubmitEvent | ThreadMessageEvent | QueueEvent;
