/**
 * The approval state machine's rules, pure: each `plan*` function checks a move against the
 * case state and returns the compare-and-set step(s) to apply, or throws a UserError naming
 * why the move is refused. The store applies the steps atomically; the desk re-reads and
 * reports when a concurrent move won the race.
 */
import { UserError } from '../errors.ts';
import type { CaseState, WorkflowActor, WorkflowStep } from './case-state.ts';
import { draftAuthors, requiredRole, roleAtLeast } from './case-state.ts';

/** A cap the edited offers break (shape of `checkOffers` results in core/policy/caps.ts). */
export interface CapBreach {
  offerIndex: number;
  rule: string;
  message: string;
  maxMinor?: number;
}

/** The case must still be open and at the revision the actor looked at. */
export function requireOpenAt(state: CaseState, expectedRevision: number): void {
  if (state.status !== 'drafted') {
    throw new UserError('already_decided', `This case is already ${state.status}.`, { status: state.status });
  }
  if (state.revision !== expectedRevision) {
    throw new UserError('stale_revision', `The draft changed (now revision ${state.revision}, you saw ${expectedRevision}); look at it again.`, {
      revision: state.revision,
      expectedRevision,
    });
  }
}

function reviseStep(state: CaseState, actor: WorkflowActor): WorkflowStep {
  return {
    from: { status: 'drafted', revision: state.revision },
    to: { status: 'drafted', revision: state.revision + 1 },
    authors: [...new Set([...state.authors, actor.id])],
  };
}

/**
 * Answering a question re-decides the draft as a new revision. The answerer becomes an
 * author: the facts they supplied change the offer, so they may not approve it.
 */
export function planAnswer(state: CaseState, actor: WorkflowActor, expectedRevision: number): WorkflowStep {
  requireOpenAt(state, expectedRevision);
  return reviseStep(state, actor);
}

/** An edit is a new revision by the editor; `breaches` come from re-checking the edited offers. */
export function planEdit(state: CaseState, actor: WorkflowActor, expectedRevision: number, breaches: readonly CapBreach[]): WorkflowStep {
  requireOpenAt(state, expectedRevision);
  if (breaches.length > 0) {
    const list = breaches.map((b) => `offer ${b.offerIndex + 1}: ${b.message} (${b.rule})`).join('; ');
    throw new UserError('over_cap', `The edit goes past what a ${actor.role} may grant: ${list}`, { breaches });
  }
  return reviseStep(state, actor);
}

/** Why `actor` may not approve (or reject) the current draft, or undefined when they may. */
export function approvalRefusal(state: CaseState, actor: WorkflowActor, action: 'approve' | 'reject'): UserError | undefined {
  const needed = requiredRole(state);
  if (!roleAtLeast(actor.role, needed)) {
    const why = state.escalate ? 'this case is escalated' : 'the offer is above the agent threshold';
    return new UserError('forbidden_role', `Only a supervisor may ${action} this draft: ${why}.`, { needed });
  }
  if (action === 'approve' && draftAuthors(state).includes(actor.id)) {
    return new UserError('forbidden_author', 'You filed, answered or edited this draft; someone else must approve it (separation of duties).');
  }
  return undefined;
}

export type ApprovePlan = { outcome: 'already' } | { outcome: 'release'; step: WorkflowStep };

/**
 * Approving releases at once: drafted → approved → released is ONE compare-and-set step (the
 * audit log records both the approval and the release). A case already approved or released
 * answers `already` (a retried click, a second supervisor), never a second release.
 */
export function planApprove(state: CaseState, actor: WorkflowActor, expectedRevision: number): ApprovePlan {
  if (state.status === 'released' || state.status === 'approved') return { outcome: 'already' };
  requireOpenAt(state, expectedRevision);
  const refusal = approvalRefusal(state, actor, 'approve');
  if (refusal) throw refusal;
  return {
    outcome: 'release',
    step: { from: { status: 'drafted', revision: state.revision }, to: { status: 'released', revision: state.revision }, authors: state.authors },
  };
}

/**
 * Rejecting needs the role that could approve; the author may withdraw their own draft
 * (nothing reaches the customer, so separation of duties is not at stake). A reason is required.
 */
export function planReject(state: CaseState, actor: WorkflowActor, expectedRevision: number, reason: string): WorkflowStep {
  requireOpenAt(state, expectedRevision);
  if (reason.trim() === '') throw new UserError('invalid_input', 'Say why the draft is rejected.');
  const refusal = approvalRefusal(state, actor, 'reject');
  if (refusal) throw refusal;
  return { from: { status: 'drafted', revision: state.revision }, to: { status: 'rejected', revision: state.revision }, authors: state.authors };
}
