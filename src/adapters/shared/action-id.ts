/**
 * Compact, versioned ids for buttons and modals (Slack `action_id`/`value`/`private_metadata`,
 * Discord `custom_id` ≤ 100 chars). They carry the case id and the revision the person saw, so a
 * click on a stale card is refused by the desk's compare-and-set instead of acting on a newer draft.
 */
import { FACT_KEYS, type FactKey } from '../../core/types.ts';

export const CARD_ACTIONS = ['approve', 'edit', 'reject', 'answer', 'full', 'page', 'lifecycle'] as const;
export type CardAction = (typeof CARD_ACTIONS)[number];

export interface ActionRef {
  action: CardAction;
  caseId: string;
  revision: number;
  fact?: FactKey;
  /** Button answers only: booleans; other values come from a modal. */
  value?: boolean;
  /** `lifecycle` only: which lifecycle button (src/chat/lifecycle-card.ts); `revision` carries the lifecycle step. */
  move?: LifecycleButton;
}

/** The lifecycle buttons on a released case's card (src/chat/lifecycle-card.ts labels them). */
export const LIFECYCLE_BUTTONS = ['returned', 'execute', 'send_followup', 'solved', 'unsolved', 'unreachable', 'resolve', 'reopen'] as const;
export type LifecycleButton = (typeof LIFECYCLE_BUTTONS)[number];

/** Discord's custom_id limit, the tighter of the two platforms. */
export const MAX_ACTION_ID = 100;
const PREFIX = 's1';
const CODES: Record<CardAction, string> = { approve: 'ap', edit: 'ed', reject: 'rj', answer: 'an', full: 'fm', page: 'pg', lifecycle: 'lc' };
const BY_CODE = new Map(Object.entries(CODES).map(([action, code]) => [code, action as CardAction]));

/** `s1|ap|<caseId>|<revision>[|<fact index>|y/n]` (`s1|lc|<caseId>|<step>|<button index>`); throws RangeError when it would exceed 100 chars. */
export function encodeAction(ref: ActionRef): string {
  if (ref.caseId.includes('|')) throw new RangeError(`case id may not contain '|': ${ref.caseId}`);
  if (!Number.isInteger(ref.revision) || ref.revision < 0) throw new RangeError(`bad revision ${ref.revision}`);
  const parts = [PREFIX, CODES[ref.action], ref.caseId, String(ref.revision)];
  if (ref.action === 'lifecycle') {
    if (!ref.move) throw new RangeError('a lifecycle action names its button');
    parts.push(String(LIFECYCLE_BUTTONS.indexOf(ref.move)));
  } else if (ref.fact !== undefined) {
    parts.push(String(FACT_KEYS.indexOf(ref.fact)));
    if (ref.value !== undefined) parts.push(ref.value ? 'y' : 'n');
  }
  const id = parts.join('|');
  if (id.length > MAX_ACTION_ID) throw new RangeError(`action id longer than ${MAX_ACTION_ID}: ${id.length}`);
  return id;
}

/** Inverse of `encodeAction`; `null` for anything it did not produce (old cards, forged values). */
export function decodeAction(id: string): ActionRef | null {
  const parts = id.split('|');
  if (parts.length < 4 || parts.length > 6 || parts[0] !== PREFIX) return null;
  const action = BY_CODE.get(parts[1] ?? '');
  const caseId = parts[2] ?? '';
  const revision = Number(parts[3]);
  if (!action || caseId === '' || !Number.isInteger(revision) || revision < 0) return null;
  const ref: ActionRef = { action, caseId, revision };
  if (action === 'lifecycle') {
    const move = LIFECYCLE_BUTTONS[Number(parts[4])];
    if (move === undefined || !/^\d+$/.test(parts[4] ?? '') || parts.length !== 5) return null;
    return { ...ref, move };
  }
  if (parts[4] !== undefined) {
    const fact = FACT_KEYS[Number(parts[4])];
    if (fact === undefined || !/^\d+$/.test(parts[4])) return null;
    ref.fact = fact;
  }
  if (parts[5] !== undefined) {
    if (parts[5] !== 'y' && parts[5] !== 'n') return null;
    ref.value = parts[5] === 'y';
  }
  return ref;
}
