/**
 * A person's edit of a draft: new reply text and/or new amounts on existing money offers.
 * Raised amounts are re-checked with the policy caps for the EDITOR's role (`checkOffers`), so
 * an agent cannot lift an offer past the agent threshold, nor anyone past what the customer
 * paid or put money on a malicious case. The edited draft needs at least the approval level
 * its new amounts need, never less than before.
 */
import { MAX_MESSAGE_CHARS, UserError } from '../core/errors.ts';
import { formatMoney } from '../core/money.ts';
import type { Playbook } from '../core/playbook/schema.ts';
import { approvalLevel, checkOffers } from '../core/policy/caps.ts';
import type { CaseInput, Draft, Offer, Role } from '../core/types.ts';
import { checkRelease } from '../core/read-agent/check-release.ts';
import { findPersonalData, findTaboos } from '../core/reply/guard.ts';
import type { CaseState, WorkflowStep } from '../core/workflow/case-state.ts';
import { roleAtLeast } from '../core/workflow/case-state.ts';
import { planEdit, requireOpenAt } from '../core/workflow/transitions.ts';
import type { Actor, EditInput } from './desk.ts';

export interface PlannedEdit {
  step: WorkflowStep;
  draft: Draft;
  /** Tone-rule findings in an edited reply (also the first checklist lines). */
  warnings: string[];
}

/**
 * Refuses a reply that breaks a release rule (T-4, P-3, M-1, §4, T-6) or names an amount no offer,
 * order figure or playbook figure backs: `release_refused` with the rule and the quote. The
 * supervisor fixes the text; no role overrides it.
 */
export function requireReleasable(text: string, input: CaseInput, draft: Draft, role: Role, playbook: Playbook): void {
  const [first, ...more] = checkRelease(text, input, draft, playbook, role).refusals;
  if (!first) return;
  const zh = draft.reply.lang === 'zh';
  const what = first.rule === 'amount' || first.rule === 'link' ? first.reason : first.rule;
  const also = more.length ? (zh ? `（另有 ${more.length} 处）` : ` (and ${more.length} more)`) : '';
  const message = zh
    ? `不能发出（${what}）：“${first.quote}”${also}。请修改回复文字，任何角色都不能越过这项检查。`
    : `Release refused (${what}): “${first.quote}”${also}. Fix the reply text; no role can override this check.`;
  throw new UserError('release_refused', message, { rule: first.rule, quote: first.quote, refusals: [first, ...more] });
}

function validOffers(draft: Draft, edit: EditInput): { offers: Offer[]; raised: Set<number> } {
  const offers = draft.offers.map((o) => ({ ...o }));
  const raised = new Set<number>();
  for (const { index, amountMinor } of edit.amounts ?? []) {
    const offer = offers[index];
    if (!Number.isInteger(index) || !offer) throw new UserError('invalid_input', `There is no offer ${index + 1} on this draft.`);
    if (offer.amountMinor === null) throw new UserError('invalid_input', `Offer ${index + 1} (${offer.kind}) moves no money; its amount cannot be set.`);
    if (!Number.isInteger(amountMinor) || amountMinor < 0) throw new UserError('invalid_input', `Offer ${index + 1}: the amount must be a whole, non-negative number of minor units.`);
    if (amountMinor > offer.amountMinor) raised.add(index);
    offer.note = restateAmount(offer.note, offer.amountMinor, amountMinor, offer.currency);
    offer.amountMinor = amountMinor;
  }
  return { offers, raised };
}

/**
 * The offer's note was rendered from the playbook's offer-note template with the old amount
 * ("partial refund ¥269.70, customer keeps the item"); the template's other slots (the item)
 * are not known here, so the old figure is replaced where it appears rather than re-rendered.
 */
function restateAmount(note: string, oldMinor: number, newMinor: number, currency: string): string {
  if (oldMinor === newMinor) return note;
  return note.split(formatMoney(oldMinor, currency)).join(formatMoney(newMinor, currency));
}

/** Checks and builds the edited draft; throws UserError (invalid_input, over_cap, stale_revision …). */
export function planDraftEdit(
  state: CaseState, draft: Draft, input: CaseInput, actor: Actor, edit: EditInput, expectedRevision: number, playbook: Playbook,
): PlannedEdit {
  requireOpenAt(state, expectedRevision);
  if (edit.replyText === undefined && !(edit.amounts?.length)) throw new UserError('invalid_input', 'Nothing to change: give new reply text or amounts.');
  let text = draft.reply.text;
  if (edit.replyText !== undefined) {
    text = edit.replyText.trim();
    if (text === '') throw new UserError('empty_message', 'The reply text is empty.');
    if (text.length > MAX_MESSAGE_CHARS) throw new UserError('message_too_long', `The reply is longer than ${MAX_MESSAGE_CHARS} characters.`);
  }
  const { offers, raised } = validOffers(draft, edit);
  // An edited amount that the reply names verbatim is re-rendered there too; any other way of
  // writing the old figure is left for the release check to refuse until text and offers agree.
  for (const { index } of edit.amounts ?? []) {
    const before = draft.offers[index];
    const after = offers[index];
    if (before?.amountMinor != null && after?.amountMinor != null) text = restateAmount(text, before.amountMinor, after.amountMinor, after.currency);
  }
  // Only raised offers are judged: an amount the policy itself proposed stays valid even when
  // the editor's own role could not have granted it (they may still reword the reply).
  const breaches = raised.size ? checkOffers(input, draft, offers, actor.role, playbook).filter((b) => raised.has(b.offerIndex)) : [];
  const step = planEdit(state, actor, expectedRevision, breaches);
  const needed: Role = approvalLevel(offers, playbook);
  const approval: Role = roleAtLeast(draft.approval, needed) ? draft.approval : needed;
  const edited = { ...draft, offers, approval, reply: { ...draft.reply, text } };
  if (edit.replyText !== undefined) requireReleasable(text, input, edited, actor.role, playbook);
  const warnings = edit.replyText === undefined ? [] : replyWarnings(text, draft.reply.lang);
  const checklist = [...warnings, ...draft.checklist.filter((c) => !c.startsWith(WARNING))];
  return { step, draft: { ...draft, offers, approval, checklist, reply: { ...draft.reply, text } }, warnings };
}

const WARNING = '⚠ ';

/**
 * A person's wording is theirs to choose, but the tone rules still apply: taboo phrases (T-3),
 * compliance breaches (T-4) and personal data (T-6) in an edited reply are put at the top of the
 * checklist, where the approver sees them, and in the audit log.
 */
function replyWarnings(text: string, lang: Draft['reply']['lang']): string[] {
  const zh = lang === 'zh';
  const out = findTaboos(text, lang).map((t) => `${WARNING}${t.rule}: ${zh ? '修改后的回复含有禁用说法' : 'the edited reply says'} “${t.quote}”`);
  if (findPersonalData(text).length > 0) out.push(`${WARNING}T-6: ${zh ? '修改后的回复含有个人信息（电话、地址等）' : 'the edited reply contains personal data (phone, address …)'}`);
  return out;
}
