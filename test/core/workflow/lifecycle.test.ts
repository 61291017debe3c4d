/** The lifecycle transition table as a person meets it: what moves, who may, what it must carry. */
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../../src/core/errors.ts';
import { planLifecycle, type LifecycleMove } from '../../../src/core/workflow/lifecycle.ts';

const agent = { id: 'console:li', role: 'agent' as const };
const sup = { id: 'console:wang', role: 'supervisor' as const };
const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isUserError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'ok';
};

describe('planLifecycle', () => {
  it('walks released → executed → followed_up → resolved, one sequence step each', () => {
    const steps: [LifecycleMove, string][] = [
      [{ action: 'execute', record: { trackingNumber: 'SF123' } }, 'executed'],
      [{ action: 'follow_up', answer: { solved: true, satisfied: true } }, 'followed_up'],
      [{ action: 'resolve' }, 'resolved'],
    ];
    let c = { state: 'released' as const as never, seq: 0 };
    for (const [move, to] of steps) {
      const step = planLifecycle(c, agent, move, c.seq);
      expect(step.to).toEqual({ state: to, seq: c.seq + 1 });
      c = { state: step.to.state as never, seq: step.to.seq };
    }
  });
  it('refuses what is not a row, naming the moves that are open', () => {
    expect(code(() => planLifecycle({ state: 'released', seq: 0 }, agent, { action: 'resolve' }, 0)))
      .toBe("invalid_transition: A released case cannot take 'resolve' (open: return_arrived, execute).");
    expect(code(() => planLifecycle({ state: undefined, seq: 0 }, agent, { action: 'execute', record: { refundId: 'R' } }, 0))).toMatch(/^invalid_transition: Nothing can be executed before the reply is released/);
  });
  it('only a supervisor reopens a resolved case; an agent reopens one whose follow-up failed', () => {
    expect(code(() => planLifecycle({ state: 'resolved', seq: 3 }, agent, { action: 'reopen', reason: 'came back' }, 3))).toMatch(/^forbidden_role/);
    expect(planLifecycle({ state: 'resolved', seq: 3 }, sup, { action: 'reopen', reason: 'came back' }, 3).to.state).toBe('reopened');
    expect(planLifecycle({ state: 'followed_up', seq: 2 }, agent, { action: 'reopen', reason: 'still broken' }, 2).to.state).toBe('reopened');
    expect(planLifecycle({ state: 'reopened', seq: 3 }, agent, { action: 'execute', record: { repairTicket: 'RT-9' } }, 3).to.state).toBe('executed');
  });
  it('an execution must say what was done; a reopen why; a stale step is refused', () => {
    expect(code(() => planLifecycle({ state: 'released', seq: 0 }, agent, { action: 'execute', record: { note: 'done' } }, 0))).toMatch(/^invalid_input: Say what was done/);
    expect(code(() => planLifecycle({ state: 'followed_up', seq: 2 }, agent, { action: 'reopen', reason: ' ' }, 2))).toMatch(/^invalid_input/);
    expect(code(() => planLifecycle({ state: 'released', seq: 1 }, agent, { action: 'execute', record: { refundId: 'R' } }, 0))).toMatch(/^stale_revision/);
  });
});
