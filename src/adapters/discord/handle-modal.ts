/**
 * Modal submissions: a new case, an edit, a rejection reason, an answer. Authorization is
 * checked again (roles and the case may have changed while the modal was open). An edit the
 * desk refuses (over the cap) is explained privately, and what the person typed is kept and
 * offered again on their next Edit — nothing they wrote is lost.
 */
import type { ModalSubmitInteraction } from 'discord.js';
import type { Actor, CaseView, EditInput } from '../../app/desk.ts';
import { isUserError } from '../../core/errors.ts';
import { parseAmount } from '../../core/parse-amount.ts';
import { amountFieldName } from '../shared/amount-field.ts';
import { decodeAction, parseFactValue, type ActionRef } from '../shared/present-case.ts';
import { actorOf, explainError, type DiscordDeps } from './discord-deps.ts';
import { allowed } from './handle-button.ts';
import { handleCaseModal } from './handle-command.ts';
import { handleTrainingModal } from './handle-training.ts';
import { InteractionSession } from './interaction-session.ts';
import { renderCard } from './render-card.ts';
import { CASE_MODAL_PREFIX, FIELD, type KeptEdit } from './render-modals.ts';
import { TRAIN_PREFIX } from './render-training.ts';

export async function handleModal(deps: DiscordDeps, i: ModalSubmitInteraction): Promise<void> {
  if (i.customId.startsWith(CASE_MODAL_PREFIX)) return handleCaseModal(deps, i);
  const session = new InteractionSession(deps, i);
  if (i.customId.startsWith(TRAIN_PREFIX)) {
    return handleTrainingModal(deps, session, i).catch((error: unknown) => session.fail(error, { step: 'train-modal' }));
  }
  const ref = decodeAction(i.customId);
  if (!ref) return session.send({ content: 'ℹ️ This form is no longer in use.' }, true).catch(() => undefined);
  try {
    const actor = actorOf(deps, i);
    const view = await deps.desk.get(ref.caseId);
    if (!(await allowed(deps, session, i, view, ref))) return undefined;
    if (ref.action === 'edit') return await submitEdit(deps, session, i, actor, view, ref);
    if (ref.action === 'reject') {
      await session.deferUpdate();
      await session.editOriginal(renderCard(await deps.desk.reject(view.id, actor, i.fields.getTextInputValue(FIELD.reason), ref.revision)));
      return undefined;
    }
    if (ref.action === 'answer' && ref.fact) {
      const value = parseFactValue(ref.fact, i.fields.getTextInputValue(FIELD.value));
      await session.deferUpdate();
      await session.editOriginal(renderCard(await deps.desk.answer(view.id, actor, ref.fact, value, ref.revision)));
    }
    return undefined;
  } catch (error) {
    return session.fail(error, { caseId: ref.caseId, step: `modal:${ref.action}` });
  }
}

async function submitEdit(deps: DiscordDeps, session: InteractionSession, i: ModalSubmitInteraction, actor: Actor, view: CaseView, ref: ActionRef): Promise<void> {
  // No reply field when the reply is longer than Discord's form holds (render-modals.ts): it stays whole.
  const replyField = i.fields.fields.get(FIELD.reply);
  const typedReply = replyField && 'value' in replyField && typeof replyField.value === 'string' ? replyField.value : undefined;
  const typed: KeptEdit = { replyText: typedReply ?? view.draft.reply.text, amounts: {} };
  view.draft.offers.forEach((o, index) => {
    const field = i.fields.fields.get(FIELD.amount(index));
    if (field && 'value' in field && typeof field.value === 'string') typed.amounts[index] = field.value;
  });
  try {
    const edit = toEditInput(view, typed);
    await session.deferUpdate();
    const next = await deps.desk.edit(view.id, actor, edit, ref.revision);
    deps.keptEdits.forget(view.id, actor);
    await session.editOriginal(renderCard(next));
  } catch (error) {
    if (!isUserError(error)) throw error;
    deps.keptEdits.keep(view.id, actor, typed);
    const text = `${explainError(deps, error, { caseId: view.id, step: 'edit' })}\nYour text is kept: press **Edit** again to continue from it.`;
    await session.send({ content: text, embeds: [{ description: typed.replyText.slice(0, 4000) || '—' }] }, true);
  }
}

/** What changed, in the desk's terms: reply text if different, amounts (minor units) that moved. */
function toEditInput(view: CaseView, typed: KeptEdit): EditInput {
  const edit: EditInput = {};
  if (typed.replyText.trim() !== view.draft.reply.text.trim()) edit.replyText = typed.replyText;
  const amounts: NonNullable<EditInput['amounts']> = [];
  for (const [k, raw] of Object.entries(typed.amounts)) {
    const index = Number(k);
    const offer = view.draft.offers[index];
    if (!offer || offer.amountMinor === null) continue;
    const minor = parseAmount(raw, offer.currency, amountFieldName(offer, index));
    if (minor !== offer.amountMinor) amounts.push({ index, amountMinor: minor });
  }
  if (amounts.length) edit.amounts = amounts;
  return edit;
}
