/**
 * L-8 urgent delay (001 5.3.3 step 3): when the customer needs it urgently, the replacement goes
 * by express (e.g. SF) and the store pays the price difference (offers `expedite`, then `price_difference`). Applied on top of a logistics
 * decision that sends something; asks whether it is urgent when nobody said.
 */
import type { CaseContext } from './case-context.ts';
import type { Decision } from './decision.ts';
import { makeOffer } from './offers.ts';

const SHIPS = new Set(['reship', 'wait_restock', 'exchange']);

/** Add the L-8 expedite offer (before the first shipment offer) when `urgent`, or ask. */
export function applyUrgent(ctx: CaseContext, d: Decision, opts: { delayOnly?: boolean } = {}): Decision {
  const shipsSomething = d.offers.some((o) => SHIPS.has(o.kind));
  if (!shipsSomething && !opts.delayOnly) return d;
  if (ctx.facts.urgent === undefined) {
    d.questions.push('urgent');
    return d;
  }
  if (!ctx.facts.urgent) return d;
  const expedite = makeOffer(ctx, { kind: 'expedite', rule: 'L-8', amountMinor: null });
  // The store pays the express price difference: its own offer, the amount is the courier's quote.
  const difference = makeOffer(ctx, { kind: 'price_difference', rule: 'L-8', amountMinor: null });
  const at = d.offers.findIndex((o) => SHIPS.has(o.kind));
  if (at < 0) d.offers.unshift(expedite, difference);
  else d.offers.splice(at, 0, expedite, difference);
  d.rules.push('L-8');
  d.situations.push('L-8.expedite');
  if (d.shipping.outbound === 'none') d.shipping = { ...d.shipping, outbound: 'seller' };
  if (!d.commitments.includes('reship_tracking')) d.commitments.unshift('reship_tracking');
  return d;
}
