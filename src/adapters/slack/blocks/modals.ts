/**
 * Modals: a new case, editing a draft, rejecting with a reason, answering a money/text question,
 * and the whole customer message. Each carries what its submission needs in `private_metadata`.
 */
import type { InputBlock, KnownBlock, ModalView } from '@slack/types';
import type { CaseView } from '../../../app/desk.ts';
import type { Question } from '../../../core/types.ts';
import { LIFECYCLE_FORM_INPUTS, type LifecycleForm } from '../../../chat/lifecycle-card.ts';
import { encodeAction } from '../../shared/action-id.ts';
import { amountInputValue } from '../../shared/amount-field.ts';
import { OFFER_LABELS, UI } from '../../shared/labels.ts';
import { splitText } from '../../shared/truncate.ts';
import { SLACK_LIMITS as L } from './limits.ts';
import { fitEscaped, mrkdwn, plain } from './mrkdwn.ts';

export const CALLBACK = { newCase: 'settle_new_case', edit: 'settle_edit', reject: 'settle_reject', answer: 'settle_answer', full: 'settle_full', execute: 'settle_execute', reopen: 'settle_reopen' } as const;

/** What a modal remembers between opening and submission. */
export interface ModalMeta {
  /** An encoded action (case, revision, fact) — absent for a new case. */
  ref?: string;
  channelId?: string;
  messageTs?: string;
}

export function encodeMeta(meta: ModalMeta): string {
  const json = JSON.stringify(meta);
  if (json.length > L.privateMetadata) throw new RangeError('private_metadata too long');
  return json;
}

export function decodeMeta(raw: string | undefined): ModalMeta {
  try {
    const value: unknown = JSON.parse(raw ?? '{}');
    return typeof value === 'object' && value !== null ? (value as ModalMeta) : {};
  } catch {
    return {};
  }
}

/** `/settle` with no text: the customer message, order id, language and known facts. */
export function buildNewCaseModal(meta: ModalMeta): ModalView {
  return modal(CALLBACK.newCase, 'New case', 'Draft', meta, [
    textInput('message', 'Customer message', { multiline: true, max: L.plainTextInput, placeholder: 'Paste what the customer wrote' }),
    textInput('order', 'Order id', { optional: true, max: 100 }),
    {
      type: 'input',
      block_id: 'lang',
      optional: true,
      label: plain('Reply language', L.inputLabel),
      element: {
        type: 'static_select',
        action_id: 'value',
        placeholder: plain('Detect from the message', 150),
        options: [
          { text: plain('中文', 75), value: 'zh' },
          { text: plain('English', 75), value: 'en' },
        ],
      },
    },
    textInput('facts', 'Known facts', {
      optional: true,
      multiline: true,
      max: 2000,
      placeholder: 'One per line, e.g. weightMatchesCustomerClaim: yes',
      hint: 'Facts from CONTRACT.md: name: value (yes/no, an amount, or a SKU).',
    }),
  ]);
}

/** Edit the reply text and every money amount of the current draft. */
export function buildEditModal(view: CaseView, meta: ModalMeta): ModalView {
  const lang = view.draft.reply.lang;
  // Slack's text field holds 3 000 characters: a longer reply is not offered for editing here,
  // because saving a cut copy would silently lose its end.
  const blocks: KnownBlock[] = view.draft.reply.text.length <= L.plainTextInput
    ? [textInput('reply', UI.reply[lang], { multiline: true, max: L.plainTextInput, initial: view.draft.reply.text })]
    : [{ type: 'context', elements: [mrkdwn(`The reply is longer than Slack's ${L.plainTextInput}-character field; edit it in the console. Amounts can be changed here.`)] }];
  view.draft.offers.forEach((offer, index) => {
    if (offer.amountMinor === null) return;
    // A text field, not number_input: `¥12.50` and `1,299.50` are read by the one amount grammar.
    blocks.push(textInput(`amount_${index}`, `${OFFER_LABELS[offer.kind][lang]} (${offer.currency}, ${offer.rule})`, { max: 30, initial: amountInputValue(offer.amountMinor, offer.currency) }));
  });
  return modal(CALLBACK.edit, UI.edit[lang], 'Save', meta, blocks.slice(0, L.viewBlocks));
}

/** Ask for the reason of a rejection. */
export function buildRejectModal(view: CaseView, meta: ModalMeta): ModalView {
  const lang = view.draft.reply.lang;
  return modal(CALLBACK.reject, UI.reject[lang], UI.reject[lang], meta, [
    textInput('reason', lang === 'zh' ? '驳回原因' : 'Reason', { multiline: true, max: 1000 }),
  ]);
}

/** Ask for a money or text fact. */
export function buildAnswerModal(question: Question, lang: 'zh' | 'en', meta: ModalMeta): ModalView {
  return modal(CALLBACK.answer, UI.questions[lang], 'OK', meta, [textInput('value', question.text, { max: 200 })]);
}

/** A lifecycle form (what was done; why it is reopened), as the chat layer lists its inputs. */
export function buildLifecycleModal(form: LifecycleForm, meta: ModalMeta): ModalView {
  const f = LIFECYCLE_FORM_INPUTS[form];
  return modal(CALLBACK[form], f.title, f.submit, meta, f.inputs.map((i) => textInput(i.field, i.label, { max: i.max, ...(i.long ? { multiline: true } : {}), ...(i.required ? {} : { optional: true }) })));
}

/** The whole customer message, split across sections (20 000 characters fit in 7 of them). */
export function buildFullMessageModal(view: CaseView): ModalView {
  const chunks = splitText(view.message, L.sectionText - 200).slice(0, L.viewBlocks - 1);
  const blocks: KnownBlock[] = [
    { type: 'context', elements: [mrkdwn(`${UI.caseLabel[view.draft.reply.lang]} ${view.id} · ${view.message.length} chars`)] },
    ...chunks.map((c): KnownBlock => ({ type: 'section', text: mrkdwn(fitEscaped(c, L.sectionText)) })),
  ];
  const meta = encodeMeta({ ref: encodeAction({ action: 'full', caseId: view.id, revision: view.revision }) });
  return { type: 'modal', callback_id: CALLBACK.full, title: plain(UI.customerSaid[view.draft.reply.lang], L.modalTitle), close: plain('Close', L.modalTitle), private_metadata: meta, blocks };
}

function modal(callbackId: string, title: string, submit: string, meta: ModalMeta, blocks: KnownBlock[]): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(title, L.modalTitle),
    submit: plain(submit, L.modalTitle),
    close: plain('Cancel', L.modalTitle),
    private_metadata: encodeMeta(meta),
    blocks,
  };
}

interface TextInputOptions {
  multiline?: boolean;
  optional?: boolean;
  max: number;
  initial?: string;
  placeholder?: string;
  hint?: string;
}

function textInput(blockId: string, label: string, o: TextInputOptions): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: o.optional ?? false,
    label: plain(label, L.inputLabel),
    ...(o.hint ? { hint: plain(o.hint, 2000) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      multiline: o.multiline ?? false,
      max_length: o.max,
      ...(o.initial !== undefined ? { initial_value: o.initial } : {}),
      ...(o.placeholder ? { placeholder: plain(o.placeholder, 150) } : {}),
    },
  };
}
