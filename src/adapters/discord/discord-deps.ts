/**
 * What every Discord handler needs, and its translations into the chat layer (src/chat): an
 * interaction's member → a person (role decided now, from the member's roles), the interaction
 * → the ids we answer it with, notices → Discord text.
 */
import { GuildMember, Locale, type BaseInteraction } from 'discord.js';
import type { AccessAction, AccessDecision, StaffRole } from '../../app/access.ts';
import type { Actor, CaseView, Desk } from '../../app/desk.ts';
import type { ChatContext } from '../../chat/context.ts';
import type { Person } from '../../chat/events.ts';
import { explainError as explainChatError, withGlyph } from '../../chat/explain-error.ts';
import { checkAccess as checkChatAccess, personOf } from '../../chat/people.ts';
import type { ToneGlyphs } from '../../chat/replies.ts';
import type { Lang } from '../../core/types.ts';
import type { Logger } from '../../logger.ts';
import type { TrainingService } from '../../training/training-service.ts';
import { QUEUE_PAGE_SIZE } from './render-pages.ts';
import type { InteractionRef, Responder } from './respond.ts';

export interface DiscordDeps {
  desk: Desk;
  logger: Logger;
  clock: () => Date;
  respond: Responder;
  /** Told how long an interaction took to get its first callback, in seconds (ops metrics). */
  onAck?: (seconds: number) => void;
  /** Members holding any of these roles are supervisors. */
  supervisorRoleIds: ReadonlySet<string>;
  /** Members holding any of these roles are agents; nobody else is staff (deny by default). */
  agentRoleIds: ReadonlySet<string>;
  /** DISCORD_CASE_CHANNEL_IDS (empty: any channel). */
  caseChannelIds: ReadonlySet<string>;
  /** SETTLE_ACTOR_MAP: `discord:1` → `person:li`. */
  actorMap: ReadonlyMap<string, string>;
  /** `/settle train`; absent when training could not be opened (the command then says so). */
  training?: TrainingService;
}

/** The chat layer's context for Discord. */
export function chatOf(deps: DiscordDeps): ChatContext {
  return { desk: deps.desk, logger: deps.logger, clock: deps.clock, platform: 'discord', queuePageSize: QUEUE_PAGE_SIZE, ...(deps.training ? { training: deps.training } : {}) };
}

/** A notice as Discord shows it. */
export const DISCORD_GLYPHS: ToneGlyphs = { info: 'ℹ️', refused: '⛔', warning: '⚠️' };

/** The desk actor for whoever triggered the interaction, with the role decided at this moment. */
export function actorOf(deps: DiscordDeps, interaction: BaseInteraction): Actor {
  return whoOf(deps, interaction).actor;
}

/**
 * The person as the desk and the access table see them, from the member's roles in this
 * interaction (a DM has no member, so no roles: not staff); SETTLE_ACTOR_MAP applied.
 */
export function whoOf(deps: DiscordDeps, interaction: BaseInteraction): Person {
  const { user, member } = interaction;
  // In a cached guild discord.js gives a GuildMember; otherwise the raw member with role ids.
  const roleIds = member instanceof GuildMember ? [...member.roles.cache.keys()] : (member?.roles ?? []);
  const role: StaffRole = roleIds.some((id) => deps.supervisorRoleIds.has(id)) ? 'supervisor' : roleIds.some((id) => deps.agentRoleIds.has(id)) ? 'agent' : 'anyone';
  const displayName = (member instanceof GuildMember ? member.displayName : member?.nick) ?? user.globalName ?? user.username;
  const channelId = interaction.channelId ?? undefined;
  const inCaseChannel = deps.caseChannelIds.size === 0 || (channelId !== undefined && deps.caseChannelIds.has(channelId));
  return personOf({ platform: 'discord', userId: user.id, displayName, role, inCaseChannel }, deps.actorMap);
}

/** The shared access check (chat/people.ts) for a command, click or form; the caller tells the person (flags 64). */
export function checkAccess(deps: DiscordDeps, action: AccessAction, interaction: BaseInteraction, view?: CaseView): Promise<AccessDecision> {
  return checkChatAccess(chatOf(deps), action, whoOf(deps, interaction), view, view ? undefined : langOf(interaction));
}

export function refOf(interaction: BaseInteraction): InteractionRef {
  return { id: interaction.id, token: interaction.token, applicationId: interaction.applicationId };
}

/** The person's Discord language, for text that belongs to no case (help, queue). */
export function langOf(interaction: BaseInteraction): Lang {
  return interaction.locale === Locale.ChineseCN || interaction.locale === Locale.ChineseTW ? 'zh' : 'en';
}

/** What to tell a person about a failure (chat/explain-error.ts), with Discord's glyph. */
export function explainError(deps: DiscordDeps, error: unknown, context: { caseId?: string; step: string }): string {
  return withGlyph(explainChatError(chatOf(deps), error, context), DISCORD_GLYPHS);
}
