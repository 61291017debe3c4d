/**
 * One interaction being answered: remembers whether Discord has had its first response, so an
 * error can always be told to the person the right way — as the first (ephemeral) reply, or as
 * an ephemeral follow-up once something was already sent.
 */
import type { APIMessage, APIModalInteractionResponseCallbackData, BaseInteraction } from 'discord.js';
import { explainError, refOf, type DiscordDeps } from './discord-deps.ts';
import type { InteractionRef, MessageBody } from './respond.ts';

export class InteractionSession {
  readonly ref: InteractionRef;
  private acknowledged = false;
  /** When the interaction reached this process (performance.now), for the ack latency. */
  private readonly receivedAt = performance.now();

  constructor(private readonly deps: DiscordDeps, interaction: BaseInteraction) {
    this.ref = refOf(interaction);
  }

  get answered(): boolean {
    return this.acknowledged;
  }

  private async first(send: () => Promise<unknown>): Promise<void> {
    if (this.acknowledged) throw new Error('interaction already acknowledged');
    this.acknowledged = true;
    await send();
    this.deps.onAck?.((performance.now() - this.receivedAt) / 1000);
  }

  deferReply(ephemeral: boolean): Promise<void> {
    return this.first(() => this.deps.respond.deferReply(this.ref, ephemeral));
  }

  deferUpdate(): Promise<void> {
    return this.first(() => this.deps.respond.deferUpdate(this.ref));
  }

  update(message: MessageBody): Promise<void> {
    return this.first(() => this.deps.respond.update(this.ref, message));
  }

  showModal(modal: APIModalInteractionResponseCallbackData): Promise<void> {
    return this.first(() => this.deps.respond.showModal(this.ref, modal));
  }

  /** First response or follow-up, whichever is due. */
  async send(message: MessageBody, ephemeral: boolean): Promise<void> {
    if (this.acknowledged) {
      await this.deps.respond.followUp(this.ref, message, ephemeral);
      return;
    }
    await this.first(() => this.deps.respond.reply(this.ref, message, ephemeral));
  }

  /** Several pages: the first as the reply (or follow-up), the rest as follow-ups, in order. */
  async sendPages(pages: MessageBody[], ephemeral: boolean): Promise<void> {
    for (const page of pages) await this.send(page, ephemeral);
  }

  editOriginal(message: MessageBody): Promise<APIMessage> {
    return this.deps.respond.editOriginal(this.ref, message);
  }

  /** Tells the person what went wrong, privately; never throws (a failure here is only logged). */
  async fail(error: unknown, context: { caseId?: string; step: string }): Promise<void> {
    const text = explainError(this.deps, error, context);
    await this.send({ content: text }, true).catch((e: unknown) => {
      this.deps.logger.warn({ err: e, caseId: context.caseId, step: context.step }, 'could not tell the user about a failure');
    });
  }
}
