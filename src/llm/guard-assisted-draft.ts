/**
 * The last check on an assisted classification. The model may only move a case to a reading the
 * customer's own words support (combine-classification.ts), and every reading's money is the
 * policy's — but a model that picks, among supported readings, the one that pays most must not
 * get that past an agent alone. If the assisted draft could pay more than the rules' own draft,
 * a supervisor approves it and the checklist says why.
 */
import type { Draft, Lang } from '../core/types.ts';

/** The most any single offer of the draft pays (offers are alternatives, tried in order). */
export function largestPayout(draft: Draft): number {
  return Math.max(0, ...draft.offers.map((o) => o.amountMinor ?? 0));
}

const NOTE: Record<Lang, (rules: string, model: string) => string> = {
  zh: (rules, model) => `分类由模型根据客户原话调整（规则判断：${rules}；采用：${model}），可给金额高于规则判断，需主管核实后批准。`,
  en: (rules, model) => `The model re-read this message (rules: ${rules}; used: ${model}) and the draft can pay more than the rules' draft: a supervisor must check it before approval.`,
};

const label = (d: Draft) => (d.subtype ? `${d.category}/${d.subtype}` : d.category);

/**
 * `offline`: the draft on the rules' classification; `assisted`: the draft on the assisted one.
 * Returns the assisted draft, raised to supervisor approval when it pays more.
 */
export function guardAssistedDraft(offline: Draft, assisted: Draft): { draft: Draft; raised: boolean } {
  const changed = offline.category !== assisted.category || offline.subtype !== assisted.subtype;
  if (!changed || largestPayout(assisted) <= largestPayout(offline)) return { draft: assisted, raised: false };
  return {
    raised: true,
    draft: {
      ...assisted,
      approval: 'supervisor',
      checklist: [NOTE[assisted.reply.lang](label(offline), label(assisted)), ...assisted.checklist],
    },
  };
}
