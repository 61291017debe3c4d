/**
 * How the adapter answers Discord: interaction callbacks, edits of the original response,
 * follow-ups. Bodies are built here, typed with discord-api-types, and sent through the
 * client's REST manager (so rate limits and retries stay discord.js's). We do not use
 * `interaction.reply()`/`editReply()`: they add keys (`tts`, `enforce_nonce`) that Discord's
 * published schema for these routes does not have; our bodies are exactly the schema.
 *
 * Timing (Discord's rules): the first callback must arrive within 3 s and only once; a modal
 * can only be a first response; the token then stays valid for 15 minutes of edits/follow-ups.
 */
import {
  InteractionResponseType,
  MessageFlags,
  Routes,
  type APIEmbed,
  type APIMessage,
  type APIMessageTopLevelComponent,
  type APIModalInteractionResponseCallbackData,
  type REST,
  type RESTPostAPIInteractionCallbackJSONBody,
} from 'discord.js';

/** The parts of an interaction needed to answer it. */
export interface InteractionRef {
  id: string;
  token: string;
  applicationId: string;
}

/** What a message shows: at least one of content, embeds, components. */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
}

/** Mentions in our text are for display only: never ping anyone. */
const NO_PINGS = { parse: [] as never[] };

export class Responder {
  constructor(private readonly rest: REST) {}

  private callback(i: InteractionRef, body: RESTPostAPIInteractionCallbackJSONBody): Promise<unknown> {
    return this.rest.post(Routes.interactionCallback(i.id, i.token), { body, auth: false });
  }

  /** "Settle is thinking…": buys 15 minutes for slow work. Ephemeral when only the actor should see it. */
  deferReply(i: InteractionRef, ephemeral: boolean): Promise<unknown> {
    return this.callback(i, { type: InteractionResponseType.DeferredChannelMessageWithSource, data: ephemeral ? { flags: MessageFlags.Ephemeral } : {} });
  }

  /** An immediate reply (help, refusals). */
  reply(i: InteractionRef, message: MessageBody, ephemeral: boolean): Promise<unknown> {
    return this.callback(i, {
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { ...message, allowed_mentions: NO_PINGS, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) },
    });
  }

  /** Acknowledges a click or modal on a message; the message is edited afterwards. */
  deferUpdate(i: InteractionRef): Promise<unknown> {
    return this.callback(i, { type: InteractionResponseType.DeferredMessageUpdate });
  }

  /** Replaces the message a clicked button is on, as the first response. */
  update(i: InteractionRef, message: MessageBody): Promise<unknown> {
    return this.callback(i, { type: InteractionResponseType.UpdateMessage, data: { ...message, allowed_mentions: NO_PINGS } });
  }

  /** Opens a modal; only valid as the first response to a command or a click. */
  showModal(i: InteractionRef, modal: APIModalInteractionResponseCallbackData): Promise<unknown> {
    return this.callback(i, { type: InteractionResponseType.Modal, data: modal });
  }

  /** Edits the original response (after deferReply) or the clicked message (after deferUpdate). */
  editOriginal(i: InteractionRef, message: MessageBody): Promise<APIMessage> {
    return this.rest.patch(Routes.webhookMessage(i.applicationId, i.token, '@original'), {
      body: { ...message, allowed_mentions: NO_PINGS },
      auth: false,
    }) as Promise<APIMessage>;
  }

  /** A further message in the interaction's channel, public or ephemeral. */
  followUp(i: InteractionRef, message: MessageBody, ephemeral: boolean): Promise<APIMessage> {
    return this.rest.post(Routes.webhook(i.applicationId, i.token), {
      body: { ...message, allowed_mentions: NO_PINGS, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) },
      query: new URLSearchParams({ wait: 'true' }),
      auth: false,
    }) as Promise<APIMessage>;
  }
}
