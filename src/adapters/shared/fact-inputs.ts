/**
 * How each CONTRACT.md fact is asked for in chat: booleans as Yes/No buttons, money and SKUs
 * through a modal field. Values are handed to the desk in contract form (money in major units).
 */
import { parseFactValue as parseContractFact } from '../../core/contract/parse-case.ts';
import type { FactKey } from '../../core/types.ts';
import { UserError } from '../../core/errors.ts';

export type FactInput = 'boolean' | 'money' | 'text';

export const FACT_INPUTS: Record<FactKey, FactInput> = {
  restockExpected: 'boolean', customerAcceptsAlternative: 'boolean', trackingUpdated: 'boolean',
  weightMatchesCustomerClaim: 'boolean', missingSku: 'text', customerOrderedThis: 'boolean',
  wrongItemValue: 'money', customerWantsItem: 'boolean', returnShippingCost: 'money', urgent: 'boolean',
  promoPeriod: 'boolean', misuse: 'boolean', customerInsistsReturn: 'boolean', listingAccurate: 'boolean',
  invoiceAvailable: 'boolean', customerHasProof: 'boolean', withinWarranty: 'boolean', priceNow: 'money',
  duplicateCharge: 'boolean', verifiedDifference: 'money', customerDamaged: 'boolean',
  deliveryProblem: 'text', repairedElsewhere: 'boolean', agentError: 'boolean', postageDiscussed: 'boolean',
  safetyIncident: 'boolean',
};

/**
 * Parse what a person typed for `fact` into its contract value. Throws `UserError('invalid_input')`
 * naming the fact, so a modal can show the error beside the field.
 */
export function parseFactValue(fact: FactKey, raw: string): boolean | number | string {
  const text = raw.trim();
  switch (FACT_INPUTS[fact]) {
    // Yes/no and text answers are read by the contract's own parser, the one the desk applies.
    case 'boolean':
      return parseContractFact(fact, text);
    case 'money': {
      // Plain decimal digits with optional thousands commas: no hex, exponents or signs.
      const digits = text.replace(/^[¥$€£]\s*/, '');
      const amount = Number(digits.replace(/,/g, ''));
      if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(digits) || !Number.isFinite(amount)) {
        throw new UserError('invalid_input', `${fact}: enter an amount such as 12.50`, { fact });
      }
      return amount;
    }
    case 'text':
      if (text === '') throw new UserError('invalid_input', `${fact}: enter a value`, { fact });
      return parseContractFact(fact, text);
  }
}
