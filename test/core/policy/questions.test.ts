import { describe, expect, it } from 'vitest';
import type { CaseInput, FactKey, Facts, Subtype } from '../../../src/core/types.ts';
import { ALL_SUBTYPES } from '../../../src/core/types.ts';
import { draftFor, order, orderWithPart } from './helpers.ts';

/** Candidate answers for a fact, in Facts form (money in minor units). */
function answers(fact: FactKey): Facts[] {
  switch (fact) {
    case 'missingSku': return [{ missingSku: 'TS-W' }, { missingSku: 'LAMP' }, { missingSku: 'SCREW' }];
    case 'wrongItemValue': return [{ wrongItemValueMinor: 100 }, { wrongItemValueMinor: 50000 }];
    case 'returnShippingCost': return [{ returnShippingCostMinor: 100 }, { returnShippingCostMinor: 50000 }];
    case 'priceNow': return [{ priceNowMinor: 4900 }];
    case 'verifiedDifference': return [{ verifiedDifferenceMinor: 1000 }];
    default: return [{ [fact]: true }, { [fact]: false }];
  }
}

/** What a user sees of a draft. */
function visible(subtype: Subtype, facts: Facts, over: Partial<CaseInput> = {}): string {
  const d = draftFor(subtype, facts, over);
  return JSON.stringify([d.offers, d.shipping, d.approval, d.escalate, d.reply.text]);
}

const BASES: Facts[] = [
  {},
  { customerOrderedThis: false, wrongItemValueMinor: 5000, misuse: false, restockExpected: true, invoiceAvailable: true, weightMatchesCustomerClaim: true },
  { restockExpected: false, listingAccurate: false, customerOrderedThis: false, wrongItemValueMinor: 100 },
];
const ORDERS: Partial<CaseInput>[] = [
  {},
  { order: orderWithPart() },
  { order: order({ status: 'paid', shippedAt: undefined, deliveredAt: undefined }) },
];

describe('questions (CONTRACT.md): only facts that would change the decision', () => {
  it.each(ALL_SUBTYPES.map((s) => [s]))('%s: answering each question changes what the agent sees', (subtype) => {
    for (const facts of BASES) {
      for (const over of ORDERS) {
        const before = visible(subtype, facts, over);
        for (const q of draftFor(subtype, facts, over).questions) {
          const changed = answers(q.fact).some((a) => visible(subtype, { ...facts, ...a }, over) !== before);
          expect({ fact: q.fact, facts, changed }).toEqual({ fact: q.fact, facts, changed: true });
        }
      }
    }
  });

  it('a question disappears once its fact is given', () => {
    const d = draftFor('missing_item', { weightMatchesCustomerClaim: false, missingSku: 'TS-W' });
    expect(d.questions.map((q) => q.fact)).not.toContain('weightMatchesCustomerClaim');
    expect(d.questions.map((q) => q.fact)).not.toContain('missingSku');
  });
});
