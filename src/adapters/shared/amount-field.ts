/**
 * How every front end names and prefills an offer's amount field, so the one grammar
 * (core/parse-amount.ts) reads back exactly what the form showed.
 */
import { minorDigits, toMajor } from '../../core/money.ts';
import type { Offer } from '../../core/types.ts';
import { OFFER_LABELS } from './labels.ts';

/** The field name an amount error starts with: `Offer 2 (Partial refund)`. */
export function amountFieldName(offer: Pick<Offer, 'kind'>, index: number): string {
  return `Offer ${index + 1} (${OFFER_LABELS[offer.kind].en})`;
}

/** The amount as typed into a form, in the currency's own precision: `59.90`, `1200`, `12.500`. */
export function amountInputValue(minor: number, currency: string): string {
  return toMajor(minor, currency).toFixed(minorDigits(currency));
}
