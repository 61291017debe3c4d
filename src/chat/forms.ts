/**
 * The case forms' fields, by neutral names, and the one parser of what a person typed into them
 * (Slack modals, Discord modals and console commands all give these names). A field that is
 * absent was not on the form and stays as it was; errors name the field they belong beside.
 */
import type { CaseView, EditInput } from '../app/desk.ts';
import { isUserError, UserError } from '../core/errors.ts';
import { parseAmount } from '../core/parse-amount.ts';
import { FACT_KEYS, type FactKey } from '../core/types.ts';
import { amountFieldName } from '../adapters/shared/amount-field.ts';
import { parseFactValue } from '../adapters/shared/fact-inputs.ts';
import type { FormName } from './events.ts';
import { LIFECYCLE_FALLBACK } from './lifecycle-card.ts';

/** Field names: Slack block ids use them as they are; Discord maps `amount_N` to `amount:N`. */
export const FIELDS = {
  message: 'message', order: 'order', lang: 'lang', facts: 'facts', reply: 'reply', reason: 'reason', value: 'value',
  amount: (index: number) => `amount_${index}`,
} as const;

export type FieldErrors = Record<string, string>;
type Fields = Readonly<Record<string, string | undefined>>;

/**
 * An edit form → what changed, in the desk's terms: the reply if it differs, the amounts (minor
 * units, by the one amount grammar) that moved. Every bad field is reported, not just the first.
 */
export function parseEditForm(view: CaseView, fields: Fields): { edit: EditInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const edit: EditInput = {};
  const reply = fields[FIELDS.reply];
  if (reply !== undefined) {
    if (reply.trim() === '') errors[FIELDS.reply] = 'The reply cannot be empty.';
    else if (reply.trim() !== view.draft.reply.text.trim()) edit.replyText = reply;
  }
  const amounts: NonNullable<EditInput['amounts']> = [];
  view.draft.offers.forEach((offer, index) => {
    const raw = fields[FIELDS.amount(index)];
    if (raw === undefined) return;
    if (offer.amountMinor === null) {
      errors[FIELDS.amount(index)] = `Offer ${index + 1} (${offer.kind}) moves no money; its amount cannot be set.`;
      return;
    }
    try {
      const amountMinor = parseAmount(raw, offer.currency, amountFieldName(offer, index));
      if (amountMinor !== offer.amountMinor) amounts.push({ index, amountMinor });
    } catch (error) {
      if (!isUserError(error)) throw error;
      errors[FIELDS.amount(index)] = error.message;
    }
  });
  if (Object.keys(errors).length > 0) return { errors };
  if (amounts.length) edit.amounts = amounts;
  return { edit };
}

/** A rejection needs a reason, so the agent knows what to change. */
export function parseRejectForm(fields: Fields): { reason: string } | { errors: FieldErrors } {
  const reason = (fields[FIELDS.reason] ?? '').trim();
  return reason === '' ? { errors: { [FIELDS.reason]: 'Say why, so the agent knows what to change.' } } : { reason };
}

/** An answer to one of the draft's questions, in contract form. */
export function parseAnswerForm(fact: FactKey | undefined, fields: Fields): { value: boolean | number | string } | { errors: FieldErrors } {
  if (!fact) return { errors: { [FIELDS.value]: 'This question is no longer open.' } };
  try {
    return { value: parseFactValue(fact, fields[FIELDS.value] ?? '') };
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { errors: { [FIELDS.value]: error.message } };
  }
}

/** `name: value` lines (the new-case form's facts) into contract facts; the first bad line is reported. */
export function parseFacts(text: string): { facts: Partial<Record<FactKey, boolean | number | string>> } | { error: string } {
  const facts: Partial<Record<FactKey, boolean | number | string>> = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const m = /^([A-Za-z]+)\s*[:=]\s*(.+)$/.exec(line);
    const key = m?.[1] as FactKey | undefined;
    if (!m || !key || !(FACT_KEYS as readonly string[]).includes(key)) return { error: `Unknown fact line "${line.slice(0, 60)}". Known facts: ${FACT_KEYS.join(', ')}.` };
    try {
      facts[key] = parseFactValue(key, m[2] ?? '');
    } catch (error) {
      return { error: isUserError(error) ? error.message : String(error) };
    }
  }
  return { facts };
}

/** A desk refusal of a form as field errors: cap breaches beside their amount, the rest on `fallback`. */
export function errorsFor(error: UserError, fallback: string): FieldErrors {
  const violations = error.details?.breaches ?? error.details?.violations;
  if (error.code === 'over_cap' && Array.isArray(violations) && violations.length > 0) {
    const errors: FieldErrors = {};
    for (const v of violations as { offerIndex?: number; message?: string; rule?: string }[]) {
      const key = typeof v.offerIndex === 'number' ? FIELDS.amount(v.offerIndex) : fallback;
      errors[key] = [errors[key], `${v.message ?? error.message}${v.rule ? ` (${v.rule})` : ''}`].filter(Boolean).join(' ');
    }
    return errors;
  }
  return { [fallback]: error.message };
}

/** The field a form's general errors go beside. */
export const FALLBACK_FIELD: Record<FormName, string> = { edit: FIELDS.reply, reject: FIELDS.reason, answer: FIELDS.value, ...LIFECYCLE_FALLBACK };
