/**
 * POLICY.md §4: who pays postage. One row per situation of the table, plus the two
 * non-return shapes handlers need (nothing ships; a replacement ships with no return).
 */
import type { Order, ShippingPayers } from '../types.ts';

export type ShippingSituation =
  /** seller at fault: quality problem, not as described, wrong item, late shipment */
  | 'seller_fault'
  /** 7-day no-reason return, customer's own reason (row 2; outbound per free shipping) */
  | 'no_reason_return'
  /** item not covered by 7-day no-reason, customer's own reason (row 3) */
  | 'not_covered_own_reason'
  /** customer damaged it (使用不当) (row 4) */
  | 'customer_damaged'
  /** refund agreed but postage never discussed (row 5) */
  | 'postage_undiscussed'
  /** agent error (客服失误) that cost the customer (row 6) */
  | 'agent_error'
  /** no parcel moves (refund, coupon, explanation) */
  | 'nothing_ships'
  /** the seller sends a replacement, nothing comes back (L-7, L-4) */
  | 'seller_ships_only';

/**
 * Who pays outbound and return postage in `situation`. For a no-reason return of an item that
 * was not shipped free, the customer already paid the outbound postage, so it stays theirs.
 */
export function shippingPayer(situation: ShippingSituation, order?: Order): ShippingPayers {
  switch (situation) {
    case 'seller_fault':
    case 'agent_error':
      return { outbound: 'seller', return: 'seller' };
    case 'no_reason_return':
      return { outbound: order?.freeShipping === false ? 'customer' : 'seller', return: 'customer' };
    case 'not_covered_own_reason':
    case 'customer_damaged':
      return { outbound: 'customer', return: 'customer' };
    case 'postage_undiscussed':
      return { outbound: 'none', return: 'seller' };
    case 'seller_ships_only':
      return { outbound: 'seller', return: 'none' };
    case 'nothing_ships':
      return { outbound: 'none', return: 'none' };
  }
}
