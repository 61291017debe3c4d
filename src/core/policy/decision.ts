/**
 * What a policy handler returns: the decision before words. decide() turns it into a Draft,
 * the reply composer turns its situations and commitments into text.
 */
import type { ChecklistKey, Commitment, Situation } from '../playbook/keys.ts';
import type { FactKey, Offer, ShippingPayers } from '../types.ts';

/** Values a reply template may refer to; money in minor units, formatted by the composer. */
export interface DecisionVars {
  item?: string;
  amountMinor?: number | null;
  amount2Minor?: number | null;
  percent?: number;
  postageMinor?: number;
  days?: number;
}

/** A handler's verdict: offers, payers, escalation, and which words the composer uses. */
export interface Decision {
  /** Rule IDs this decision applies (templates add theirs: T-1, T-2, T-7 …). */
  rules: string[];
  /** Proposals in try-order. */
  offers: Offer[];
  shipping: ShippingPayers;
  /** The store is at fault: the reply apologises (T-2). */
  atFault: boolean;
  /** A supervisor must look before anything goes out. */
  escalate: boolean;
  /** Supervisor approval regardless of amounts (counterfeit, malicious, M-2). */
  forceSupervisor: boolean;
  /** Reply situations, in order (usually one; L-8 adds its own). */
  situations: Situation[];
  /** T-7 next steps and times. */
  commitments: Commitment[];
  checklist: ChecklistKey[];
  /** Facts that would change the decision and were not given. */
  questions: FactKey[];
  vars: DecisionVars;
}

/** A decision with the neutral defaults filled in; handlers override what they decide. */
export function makeDecision(d: Partial<Decision> & Pick<Decision, 'situations'>): Decision {
  return {
    rules: [],
    offers: [],
    shipping: { outbound: 'none', return: 'none' },
    atFault: false,
    escalate: false,
    forceSupervisor: false,
    commitments: [],
    checklist: [],
    questions: [],
    vars: {},
    ...d,
  };
}
