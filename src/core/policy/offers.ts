/**
 * Building offers: the note comes from the playbook (agent's language), the amount is an
 * integer in minor units, clamped so no offer exceeds what the customer paid for what it concerns.
 */
import { formatMoney } from '../money.ts';
import { renderTemplate } from '../playbook/template.ts';
import type { Offer, OfferKind } from '../types.ts';
import type { CaseContext } from './case-context.ts';

/** What a handler asks for; makeOffer() turns it into a contract Offer. */
export interface OfferSpec {
  kind: OfferKind;
  rule: string;
  /** Minor units; null/undefined where no money moves or the amount is unknown. */
  amountMinor?: number | null;
  /** Upper bound (what was paid for what the offer concerns). */
  capMinor?: number;
  item?: string;
}

/** One offer, note rendered in the case's language, amount clamped to its cap. */
export function makeOffer(ctx: CaseContext, spec: OfferSpec): Offer {
  let amount = spec.amountMinor ?? null;
  if (amount !== null) {
    amount = Math.max(0, Math.floor(amount));
    if (spec.capMinor !== undefined) amount = Math.min(amount, spec.capMinor);
  }
  // No amount known (no order given): the note names the offer without a figure ("退款", not "退款—");
  // the card shows the missing amount and warns about it.
  const rendered = renderTemplate(ctx.replies.offerNotes[spec.kind], {
    item: spec.item ?? genericItem(ctx),
    amount: amount === null ? '' : formatMoney(amount, ctx.currency),
    amount2: '',
    percent: '',
    postage: '',
    hours: '',
    days: '',
  });
  const note = amount === null ? rendered.replace(/\s+([,，。;；])/g, '$1').replace(/\s{2,}/g, ' ').trim() : rendered;
  return { kind: spec.kind, amountMinor: amount, currency: ctx.currency, note, rule: spec.rule };
}

/** "the item" in the case's language (playbook words), when no order line is known. */
export function genericItem(ctx: CaseContext): string {
  return ctx.replies.words.item;
}
