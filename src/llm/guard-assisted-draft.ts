/**
 * The last check on an assisted classification, on the drafts themselves. The model may re-read
 * a message the learned classifier was unsure of (combine-classification.ts), and every reading's
 * money is the policy's — but:
 * - a re-reading that lowers the stakes is refused: the draft stays the classifier's. Stakes are
 *   escalate > supervisor > agent, and the classifier's checklist must stay a subset of the
 *   assisted one (a counterfeit claim re-read as a scratch would drop the supervisor, the invoice
 *   check and the escalation: refused);
 * - a re-reading whose draft could pay more than the classifier's goes to a supervisor, and the
 *   checklist says why (a model that picks the reading that pays most cannot get it past an agent).
 */
import type { Draft, Lang } from '../core/types.ts';

/** The most any single offer of the draft pays (offers are alternatives, tried in order). */
export function largestPayout(draft: Draft): number {
  return Math.max(0, ...draft.offers.map((o) => o.amountMinor ?? 0));
}

/** escalate (2) > supervisor (1) > agent (0). */
export function stakesOf(draft: Draft): number {
  return draft.escalate ? 2 : draft.approval === 'supervisor' ? 1 : 0;
}

/** The assisted draft has lower stakes than the offline one, or drops a checklist item. */
export function lowersStakes(offline: Draft, assisted: Draft): boolean {
  if (stakesOf(assisted) < stakesOf(offline)) return true;
  const kept = new Set(assisted.checklist);
  return offline.checklist.some((item) => !kept.has(item));
}

const NOTE: Record<Lang, (rules: string, model: string) => string> = {
  zh: (rules, model) => `分类由模型根据客户原话调整（规则判断：${rules}；采用：${model}），可给金额高于规则判断，需主管核实后批准。`,
  en: (rules, model) => `The model re-read this message (rules: ${rules}; used: ${model}) and the draft can pay more than the rules' draft: a supervisor must check it before approval.`,
};

const label = (d: Draft) => (d.subtype ? `${d.category}/${d.subtype}` : d.category);

export interface Guarded {
  draft: Draft;
  /** Raised to supervisor approval: the assisted reading pays more. */
  raised: boolean;
  /** The assisted reading was refused: it lowers the stakes; `draft` is the offline one. */
  refused: boolean;
}

/**
 * `offline`: the draft on the classifier's reading; `assisted`: the draft on the assisted one.
 * Returns the draft to use.
 */
export function guardAssistedDraft(offline: Draft, assisted: Draft): Guarded {
  const changed = offline.category !== assisted.category || offline.subtype !== assisted.subtype;
  if (!changed) return { draft: assisted, raised: false, refused: false };
  if (lowersStakes(offline, assisted)) return { draft: offline, raised: false, refused: true };
  if (largestPayout(assisted) <= largestPayout(offline)) return { draft: assisted, raised: false, refused: false };
  return {
    raised: true,
    refused: false,
    draft: {
      ...assisted,
      approval: 'supervisor',
      checklist: [NOTE[assisted.reply.lang](label(offline), label(assisted)), ...assisted.checklist],
    },
  };
}
