/**
 * Safety escalation, POLICY.md Q-2 with the playbook setting `safetyEscalation` (on by default):
 * a health or safety incident (a skin reaction, a burn, smoke, a melted charger, an injury) is for
 * a supervisor only. The draft collects what the supervisor needs (photos, the batch number,
 * advice to seek medical help where relevant) and its reply promises no liability: it apologises
 * for what happened, not for a fault nobody has established yet.
 */
import { concernedItem, paidFor, type CaseContext } from './case-context.ts';
import { makeDecision, type Decision } from './decision.ts';
import { makeOffer } from './offers.ts';
import { shippingPayer } from './shipping-payer.ts';

/** The setting's citation in `rules`, next to Q-2. */
export const SAFETY_SETTING_RULE = 'store.safetyEscalation';

/** Supervisor-only, evidence checklist, return and refund of the item with postage on the store. */
export function safetyIncident(ctx: CaseContext): Decision {
  const item = concernedItem(ctx.c);
  const paid = paidFor(ctx.c, item);
  const ret = makeOffer(ctx, { kind: 'return_refund', rule: 'Q-2', amountMinor: paid ?? null, capMinor: paid });
  return makeDecision({
    rules: ['Q-2', SAFETY_SETTING_RULE, '§4'],
    situations: ['Q-2.safety'],
    offers: [ret],
    shipping: shippingPayer('seller_fault'),
    escalate: true,
    forceSupervisor: true,
    commitments: ['supervisor_review'],
    checklist: ['safety_supervisor_only', 'safety_photos', 'safety_batch_number', 'safety_medical_advice', 'record_case'],
    vars: { item: item?.name, amountMinor: ret.amountMinor },
  });
}
