/**
 * Malicious handler, POLICY.md §3 M-1 (and M-2 when a real problem hides in the message):
 * calm, neutral, factual; no compensation; an evidence checklist; escalate to a supervisor.
 */
import type { DisputeCategory, SubtypeOf } from '../types.ts';
import type { CaseContext } from './case-context.ts';
import { makeDecision, type Decision } from './decision.ts';
import { makeOffer } from './offers.ts';

type MaliciousSubtype = SubtypeOf<'malicious'>;

/**
 * M-1. `secondary` are the real concerns the classifier also saw: they are not handled here
 * (no money on a malicious draft) but flagged for the supervisor's review (M-2).
 */
export function decideMalicious(ctx: CaseContext, subtype: MaliciousSubtype | '', secondary: readonly DisputeCategory[] = []): Decision {
  const o = ctx.c.order;
  const delivered = o?.status === 'delivered' || Boolean(o?.deliveredAt);
  const situation = subtype === 'off_platform' ? 'M-1.off_platform' : delivered ? 'M-1.neutral_delivered' : 'M-1.neutral';
  const realConcern = secondary.some((s) => s !== 'malicious');
  const evidence = ctx.settings.malicious.evidenceChecklist;
  return makeDecision({
    rules: realConcern ? ['M-1', 'M-2', 'T-4'] : ['M-1', 'T-4'],
    situations: [situation],
    offers: [makeOffer(ctx, { kind: 'none', rule: 'M-1' })],
    escalate: true,
    forceSupervisor: true,
    commitments: ['reply_on_platform'],
    checklist: realConcern ? ['review_malicious_signals', ...evidence] : [...evidence],
  });
}
