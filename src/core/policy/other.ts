/**
 * `other`: not an after-sales dispute, or not confident enough. A human takes it: no offer,
 * the reply asks what happened (never a guess).
 */
import type { CaseContext } from './case-context.ts';
import { makeDecision, type Decision } from './decision.ts';

/** No offer; the reply asks what happened; an agent may send it. */
export function decideOther(ctx: CaseContext): Decision {
  return makeDecision({
    situations: ['other.clarify'],
    commitments: ['verify'],
    checklist: ctx.c.order ? [] : ['look_up_order'],
  });
}
