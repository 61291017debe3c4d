/**
 * Approval levels and caps. `approvalLevel` says who may release a set of offers under the
 * store's thresholds; `checkOffers` re-checks a supervisor's or agent's edit: no offer over what
 * the customer paid for what it concerns, no offer over its policy cap (Q-1 %, Q-2 %, coupon
 * maximum, P-1 difference), no money on a malicious draft, nothing over the editor's role.
 */
import { formatMoney, percentOf } from '../money.ts';
import type { Playbook } from '../playbook/schema.ts';
import type { OfferMatcher } from '../playbook/store-schema.ts';
import type { CaseInput, Draft, Offer, OfferKind, Role } from '../types.ts';
import { concernedItem, itemBySku, lineValueMinor, paidFor } from './case-context.ts';

/** Why an offer may not go out as it stands (for an edit, or for the role releasing it). */
export interface CapViolation {
  offerIndex: number;
  /** The POLICY.md rule (or `approval`, `amount`, `currency`) that the offer breaks. */
  rule: string;
  message: string;
  /** The most this offer may be, when a cap applies. */
  maxMinor?: number;
}

/** Kinds that move money to the customer, whatever their amount field says. */
export const MONEY_KINDS: ReadonlySet<OfferKind> = new Set([
  'refund', 'partial_refund', 'coupon', 'gift', 'return_refund', 'keep_at_discount', 'price_difference',
]);

function matches(m: OfferMatcher, o: Offer): boolean {
  return m.kind === o.kind && (m.rule === undefined || m.rule === o.rule);
}

/** The lowest role allowed to release these offers under the playbook's approval thresholds. */
export function approvalLevel(offers: readonly Offer[], playbook: Playbook): Role {
  const a = playbook.settings.approval;
  for (const o of offers) {
    if (a.supervisorAlways.some((m) => matches(m, o))) return 'supervisor';
    if (o.amountMinor === null || o.amountMinor <= 0) continue;
    if (a.agentAnyAmount.some((m) => matches(m, o))) continue;
    const max = a.agentMaxMinor[o.currency.toUpperCase()];
    if (max === undefined || o.amountMinor > max) return 'supervisor';
  }
  return 'agent';
}

/** What the customer paid for what an offer of this draft concerns (undefined: no order known). */
function paidBasis(c: CaseInput, draft: Draft, o: Offer): number | undefined {
  if (o.kind === 'gift' || o.kind === 'coupon') return c.order?.totalMinor;
  if (draft.subtype === 'missing_item') {
    const item = itemBySku(c, c.facts.missingSku);
    if (item) return lineValueMinor(item);
  }
  if (o.kind === 'refund' && (o.rule === 'L-1' || o.rule === 'L-3' || o.rule === 'P-3')) return c.order?.totalMinor;
  return paidFor(c, concernedItem(c));
}

/** The policy cap of an offer beyond what was paid (percent rules, coupon maximum, the P-1 difference). */
function policyCap(c: CaseInput, o: Offer, pb: Playbook): { max: number; why: string } | undefined {
  const s = pb.settings;
  const cur = o.currency.toUpperCase();
  const item = concernedItem(c);
  if (o.kind === 'partial_refund' && o.rule === 'Q-1') {
    const price = item?.unitPriceMinor ?? c.order?.totalMinor;
    if (price === undefined) return undefined;
    const pct = percentOf(price, s.minorDefectRefund.percentMax);
    const cap = s.minorDefectRefund.capMinor[cur];
    return { max: cap === undefined ? pct : Math.min(pct, cap), why: `Q-1 allows at most ${s.minorDefectRefund.percentMax} % of the item price, capped` };
  }
  if (o.kind === 'partial_refund' && o.rule === 'Q-2') {
    const paid = paidFor(c, item);
    return paid === undefined ? undefined : { max: percentOf(paid, s.keepItemRefundPercent), why: `Q-2 allows ${s.keepItemRefundPercent} % when the customer keeps the item` };
  }
  if (o.kind === 'coupon') {
    const max = s.coupons.maxMinor[cur];
    return max === undefined ? undefined : { max, why: 'the store caps coupons' };
  }
  if (o.rule === 'P-1' && c.facts.priceNowMinor !== undefined && item) {
    return { max: Math.max(0, (item.unitPriceMinor - c.facts.priceNowMinor) * item.qty), why: 'P-1 refunds the price difference, no more' };
  }
  if (o.rule === 'P-4' && o.kind === 'price_difference' && c.facts.verifiedDifferenceMinor !== undefined) {
    return { max: c.facts.verifiedDifferenceMinor, why: 'P-4 refunds the verified difference, no more' };
  }
  return undefined;
}

/** L-4: the missing item is at or below the store's low-value threshold. */
export function isLowValueMissing(c: CaseInput, currency: string, playbook: Playbook): boolean {
  const item = itemBySku(c, c.facts.missingSku) ?? concernedItem(c);
  const max = playbook.settings.lowValueMissingMaxMinor[currency];
  return item !== undefined && max !== undefined && item.unitPriceMinor <= max;
}

/**
 * Re-check offers (an edit) against the case, its draft, the editor's `role` and the playbook.
 * Returns every violation; an empty list means the offers may be released by `role`.
 */
export function checkOffers(c: CaseInput, draft: Draft, offers: readonly Offer[], role: Role, playbook: Playbook): CapViolation[] {
  const out: CapViolation[] = [];
  const currency = (c.order?.currency ?? playbook.settings.store.homeCurrency).toUpperCase();
  offers.forEach((o, offerIndex) => {
    const amount = o.amountMinor;
    const money = (n: number) => formatMoney(n, o.currency);
    if (amount !== null && (!Number.isInteger(amount) || amount < 0)) {
      out.push({ offerIndex, rule: 'amount', message: 'amounts are whole minor units (fen, cents), never negative' });
      return;
    }
    if (o.currency.toUpperCase() !== currency) {
      out.push({ offerIndex, rule: 'currency', message: `offer in ${o.currency}, but the order is in ${currency}` });
    }
    if (draft.category === 'malicious' && (MONEY_KINDS.has(o.kind) || (amount ?? 0) > 0)) {
      out.push({ offerIndex, rule: 'M-1', message: 'a malicious draft offers no money', maxMinor: 0 });
      return;
    }
    if (amount === null) return;
    const paid = paidBasis(c, draft, o);
    if (paid !== undefined && amount > paid) {
      out.push({ offerIndex, rule: o.rule || 'cap', message: `${money(amount)} is more than the customer paid for what it concerns (${money(paid)})`, maxMinor: paid });
    }
    const cap = policyCap(c, o, playbook);
    if (cap && amount > cap.max) {
      out.push({ offerIndex, rule: o.rule || 'cap', message: `${money(amount)} is over the cap: ${cap.why} (${money(cap.max)})`, maxMinor: cap.max });
    }
    if (role === 'agent') {
      const lowValueRefund = draft.subtype === 'missing_item' && o.kind === 'refund' && c.facts.weightMatchesCustomerClaim !== true
        && isLowValueMissing(c, currency, playbook);
      if (lowValueRefund) {
        out.push({ offerIndex, rule: 'L-4', message: 'refunding a missing item the weight does not prove needs a supervisor' });
      } else if (approvalLevel([o], playbook) === 'supervisor') {
        const max = playbook.settings.approval.agentMaxMinor[o.currency.toUpperCase()];
        out.push({ offerIndex, rule: 'approval', message: `an agent may not release this offer alone${max === undefined ? '' : ` (agent limit ${money(max)})`}`, ...(max === undefined ? {} : { maxMinor: max }) });
      }
    }
  });
  return out;
}
