/**
 * The modals: a new case (for long or multi-line complaints), an edit of the draft (reply text
 * and money amounts), a rejection reason, and the answer to a question that needs a value.
 * Inputs are wrapped in labels (Discord's current modal layout); ids carry case and revision.
 */
import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle, type APIModalInteractionResponseCallbackData } from 'discord.js';
import type { CaseView, KeptEdit } from '../../app/desk.ts';
import { MAX_MESSAGE_CHARS } from '../../core/errors.ts';
import type { FactKey, Lang } from '../../core/types.ts';
import { amountInputValue } from '../shared/amount-field.ts';
import { OFFER_LABELS } from '../shared/labels.ts';
import { encodeAction, truncate } from '../shared/present-case.ts';
import { LIFECYCLE_FORM_INPUTS, type LifecycleForm } from '../../chat/lifecycle-card.ts';
import { DISCORD_LIMITS } from './limits.ts';

/** Custom id of the new-case modal: `settle:case:<lang>` (`auto` when not chosen). */
export const CASE_MODAL_PREFIX = 'settle:case:';
export const FIELD = { message: 'message', order: 'order', reply: 'reply', reason: 'reason', value: 'value', amount: (i: number) => `amount:${i}` } as const;

function input(id: string, style: TextInputStyle, opts: { value?: string; required?: boolean; max?: number; placeholder?: string }): TextInputBuilder {
  const t = new TextInputBuilder().setCustomId(id).setStyle(style).setRequired(opts.required ?? true);
  t.setMaxLength(Math.min(opts.max ?? DISCORD_LIMITS.inputValue, DISCORD_LIMITS.inputValue));
  if (opts.value) t.setValue(truncate(opts.value, Math.min(opts.max ?? DISCORD_LIMITS.inputValue, DISCORD_LIMITS.inputValue)));
  if (opts.placeholder) t.setPlaceholder(truncate(opts.placeholder, DISCORD_LIMITS.inputPlaceholder));
  return t;
}

function labelled(text: string, field: TextInputBuilder, description?: string): LabelBuilder {
  const l = new LabelBuilder().setLabel(truncate(text, DISCORD_LIMITS.inputLabel)).setTextInputComponent(field);
  if (description) l.setDescription(truncate(description, 100));
  return l;
}

function modal(customId: string, title: string, labels: LabelBuilder[]): APIModalInteractionResponseCallbackData {
  return new ModalBuilder().setCustomId(customId).setTitle(truncate(title, DISCORD_LIMITS.modalTitle)).addLabelComponents(labels).toJSON();
}

/** `/settle case` without a message (or with one too long for a command option). */
export function renderCaseModal(lang: Lang | undefined, order: string | undefined, message: string | undefined): APIModalInteractionResponseCallbackData {
  const zh = lang === 'zh';
  return modal(`${CASE_MODAL_PREFIX}${lang ?? 'auto'}`, zh ? '新投诉' : 'New complaint', [
    labelled(zh ? '客户原话' : 'Customer message', input(FIELD.message, TextInputStyle.Paragraph, { value: message, max: Math.min(MAX_MESSAGE_CHARS, DISCORD_LIMITS.inputValue) }),
      zh ? '粘贴客户的完整消息' : 'Paste the customer\'s words as they wrote them'),
    labelled(zh ? '订单号(可选)' : 'Order id (optional)', input(FIELD.order, TextInputStyle.Short, { value: order, required: false, max: 64 })),
  ]);
}

/** True when the draft's reply fits Discord's 4 000-character text field whole. */
export function replyFitsModal(view: CaseView): boolean {
  return view.draft.reply.text.length <= DISCORD_LIMITS.inputValue;
}

/**
 * Edit: the reply text and each money offer's amount (major units), prefilled. A reply longer
 * than Discord's field is NOT put in it (Discord would cut it, and the cut text would be saved):
 * the form then holds the amounts only, and the reply is kept whole. `undefined` when nothing
 * is left to edit here (a long reply and no amounts): the caller says so instead.
 */
export function renderEditModal(view: CaseView, kept?: KeptEdit): APIModalInteractionResponseCallbackData | undefined {
  const lang = view.draft.reply.lang;
  const zh = lang === 'zh';
  const labels = replyFitsModal(view)
    ? [labelled(zh ? '回复' : 'Reply', input(FIELD.reply, TextInputStyle.Paragraph, { value: kept?.replyText ?? view.draft.reply.text }))]
    : [];
  view.draft.offers.forEach((o, i) => {
    // A modal holds 5 inputs: the reply and up to 4 amounts.
    if (o.amountMinor === null || labels.length >= DISCORD_LIMITS.modalComponents) return;
    const value = kept?.amounts[i] ?? amountInputValue(o.amountMinor, o.currency);
    labels.push(labelled(`${i + 1}. ${OFFER_LABELS[o.kind][lang]} (${o.currency})`, input(FIELD.amount(i), TextInputStyle.Short, { value, max: 20 }), o.rule));
  });
  if (labels.length === 0) return undefined;
  const title = replyFitsModal(view) ? `${zh ? '修改案件' : 'Edit case'} ${view.id}` : `${zh ? '修改金额' : 'Edit amounts'} ${view.id}`;
  return modal(encodeAction({ action: 'edit', caseId: view.id, revision: view.revision }), title, labels);
}

export function renderRejectModal(view: CaseView): APIModalInteractionResponseCallbackData {
  const zh = view.draft.reply.lang === 'zh';
  return modal(encodeAction({ action: 'reject', caseId: view.id, revision: view.revision }), `${zh ? '驳回案件' : 'Reject case'} ${view.id}`, [
    labelled(zh ? '原因' : 'Reason', input(FIELD.reason, TextInputStyle.Paragraph, { max: 1000 }), zh ? '告诉客服为什么驳回' : 'Tell the agent why'),
  ]);
}

/** A question that needs a value (an amount, a SKU). */
export function renderAnswerModal(view: CaseView, fact: FactKey, question: string): APIModalInteractionResponseCallbackData {
  const zh = view.draft.reply.lang === 'zh';
  return modal(encodeAction({ action: 'answer', caseId: view.id, revision: view.revision, fact }), `${zh ? '回答问题' : 'Answer'} · ${view.id}`, [
    labelled(question, input(FIELD.value, TextInputStyle.Short, { max: 100 }), question),
  ]);
}

/** A lifecycle form (what was done; why it is reopened), as the chat layer lists its inputs; its id carries the step. */
export function renderLifecycleModal(view: CaseView, form: LifecycleForm): APIModalInteractionResponseCallbackData {
  const f = LIFECYCLE_FORM_INPUTS[form];
  return modal(encodeAction({ action: 'lifecycle', caseId: view.id, revision: view.lifecycle?.seq ?? 0, move: form }), `${f.title} · ${view.id}`, f.inputs.map((i) =>
    labelled(i.label, input(i.field, i.long ? TextInputStyle.Paragraph : TextInputStyle.Short, { max: i.max, required: i.required ?? false }))));
}
