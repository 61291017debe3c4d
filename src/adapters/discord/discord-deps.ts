/**
 * What every Discord handler needs, and the translations they share: an interaction's member
 * → a desk `Actor` (role decided now, from the member's roles), the interaction → the ids we
 * answer it with, and an error → what the person is told.
 */
import { GuildMember, Locale, type BaseInteraction } from 'discord.js';
import { authorize, NO_CASE, type AccessAction, type AccessDecision, type StaffRole, type Who } from '../../app/access.ts';
import type { Actor, CaseView, Desk } from '../../app/desk.ts';
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
  /** Members holding any of these roles are agents; nobody else is staff (deny by default). */
  agentRoleIds: ReadonlySet<string>;
  /** DISCORD_CASE_CHANNEL_IDS (empty: any channel). */
  caseChannelIds: ReadonlySet<string>;
  /** SETTLE_ACTOR_MAP: `discord:1` → `person:li`. */
  actorMap: ReadonlyMap<string, string>;
  /** Edits refused (over the cap), kept per case and person so the next Edit starts from them. */
  keptEdits: KeptEdits;
  /** `/settle train`; absent when training could not be opened (the command then says so). */
  training?: TrainingService;
}

/** The desk actor for whoever triggered the interaction, with the role decided at this moment. */
export function actorOf(deps: DiscordDeps, interaction: BaseInteraction): Actor {
  return whoOf(deps, interaction).actor;
}

/**
 * The person as the desk (`actor`) and the access table (`who`) see them, from the member's
 * roles in this interaction (a DM has no member, so no roles: not staff). A person who is not
 * staff still gets an actor (role agent) so a refusal can be audited; `authorize` refuses them
 * before any desk call.
 */
export function whoOf(deps: DiscordDeps, interaction: BaseInteraction): { actor: Actor; who: Who } {
  const { user, member } = interaction;
  // In a cached guild discord.js gives a GuildMember; otherwise the raw member with role ids.
  const roleIds = member instanceof GuildMember ? [...member.roles.cache.keys()] : (member?.roles ?? []);
  const role: StaffRole = roleIds.some((id) => deps.supervisorRoleIds.has(id)) ? 'supervisor' : roleIds.some((id) => deps.agentRoleIds.has(id)) ? 'agent' : 'anyone';
  const displayName = (member instanceof GuildMember ? member.displayName : member?.nick) ?? user.globalName ?? user.username;
  const platformId = `discord:${user.id}`;
  const id = deps.actorMap.get(platformId) ?? platformId;
  const channelId = interaction.channelId ?? undefined;
  const inCaseChannel = deps.caseChannelIds.size === 0 || (channelId !== undefined && deps.caseChannelIds.has(channelId));
  return {
    actor: { id, displayName, role: role === 'anyone' ? 'agent' : role, platform: 'discord' },
    who: { id, role, platform: 'discord', inCaseChannel },
  };
}

/**
 * The access check for one command, click or form: a refusal is audited (under the case, or
 * NO_CASE) and logged; the caller tells the person privately (flags 64). A repeat on a decided
 * case is not audited.
 */
export async function checkAccess(deps: DiscordDeps, action: AccessAction, interaction: BaseInteraction, view?: CaseView): Promise<AccessDecision> {
  const subject = whoOf(deps, interaction);
  const decision = authorize(action, subject.who, view, view ? undefined : langOf(interaction));
  if (decision.ok || decision.code === 'already_decided') return decision;
  await deps.desk.recordDenied(view?.id ?? NO_CASE, subject.actor, action, `${decision.code}: ${decision.reason}`, {
    role: subject.who.role, ...(decision.grantKey ? { grantKey: decision.grantKey } : {}),
  });
  deps.logger.info({ caseId: view?.id, actorId: subject.actor.id, action, code: decision.code }, 'discord request refused');
  return decision;
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
