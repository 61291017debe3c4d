/**
 * How each CONTRACT.md fact is asked for in chat: booleans as Yes/No buttons, money and SKUs
 * through a modal field. Values are handed to the desk in contract form (money in major units).
 */
import { DELIVERY_PROBLEMS, type FactKey } from '../../core/types.ts';
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
    case 'boolean': {
      if (/^(y|yes|true|1|是|对)$/i.test(text)) return true;
      if (/^(n|no|false|0|否|不)$/i.test(text)) return false;
      throw new UserError('invalid_input', `${fact}: answer yes or no`, { fact });
    }
    case 'money': {
      const amount = Number(text.replace(/^[¥$€£]/, '').replace(/,/g, ''));
      if (text === '' || !Number.isFinite(amount) || amount < 0) {
        throw new UserError('invalid_input', `${fact}: enter an amount such as 12.50`, { fact });
      }
      return amount;
    }
    case 'text':
      if (text === '') throw new UserError('invalid_input', `${fact}: enter a value`, { fact });
      if (fact === 'deliveryProblem' && !(DELIVERY_PROBLEMS as readonly string[]).includes(text)) {
        throw new UserError('invalid_input', `${fact}: one of ${DELIVERY_PROBLEMS.join(', ')}`, { fact });
      }
      return text;
  }
}
