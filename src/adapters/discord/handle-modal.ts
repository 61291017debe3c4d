/**
 * Modal submissions, translated: a new case goes to handle-command.ts, a training line to
 * handle-training.ts, and an edit, rejection or answer becomes a chat-layer form event
 * (src/chat/case-flow.ts authorises again — roles and the case may have changed while the modal
 * was open — parses and acts). An edit that is refused is explained privately and what the
 * person typed is kept for their next Edit (discord-replies.ts).
 */
import type { ModalSubmitInteraction } from 'discord.js';
import { onFormSubmit } from '../../chat/case-flow.ts';
import { decodeAction } from '../shared/present-case.ts';
import { chatOf, whoOf, type DiscordDeps } from './discord-deps.ts';
import { discordReplies, formFields } from './discord-replies.ts';
import { handleCaseModal } from './handle-command.ts';
import { handleReviewModal, REVIEW_MODAL_PREFIX } from './review-command.ts';
import { handleTrainingModal } from './handle-training.ts';
import { InteractionSession } from './interaction-session.ts';
import { CASE_MODAL_PREFIX } from './render-modals.ts';
import { TRAIN_PREFIX } from './render-training.ts';

export async function handleModal(deps: DiscordDeps, i: ModalSubmitInteraction): Promise<void> {
  if (i.customId.startsWith(CASE_MODAL_PREFIX)) return handleCaseModal(deps, i);
  if (i.customId.startsWith(REVIEW_MODAL_PREFIX)) return handleReviewModal(deps, i);
  const session = new InteractionSession(deps, i);
  if (i.customId.startsWith(TRAIN_PREFIX)) {
    return handleTrainingModal(deps, session, i).catch((error: unknown) => session.fail(error, { step: 'train-modal' }));
  }
  const ref = decodeAction(i.customId);
  // A lifecycle form's id names its button (execute, reopen); the other forms are named by their action.
  const form = ref?.action === 'lifecycle' ? ref.move : ref?.action;
  if (!ref || (form !== 'edit' && form !== 'reject' && form !== 'answer' && form !== 'execute' && form !== 'reopen')) return session.send({ content: 'ℹ️ This form is no longer in use.' }, true).catch(() => undefined);
  const person = whoOf(deps, i);
  const fields = formFields(i.fields.fields);
  return onFormSubmit(chatOf(deps), { kind: 'form', person, form, ref, fields }, discordReplies(deps, session, person.actor, { editForm: form === 'edit' }));
}
