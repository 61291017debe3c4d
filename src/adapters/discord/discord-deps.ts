/**
 * What every Discord handler needs, and the translations they share: an interaction's member
 * → a desk `Actor` (role decided now, from the member's roles), the interaction → the ids we
 * answer it with, and an error → what the person is told.
 */
import { GuildMember, Locale, type BaseInteraction } from 'discord.js';
import type { Actor, Desk } from '../../app/desk.ts';
import { isUserError } from '../../core/errors.ts';
import type { Lang } from '../../core/types.ts';
import type { Logger } from '../../logger.ts';
import type { TrainingService } from '../../training/training-service.ts';
import type { KeptEdits } from './kept-edits.ts';
import type { InteractionRef, Responder } from './respond.ts';

export interface DiscordDeps {
  desk: Desk;
  logger: Logger;
  clock: () => Date;
  respond: Responder;
  /** Members holding any of these roles are supervisors. */
  supervisorRoleIds: ReadonlySet<string>;
  /** Edits refused (over the cap), kept per case and person so the next Edit starts from them. */
  keptEdits: KeptEdits;
  /** `/settle train`; absent when training could not be opened (the command then says so). */
  training?: TrainingService;
}

/** The desk actor for whoever triggered the interaction, with the role decided at this moment. */
export function actorOf(deps: DiscordDeps, interaction: BaseInteraction): Actor {
  const { user, member } = interaction;
  // In a cached guild discord.js gives a GuildMember; otherwise the raw member with role ids.
  const roleIds = member instanceof GuildMember ? [...member.roles.cache.keys()] : (member?.roles ?? []);
  const supervisor = roleIds.some((id) => deps.supervisorRoleIds.has(id));
  const displayName = (member instanceof GuildMember ? member.displayName : member?.nick) ?? user.globalName ?? user.username;
  return { id: `discord:${user.id}`, displayName, role: supervisor ? 'supervisor' : 'agent', platform: 'discord' };
}

export function refOf(interaction: BaseInteraction): InteractionRef {
  return { id: interaction.id, token: interaction.token, applicationId: interaction.applicationId };
}

/** The person's Discord language, for text that belongs to no case (help, queue). */
export function langOf(interaction: BaseInteraction): Lang {
  return interaction.locale === Locale.ChineseCN || interaction.locale === Locale.ChineseTW ? 'zh' : 'en';
}

/**
 * What to tell a person about a failure: a `UserError`'s own polite message, or a generic
 * apology for a crash — which is logged with the case id, never shown as a stack trace.
 */
export function explainError(deps: DiscordDeps, error: unknown, context: { caseId?: string; step: string }): string {
  if (isUserError(error)) return `ℹ️ ${error.message}`;
  deps.logger.error({ err: error, caseId: context.caseId, step: context.step }, 'discord handler failed');
  const ref = context.caseId ? ` (case ${context.caseId})` : '';
  return `⚠️ Sorry, something went wrong${ref}. It has been logged; please try again.`;
}
