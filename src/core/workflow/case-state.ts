/**
 * The approval workflow's vocabulary. A case moves
 *   drafted → (answered | edited)* → approved → released
 *                                  ↘ rejected
 * Every move names the revision it starts from, so the store can apply it as a
 * compare-and-set on (case id, status, revision): of two concurrent moves from the same
 * revision, exactly one wins.
 */
import type { Role } from '../types.ts';

export const WORKFLOW_STATUSES = ['drafted', 'approved', 'rejected', 'released'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

/** Who acts, as far as the workflow cares. */
export interface WorkflowActor {
  id: string;
  role: Role;
}

/** What the workflow needs to know of a case to judge a move. */
export interface CaseState {
  status: WorkflowStatus;
  /** Current draft revision; 1 is Settle's first decision. */
  revision: number;
  /** Actor id of whoever filed the case: counts as an author (separation of duties). */
  createdBy: string;
  /** Actor ids who answered questions on, or edited, the current draft. */
  authors: string[];
  /** The lowest role allowed to release the current draft. */
  approval: Role;
  /** A supervisor must look before anything goes out. */
  escalate: boolean;
}

/** One compare-and-set step: apply `to` only if the case is still at `from`. */
export interface WorkflowStep {
  from: { status: WorkflowStatus; revision: number };
  to: { status: WorkflowStatus; revision: number };
  /** Authors of the draft after the step. */
  authors: string[];
}

const RANK: Record<Role, number> = { agent: 1, supervisor: 2 };

/** True when `role` is at least `needed`. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** The role a release of this draft needs: escalated drafts always need a supervisor. */
export function requiredRole(state: Pick<CaseState, 'approval' | 'escalate'>): Role {
  return state.escalate ? 'supervisor' : state.approval;
}

/** Everyone who shaped the current draft: the filer plus answerers and editors. */
export function draftAuthors(state: Pick<CaseState, 'createdBy' | 'authors'>): string[] {
  return [...new Set([state.createdBy, ...state.authors])];
}
