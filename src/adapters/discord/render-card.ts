/**
 * A case card on Discord: the shared card model (present-case.ts) rendered as one embed plus
 * button rows. Approve / Edit / Reject (and "Show full message" when the complaint was cut)
 * on the first row, the open questions as buttons on up to four more; nothing once decided.
 * Every limit is respected by cutting text, never by failing.
 */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, type APIEmbed } from 'discord.js';
import type { CaseView } from '../../app/desk.ts';
import { lifecycleButtons, lifecycleSummary } from '../../chat/lifecycle-card.ts';
import { UI, encodeAction, presentCase, truncate, type CardModel, type QuestionModel } from '../shared/present-case.ts';
import { DISCORD_LIMITS, fitEmbed } from './limits.ts';
import type { MessageBody } from './respond.ts';

/** Characters of the customer's message on the card; the rest is behind "Show full message". */
export const CARD_PREVIEW_CHARS = 900;

const COLOURS: Record<CaseView['status'], number> = { drafted: 0xf0b232, approved: 0x5865f2, released: 0x23a55a, rejected: 0xda373c };

/** `discord:123` → `<@123>` (a mention renders as the member's name; we never ping). */
export function mentionOf(actorId: string): string {
  return actorId.startsWith('discord:') ? `<@${actorId.slice('discord:'.length)}>` : actorId.replace(/^[a-z]+:/, '');
}

/** The whole card message for a case as it is now. */
export function renderCard(view: CaseView): MessageBody {
  const card = presentCase(view, { previewChars: CARD_PREVIEW_CHARS, nameOf: mentionOf });
  return { embeds: [renderEmbed(card, lifecycleSummary(view))], components: [...renderButtons(card), ...lifecycleRows(view)].map((row) => row.toJSON()) };
}

function renderEmbed(card: CardModel, lifecycle: string[]): APIEmbed {
  const { lang } = card;
  const fields: NonNullable<APIEmbed['fields']> = [];
  const customer = card.messageTruncated ? `${card.messagePreview}\n*(${UI.showFull[lang]} ↓)*` : card.messagePreview;
  fields.push({ name: UI.customerSaid[lang], value: quote(customer) });
  if (card.orderLine) fields.push({ name: UI.order[lang], value: card.orderLine, inline: true });
  const offers = card.offers.length ? card.offers.map((o) => `• ${o.text}`).join('\n') : UI.noOffers[lang];
  fields.push({ name: card.offersHeading, value: offers });
  fields.push({ name: UI.postage[lang], value: card.postage, inline: true });
  if (card.rules.length) fields.push({ name: UI.rules[lang], value: card.rules.join(', '), inline: true });
  if (card.questions.length) {
    fields.push({ name: UI.questions[lang], value: card.questions.map((q, i) => `**${i + 1}.** ${q.text}`).join('\n') });
  }
  for (const notice of card.notices) fields.push({ name: '⚠️', value: notice });
  if (card.decision) fields.push({ name: '✅', value: card.decision });
  const [head, ...rest] = lifecycle;
  if (head) fields.push({ name: head, value: rest.join('\n') || '—' });
  const embed = fitEmbed({
    title: card.title,
    description: `**${card.replyHeading}**\n${card.reply}`,
    color: COLOURS[card.status],
    fields,
    footer: { text: `${UI.caseLabel[lang]} ${card.caseId} · rev ${card.revision}` },
  });
  // The builder re-validates what we fitted: a bug here throws in tests, not in a channel.
  return new EmbedBuilder(embed).toJSON();
}

function renderButtons(card: CardModel): ActionRowBuilder<ButtonBuilder>[] {
  const { lang, caseId, revision } = card;
  if (!card.actions.approve && !card.actions.edit && !card.actions.reject) return [];
  const main = new ActionRowBuilder<ButtonBuilder>();
  if (card.actions.approve) main.addComponents(button(encodeAction({ action: 'approve', caseId, revision }), UI.approve[lang], ButtonStyle.Success));
  if (card.actions.edit) main.addComponents(button(encodeAction({ action: 'edit', caseId, revision }), UI.edit[lang], ButtonStyle.Primary));
  if (card.actions.reject) main.addComponents(button(encodeAction({ action: 'reject', caseId, revision }), UI.reject[lang], ButtonStyle.Danger));
  if (card.messageTruncated) main.addComponents(button(encodeAction({ action: 'full', caseId, revision }), UI.showFull[lang], ButtonStyle.Secondary));
  return [main, ...questionRows(card)];
}

/** After release: the lifecycle buttons (chat/lifecycle-card.ts), five to a row. */
function lifecycleRows(view: CaseView): ActionRowBuilder<ButtonBuilder>[] {
  const buttons = lifecycleButtons(view).map((b) => button(encodeAction(b.ref), b.label, b.style === 'primary' ? ButtonStyle.Success : b.style === 'danger' ? ButtonStyle.Danger : ButtonStyle.Secondary));
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  for (let i = 0; i < buttons.length && rows.length < DISCORD_LIMITS.rowsPerMessage; i += DISCORD_LIMITS.buttonsPerRow) rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(i, i + DISCORD_LIMITS.buttonsPerRow)));
  return rows;
}

/** Question buttons, a question's choices kept on one row, at most 4 rows of 5. */
function questionRows(card: CardModel): ActionRowBuilder<ButtonBuilder>[] {
  const rows: ButtonBuilder[][] = [];
  card.questions.forEach((q, i) => {
    const buttons = questionButtons(card, q, i + 1);
    const last = rows[rows.length - 1];
    if (last && last.length + buttons.length <= DISCORD_LIMITS.buttonsPerRow) last.push(...buttons);
    else rows.push(buttons);
  });
  return rows.slice(0, DISCORD_LIMITS.rowsPerMessage - 1).map((r) => new ActionRowBuilder<ButtonBuilder>().addComponents(r));
}

function questionButtons(card: CardModel, q: QuestionModel, n: number): ButtonBuilder[] {
  const { caseId, revision, lang } = card;
  if (q.choices.length === 0) {
    return [button(encodeAction({ action: 'answer', caseId, revision, fact: q.fact }), `${n}. ${UI.enterValue[lang]}`, ButtonStyle.Secondary)];
  }
  return q.choices.map((c) => button(encodeAction({ action: 'answer', caseId, revision, fact: q.fact, value: c.value }), `${n}. ${c.label}`, ButtonStyle.Secondary));
}

function button(customId: string, label: string, style: ButtonStyle): ButtonBuilder {
  return new ButtonBuilder().setCustomId(customId).setLabel(truncate(label, DISCORD_LIMITS.buttonLabel)).setStyle(style);
}

/** Discord block quote, line by line (a `>>>` would swallow the rest of the field). */
function quote(text: string): string {
  return text.split('\n').map((l) => `> ${l}`).join('\n');
}
