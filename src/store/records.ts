/**
 * Records the store keeps that the app also shows: they belong to the store port (the port
 * depends on nothing above it); `src/app/desk.ts` re-exports them for the front ends.
 */
import type { Draft } from '../core/types.ts';

export type Platform = 'console' | 'slack' | 'discord' | 'cli';

/** Where a case's card lives on a platform, so later updates edit the same message. */
export interface ChannelRef {
  platform: Platform;
  channelId: string;
  messageId?: string;
  threadId?: string;
}

/** One revision of a case's draft. Revision 1 is Settle's; later ones are answers or edits. */
export interface DraftRevision {
  revision: number;
  draft: Draft;
  /** Who produced it: `settle` for decisions, an actor id for edits. */
  authorId: string;
  createdAt: string;
  /** Why the revision exists. */
  cause: 'decided' | 'answered' | 'edited';
}

export interface AuditEntry {
  seq: number;
  caseId: string;
  at: string;
  actorId: string;
  action: string;
  /** Before/after text and amounts, playbook version, denial reasons … */
  detail: Record<string, unknown>;
}

/**
 * What a person typed into an Edit form that the desk refused (over the cap, a bad amount),
 * kept per case and person so their next Edit starts from it: the reply, and amounts by offer
 * index as typed.
 */
export interface KeptEdit {
  replyText: string;
  amounts: Record<number, string>;
}
