/**
 * Edits the desk refused (over the cap, a bad amount), kept per case and person so their next
 * Edit starts from what they typed. In memory and bounded: a restart forgets them, which only
 * costs retyping — the refusal itself is in the audit log.
 */
import type { Actor } from '../../app/desk.ts';
import type { KeptEdit } from './render-modals.ts';

const MAX_KEPT = 500;

export class KeptEdits {
  private readonly entries = new Map<string, KeptEdit>();

  get(caseId: string, actor: Actor): KeptEdit | undefined {
    return this.entries.get(key(caseId, actor));
  }

  keep(caseId: string, actor: Actor, edit: KeptEdit): void {
    const k = key(caseId, actor);
    this.entries.delete(k);
    this.entries.set(k, edit);
    // Oldest first out: Map iterates in insertion order.
    for (const old of this.entries.keys()) {
      if (this.entries.size <= MAX_KEPT) break;
      this.entries.delete(old);
    }
  }

  forget(caseId: string, actor: Actor): void {
    this.entries.delete(key(caseId, actor));
  }
}

function key(caseId: string, actor: Actor): string {
  return `${caseId}|${actor.id}`;
}
