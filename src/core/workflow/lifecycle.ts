/**
 * The lifecycle after release (POLICY.md §7: execute → record → follow up), as ONE transition
 * table: from a state, an action, by whom, to the next state. docs/lifecycle.md draws it as a
 * state diagram, and a test keeps the two equal. Like the approval workflow, every move names the
 * lifecycle sequence number it starts from, so the store applies it as a compare-and-set on
 * (case id, lifecycle state, sequence): of two concurrent moves, exactly one wins.
 */
import { UserError } from '../errors.ts';
import type { ExecutionRecord } from '../lifecycle/deadlines.ts';
import type { Role } from '../types.ts';
import { roleAtLeast, type WorkflowActor } from './case-state.ts';

export const LIFECYCLE_STATES = ['released', 'executed', 'followed_up', 'resolved', 'reopened'] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

export const LIFECYCLE_ACTIONS = ['return_arrived', 'execute', 'follow_up', 'resolve', 'reopen'] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

export interface LifecycleTransition {
  from: LifecycleState;
  action: LifecycleAction;
  to: LifecycleState;
  /** The lowest role that may make the move. */
  who: Role;
}

/** The table. A move that is not a row is refused with `invalid_transition`. */
export const LIFECYCLE_TABLE: readonly LifecycleTransition[] = [
  { from: 'released', action: 'return_arrived', to: 'released', who: 'agent' },
  { from: 'released', action: 'execute', to: 'executed', who: 'agent' },
  { from: 'executed', action: 'return_arrived', to: 'executed', who: 'agent' },
  { from: 'executed', action: 'execute', to: 'executed', who: 'agent' },
  { from: 'executed', action: 'follow_up', to: 'followed_up', who: 'agent' },
  { from: 'followed_up', action: 'resolve', to: 'resolved', who: 'agent' },
  { from: 'followed_up', action: 'reopen', to: 'reopened', who: 'agent' },
  { from: 'resolved', action: 'reopen', to: 'reopened', who: 'supervisor' },
  { from: 'reopened', action: 'execute', to: 'executed', who: 'agent' },
];

/** What the agent records of the customer's answer to the follow-up. */
export interface FollowUpAnswer {
  /** The customer says the problem is solved. */
  solved: boolean;
  /** The customer says they are satisfied; undefined when they did not say. */
  satisfied?: boolean;
  /** The customer could not be reached. */
  unreachable?: boolean;
  note?: string;
}

/** A lifecycle move with what it records. */
export type LifecycleMove =
  | { action: 'return_arrived'; arrivedAt?: string }
  | { action: 'execute'; record: ExecutionRecord }
  | { action: 'follow_up'; answer: FollowUpAnswer }
  | { action: 'resolve'; note?: string }
  | { action: 'reopen'; reason: string };

/** The compare-and-set step a move applies. */
export interface LifecycleStep {
  from: { state: LifecycleState; seq: number };
  to: { state: LifecycleState; seq: number };
  transition: LifecycleTransition;
}

/** What the lifecycle needs to know of a case to judge a move. */
export interface LifecycleCaseState {
  /** undefined until the case is released. */
  state: LifecycleState | undefined;
  seq: number;
}

/** The moves open from `state`, in table order. */
export function movesFrom(state: LifecycleState | undefined): LifecycleTransition[] {
  return LIFECYCLE_TABLE.filter((t) => t.from === state);
}

/** Checks a move against the table, the actor's role, the sequence they saw and what it records. */
export function planLifecycle(c: LifecycleCaseState, actor: WorkflowActor, move: LifecycleMove, expectedSeq: number): LifecycleStep {
  if (c.state === undefined) {
    throw new UserError('invalid_transition', `Nothing can be ${pastTense(move.action)} before the reply is released.`, { action: move.action });
  }
  const transition = LIFECYCLE_TABLE.find((t) => t.from === c.state && t.action === move.action);
  if (!transition) {
    const open = movesFrom(c.state).map((t) => t.action).join(', ') || 'none';
    throw new UserError('invalid_transition', `A ${c.state.replace('_', ' ')} case cannot take '${move.action}' (open: ${open}).`, { state: c.state, action: move.action });
  }
  if (!roleAtLeast(actor.role, transition.who)) {
    throw new UserError('forbidden_role', `Only a supervisor may ${move.action} a ${c.state.replace('_', ' ')} case.`, { needed: transition.who });
  }
  if (c.seq !== expectedSeq) {
    throw new UserError('stale_revision', `The case moved on (now step ${c.seq}, you saw ${expectedSeq}); look at it again.`, { seq: c.seq, expectedSeq });
  }
  checkMove(move);
  return { from: { state: c.state, seq: c.seq }, to: { state: transition.to, seq: c.seq + 1 }, transition };
}

/** What a move must carry: an execution names what was done; a reopen says why. */
function checkMove(move: LifecycleMove): void {
  if (move.action === 'execute') {
    const r = move.record;
    if (![r.trackingNumber, r.refundId, r.repairTicket].some((v) => v !== undefined && v.trim() !== '')) {
      throw new UserError('invalid_input', 'Say what was done: a tracking number, a refund id or a repair ticket.');
    }
  }
  if (move.action === 'reopen' && move.reason.trim() === '') throw new UserError('invalid_input', 'Say why the case is reopened.');
  if (move.action === 'return_arrived' && move.arrivedAt !== undefined && Number.isNaN(Date.parse(move.arrivedAt))) {
    throw new UserError('invalid_input', `'${move.arrivedAt}' is not a date and time.`);
  }
}

function pastTense(action: LifecycleAction): string {
  return { return_arrived: 'recorded as returned', execute: 'executed', follow_up: 'followed up', resolve: 'resolved', reopen: 'reopened' }[action];
}
