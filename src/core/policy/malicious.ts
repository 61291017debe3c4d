/**
 * Malicious handler, POLICY.md §3 M-1 (and M-2 when a real problem hides in the message):
 * calm, neutral, factual; no compensation; an evidence checklist; escalate to a supervisor.
 */
import type { SubtypeOf } from '../types.ts';
import { hasDelivered, type CaseContext } from './case-context.ts';
import { makeDecision, type Decision } from './decision.ts';
import { makeOffer } from './offers.ts';

type MaliciousSubtype = SubtypeOf<'malicious'>;

/**
 * M-1, for a hostile message with no confirmed problem in it. A problem a fact confirms never
 * reaches here: route.ts sends it to its own rule with M-2 (shipping-rows.ts). A problem only the
 * words report (`reported`) stays M-1, and the reply says it is recorded and will be checked —
 * it never claims there is no after-sales record of what the customer has just reported.
 */
export function decideMalicious(ctx: CaseContext, subtype: MaliciousSubtype | '', reported = false): Decision {
  const delivered = hasDelivered(ctx.c);
  const situation = subtype === 'off_platform' ? 'M-1.off_platform' : reported ? 'M-1.reported' : delivered ? 'M-1.neutral_delivered' : 'M-1.neutral';
  const evidence = ctx.settings.malicious.evidenceChecklist;
  return makeDecision({
    rules: ['M-1', 'T-4'],
    situations: [situation],
    offers: [makeOffer(ctx, { kind: 'none', rule: 'M-1' })],
    escalate: true,
    forceSupervisor: true,
    commitments: ['reply_on_platform'],
    checklist: [...evidence],
  });
}
