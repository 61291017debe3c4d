/**
 * The interaction callback as Discord treats it: one per interaction, within 3 seconds of the
 * dispatch; a message, a deferred "thinking" message, an update of the clicked message, or a
 * modal — which may not answer a modal.
 */
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  type APIMessage,
  type APIModalInteractionResponseCallbackData,
} from 'discord.js';
import { DiscordError } from './fake-http.ts';
import { createMessage, editMessage, type MessageBody } from './fake-messages.ts';
import type { InteractionState, RecordedCall } from './fake-rest.ts';
import { toUser, type FakeWorld } from './fake-world.ts';

/** Discord's limit on the first response to an interaction. */
export const CALLBACK_DEADLINE_MS = 3_000;

function store(ctx: { messages: Map<string, APIMessage> }, m: APIMessage): APIMessage {
  ctx.messages.set(m.id, m);
  return m;
}

export function answerCallback(c: RecordedCall, state: InteractionState | undefined, ctx: { world: FakeWorld; messages: Map<string, APIMessage> }): { status: number; body?: unknown } {
  if (!state || state.payload.token !== c.params.interaction_token) throw new DiscordError(404, 10062, 'Unknown interaction');
  if (state.response) throw new DiscordError(400, 40060, 'Interaction has already been acknowledged.');
  if (Date.now() - state.createdAt > CALLBACK_DEADLINE_MS) throw new DiscordError(404, 10062, 'Unknown interaction');
  const body = c.body as { type: InteractionResponseType; data?: MessageBody & Record<string, unknown> };
  const p = state.payload;
  const fromMessage = p.type === InteractionType.MessageComponent || (p.type === InteractionType.ModalSubmit && p.message);
  const author = toUser(ctx.world.bot, true);
  switch (body.type) {
    case InteractionResponseType.ChannelMessageWithSource:
    case InteractionResponseType.DeferredChannelMessageWithSource: {
      const loading = body.type === InteractionResponseType.DeferredChannelMessageWithSource ? MessageFlags.Loading : 0;
      const type = p.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default;
      const m = createMessage(p.channel?.id ?? p.channel_id ?? '', author, loading ? { flags: body.data?.flags ?? 0 } : body.data ?? {}, { applicationId: ctx.world.applicationId, type, flags: loading });
      state.originalMessageId = store(ctx, m).id;
      break;
    }
    case InteractionResponseType.DeferredMessageUpdate:
    case InteractionResponseType.UpdateMessage: {
      if (!fromMessage || !p.message) throw new DiscordError(400, 40004, 'Interaction has no message to update');
      state.originalMessageId = p.message.id;
      const current = ctx.messages.get(p.message.id);
      if (!current) throw new DiscordError(404, 10008, 'Unknown Message');
      if (body.type === InteractionResponseType.UpdateMessage) store(ctx, editMessage(current, body.data ?? {}));
      break;
    }
    case InteractionResponseType.Modal:
      if (p.type === InteractionType.ModalSubmit || p.type === InteractionType.Ping) throw new DiscordError(400, 50035, 'Invalid Form Body: a modal cannot answer a modal');
      state.modal = body.data as unknown as APIModalInteractionResponseCallbackData;
      break;
    default:
      throw new DiscordError(400, 50035, `Invalid Form Body: callback type ${String(body.type)} not valid here`);
  }
  state.response = { type: body.type, at: Date.now() };
  if (c.query.with_response === 'true') {
    return { status: 200, body: { interaction: { id: p.id, type: p.type, response_message_id: state.originalMessageId }, resource: { type: body.type, message: state.originalMessageId ? ctx.messages.get(state.originalMessageId) : undefined } } };
  }
  return { status: 204 };
}
