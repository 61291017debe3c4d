import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction, MAX_ACTION_ID } from '../../../src/adapters/shared/action-id.ts';

describe('encodeAction / decodeAction', () => {
  it.each([
    { action: 'approve', caseId: '01JD3K7ZQ8X4N2V5B6C7D8E9F0', revision: 3 },
    { action: 'answer', caseId: 'c-1', revision: 1, fact: 'weightMatchesCustomerClaim', value: true },
    { action: 'answer', caseId: 'c-1', revision: 2, fact: 'customerDamaged', value: false },
    { action: 'answer', caseId: 'c-1', revision: 2, fact: 'wrongItemValue' },
    { action: 'full', caseId: 'c-1', revision: 0 },
    { action: 'lifecycle', caseId: 'c-1', revision: 4, move: 'send_followup' },
    { action: 'lifecycle', caseId: 'c-1', revision: 0, move: 'reopen' },
  ] as const)('round-trips $action $fact$move', (ref) => {
    const id = encodeAction(ref);
    expect(id.length).toBeLessThanOrEqual(MAX_ACTION_ID);
    expect(decodeAction(id)).toEqual(ref);
  });
  it('stays within 100 characters for a uuid case id with the longest fact', () => {
    const id = encodeAction({ action: 'answer', caseId: '123e4567-e89b-12d3-a456-426614174000', revision: 99999, fact: 'customerAcceptsAlternative', value: true });
    expect(id.length).toBeLessThanOrEqual(100);
  });
  it('refuses an id that would exceed the limit', () => {
    expect(() => encodeAction({ action: 'approve', caseId: 'x'.repeat(100), revision: 1 })).toThrow(RangeError);
  });
  it.each(['', 'approve', 's1|zz|c1|1', 's2|ap|c1|1', 's1|ap||1', 's1|ap|c1|-1', 's1|an|c1|1|99|y', 's1|an|c1|1|0|maybe', 's1|ap|c1|1.5', 's1|lc|c1|1', 's1|lc|c1|1|99', 's1|lc|c1|1|0|y'])(
    'rejects foreign or forged id %j',
    (id) => expect(decodeAction(id)).toBeNull(),
  );
});
