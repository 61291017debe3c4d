import { describe, expect, it } from 'vitest';
import type { CaseState } from '../../../src/core/workflow/case-state.ts';
import { requiredRole } from '../../../src/core/workflow/case-state.ts';
import { planAnswer, planApprove, planEdit, planReject } from '../../../src/core/workflow/transitions.ts';
import { UserError } from '../../../src/core/errors.ts';

const base: CaseState = { status: 'drafted', revision: 1, createdBy: 'console:li', authors: [], approval: 'agent', escalate: false };
const li = { id: 'console:li', role: 'agent' as const };
const zhao = { id: 'console:zhao', role: 'agent' as const };
const wang = { id: 'console:wang', role: 'supervisor' as const };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e.code;
    throw e;
  }
  return undefined;
}

describe('approve', () => {
  it.each([
    ['another agent approves an agent-level draft', base, zhao, 'release'],
    ['a supervisor approves an agent-level draft', base, wang, 'release'],
    ['a supervisor approves a supervisor-level draft', { ...base, approval: 'supervisor' }, wang, 'release'],
    ['a supervisor approves an escalated draft', { ...base, escalate: true }, wang, 'release'],
  ] as const)('%s → released', (_name, state, actor, outcome) => {
    const plan = planApprove(state as CaseState, actor, 1);
    expect(plan.outcome).toBe(outcome);
    if (plan.outcome === 'release') expect(plan.step).toMatchObject({ from: { status: 'drafted', revision: 1 }, to: { status: 'released', revision: 1 } });
  });

  it.each([
    ['an agent on a supervisor-level draft', { ...base, approval: 'supervisor' }, zhao, 'forbidden_role'],
    ['an agent on an escalated agent-level draft', { ...base, escalate: true }, zhao, 'forbidden_role'],
    ['the agent who filed the case (separation of duties)', base, li, 'forbidden_author'],
    ['a supervisor who filed the case', { ...base, createdBy: 'console:wang' }, wang, 'forbidden_author'],
    ['a supervisor who edited the draft', { ...base, authors: ['console:wang'], revision: 2 }, wang, 'forbidden_author'],
    ['anyone on a rejected case', { ...base, status: 'rejected' }, wang, 'already_decided'],
  ] as const)('refuses %s', (_name, state, actor, code) => {
    expect(codeOf(() => planApprove(state as CaseState, actor, (state as CaseState).revision))).toBe(code);
  });

  it('refuses a stale revision: the draft changed after the approver looked', () => {
    expect(codeOf(() => planApprove({ ...base, revision: 3 }, wang, 2))).toBe('stale_revision');
  });

  it('answers `already` for a released or approved case, whoever clicks, with no step to apply', () => {
    expect(planApprove({ ...base, status: 'released' }, wang, 1)).toEqual({ outcome: 'already' });
    expect(planApprove({ ...base, status: 'approved' }, li, 7)).toEqual({ outcome: 'already' });
  });
});

describe('answer and edit', () => {
  it('an answer is a new revision and makes the answerer an author', () => {
    const step = planAnswer(base, wang, 1);
    expect(step).toEqual({ from: { status: 'drafted', revision: 1 }, to: { status: 'drafted', revision: 2 }, authors: ['console:wang'] });
    expect(codeOf(() => planApprove({ ...base, revision: 2, authors: step.authors }, wang, 2))).toBe('forbidden_author');
  });

  it('an edit within caps is a new revision by the editor', () => {
    expect(planEdit(base, zhao, 1, []).to.revision).toBe(2);
  });

  it('an edit over the cap is refused with over_cap, naming the rule and the offer', () => {
    let err: UserError | undefined;
    try {
      planEdit(base, zhao, 1, [{ offerIndex: 0, rule: 'cap.agent', message: 'above the agent limit of ¥50.00', maxMinor: 5000 }]);
    } catch (e) {
      err = e as UserError;
    }
    expect(err?.code).toBe('over_cap');
    expect(err?.message).toContain('offer 1');
    expect(err?.message).toContain('cap.agent');
  });

  it('nothing changes on a decided case', () => {
    expect(codeOf(() => planEdit({ ...base, status: 'released' }, wang, 1, []))).toBe('already_decided');
    expect(codeOf(() => planAnswer({ ...base, status: 'rejected' }, wang, 1))).toBe('already_decided');
    expect(codeOf(() => planAnswer(base, wang, 0))).toBe('stale_revision');
  });
});

describe('reject', () => {
  it('needs a reason and the approving role; the filer may withdraw an agent-level draft', () => {
    expect(planReject(base, li, 1, 'duplicate').to.status).toBe('rejected');
    expect(codeOf(() => planReject(base, wang, 1, '  '))).toBe('invalid_input');
    expect(codeOf(() => planReject({ ...base, escalate: true }, li, 1, 'no'))).toBe('forbidden_role');
  });

  it('an escalated draft needs a supervisor whatever its approval level', () => {
    expect(requiredRole({ approval: 'agent', escalate: true })).toBe('supervisor');
    expect(requiredRole({ approval: 'agent', escalate: false })).toBe('agent');
  });
});
