/**
 * The yardstick of a role-play: what the core itself decides for the scenario once every hidden
 * fact is known. Training never keeps its own answer key — it asks the same `draftCase` the
 * desk uses, so a playbook change moves the training targets with it.
 */
import type { Playbook } from '../playbook/schema.ts';
import { draftCase } from '../settle-case.ts';
import type { Draft, FactKey, OfferKind, Order } from '../types.ts';
import { FACT_ASK_WORDS, QUESTION } from './lexicon.ts';
import { normaliseText, splitSentences } from './read-reply.ts';
import type { HiddenFact, Scenario } from './scenario.ts';
import { caseWithAllFacts } from './scenario.ts';

/** Offer kinds that move money to the customer. */
export const MONEY_KINDS: readonly OfferKind[] = ['refund', 'partial_refund', 'coupon', 'return_refund', 'keep_at_discount', 'price_difference', 'gift'];

/** The core's draft for the scenario with all hidden facts revealed. */
export function decideScenario(scenario: Scenario, playbook: Playbook): Draft {
  return draftCase(caseWithAllFacts(scenario), playbook);
}

/** A sentence that asks or requests something of the customer. */
const ASKING = /请|麻烦|方便|能否|可否|是否|吗|呢|please|could you|can you|would you|send me|share|tell me|let me know|\?/;

/**
 * Whether `text` asks about one hidden fact: a sentence that asks or requests AND names the
 * fact (its default words or the scenario's own). "快递单号发给您" names the label but asks nothing.
 */
export function asksAbout(text: string, fact: FactKey, extra: RegExp[] = []): boolean {
  const base = FACT_ASK_WORDS[fact];
  return splitSentences(normaliseText(text)).some((s) => (QUESTION.test(s) || ASKING.test(s)) && (Boolean(base?.test(s)) || extra.some((re) => re.test(s))));
}

/** The hidden facts `text` asks about. */
export function factsAskedBy(text: string, hidden: HiddenFact[]): HiddenFact[] {
  return hidden.filter((h) => asksAbout(text, h.fact, h.ask));
}

/** The offer kinds the policy draft proposes (without `none`). */
export function policyKinds(draft: Draft): OfferKind[] {
  return draft.offers.map((o) => o.kind).filter((k) => k !== 'none');
}

/** True when the policy gives the customer no money at all (malicious, or a non-money fix). */
export function policyGivesNoMoney(draft: Draft): boolean {
  return !draft.offers.some((o) => MONEY_KINDS.includes(o.kind) && (o.amountMinor === null || o.amountMinor > 0));
}

/**
 * The most money the policy lets the agent promise, in minor units: the largest amount among
 * the draft's offers; a money offer without an amount (e.g. a full refund) is capped by what the
 * customer paid. 0 when the policy gives no money.
 */
export function policyMoneyCap(draft: Draft, order?: Order): number {
  let cap = 0;
  for (const o of draft.offers) {
    if (!MONEY_KINDS.includes(o.kind)) continue;
    if (o.amountMinor !== null) cap = Math.max(cap, o.amountMinor);
    else if (order) cap = Math.max(cap, order.totalMinor);
  }
  return cap;
}

/**
 * The cap for money promised as one of `kinds`: the policy's largest offer of those kinds when
 * it has any (a Q-1 partial refund is capped by the Q-1 amount, not by a full return), else the
 * overall cap.
 */
export function policyCapFor(draft: Draft, kinds: readonly OfferKind[], order?: Order): number {
  const same = draft.offers.filter((o) => kinds.includes(o.kind) && MONEY_KINDS.includes(o.kind));
  if (same.length === 0) return policyMoneyCap(draft, order);
  return Math.max(...same.map((o) => o.amountMinor ?? order?.totalMinor ?? 0));
}

/** The POLICY.md rule an over-offer breaks: M-1 for malicious drafts, else the draft's own handler rule. */
export function handlerRule(draft: Draft): string {
  if (draft.category === 'malicious') return 'M-1';
  return draft.rules.find((r) => /^[LQPM]-\d/.test(r)) ?? '§3';
}
