/**
 * `/settle case | queue | help | train`, and filing a case from the command or its modal. Slow work
 * (drafting) is always behind a deferred reply, so Discord's 3-second limit is never at risk.
 */
import type { BaseInteraction, ChatInputCommandInteraction, ModalSubmitInteraction } from 'discord.js';
import type { Lang } from '../../core/types.ts';
import { LANGS } from '../../core/types.ts';
import type { AccessAction } from '../../app/access.ts';
import { onCommand } from '../../chat/file-flow.ts';
import { onQueue } from '../../chat/queue-flow.ts';
import { chatOf, checkAccess, langOf, whoOf, type DiscordDeps } from './discord-deps.ts';
import { discordReplies } from './discord-replies.ts';
import { InteractionSession } from './interaction-session.ts';
import { MESSAGE_OPTION_MAX } from './command-definition.ts';
import { startTraining } from './handle-training.ts';
import { handleReviewCommand } from './review-command.ts';
import { CASE_MODAL_PREFIX, FIELD, renderCaseModal } from './render-modals.ts';
import { renderHelp } from './render-pages.ts';
import { renderScenarioList } from './render-training.ts';

export async function handleCommand(deps: DiscordDeps, i: ChatInputCommandInteraction): Promise<void> {
  const session = new InteractionSession(deps, i);
  const sub = i.options.getSubcommand(false);
  try {
    if (sub === 'help') return await session.send(helpFor(deps, langOf(i)), true);
    if (sub === 'queue') {
      const person = whoOf(deps, i);
      return await onQueue(chatOf(deps), { kind: 'queue', person, page: 0, lang: langOf(i) }, discordReplies(deps, session, person.actor, { privately: true, lang: langOf(i) }));
    }
    if (sub === 'train' || sub === 'case') {
      if (!(await permitted(deps, session, i, sub === 'train' ? 'training' : 'file'))) return undefined;
    }
    if (sub === 'train') return await startTraining(deps, session, i);
    if (sub === 'review') return await handleReviewCommand(deps, session, i);
    if (sub === 'case') return await startCase(deps, session, i);
    await session.send({ content: `Unknown subcommand: ${sub ?? '(none)'}. Try /settle help.` }, true);
  } catch (error) {
    await session.fail(error, { step: `command:${sub ?? '?'}` });
  }
}

/** The access check for a command or form without a case; a refusal is told privately (and audited). */
export async function permitted(deps: DiscordDeps, session: InteractionSession, i: BaseInteraction, action: AccessAction): Promise<boolean> {
  const decision = await checkAccess(deps, action, i);
  if (decision.ok) return true;
  await session.send({ content: `⛔ ${decision.reason}.${action === 'file' ? ' Nothing was filed.' : ''}` }, true);
  return false;
}

async function startCase(deps: DiscordDeps, session: InteractionSession, i: ChatInputCommandInteraction): Promise<void> {
  const message = i.options.getString('message') ?? undefined;
  const orderId = i.options.getString('order') ?? undefined;
  const lang = parseLang(i.options.getString('lang'));
  // No message, or more than fits a command option: the agent pastes it in a multi-line form.
  if (!message?.trim() || message.length > MESSAGE_OPTION_MAX) {
    await session.showModal(renderCaseModal(lang, orderId, message));
    return;
  }
  await fileCase(deps, session, i, { message, orderId, lang });
}

/** The new-case modal was submitted. */
export async function handleCaseModal(deps: DiscordDeps, i: ModalSubmitInteraction): Promise<void> {
  const session = new InteractionSession(deps, i);
  try {
    // Roles may have changed while the form was open.
    if (!(await permitted(deps, session, i, 'file'))) return;
    const lang = parseLang(i.customId.slice(CASE_MODAL_PREFIX.length));
    const orderId = i.fields.getTextInputValue(FIELD.order).trim() || undefined;
    await fileCase(deps, session, i, { message: i.fields.getTextInputValue(FIELD.message), orderId, lang });
  } catch (error) {
    await session.fail(error, { step: 'case-modal' });
  }
}

/** Files through the chat layer (src/chat/file-flow.ts): a public deferral, the card, where it is. */
async function fileCase(deps: DiscordDeps, session: InteractionSession, i: BaseInteraction, input: { message: string; orderId?: string; lang?: Lang }): Promise<void> {
  const person = whoOf(deps, i);
  const channelId = i.channelId ?? '';
  const event = { kind: 'command' as const, person, message: input.message, ...(input.orderId ? { orderId: input.orderId } : {}), ...(input.lang ? { lang: input.lang } : {}), channel: { platform: 'discord' as const, channelId }, deliveryId: `d:${i.id}` };
  await onCommand(chatOf(deps), event, discordReplies(deps, session, person.actor, { filing: { channelId } }));
}

/** Help, and the training scenarios when training is on. */
function helpFor(deps: DiscordDeps, lang: Lang) {
  const help = renderHelp(lang);
  return deps.training ? { ...help, embeds: [renderScenarioList(deps.training.list(), lang)] } : help;
}

function parseLang(value: string | null | undefined): Lang | undefined {
  return (LANGS as readonly string[]).includes(value ?? '') ? (value as Lang) : undefined;
}
