/**
 * The order of the queue, in one function so it can be replaced (a deadline order, say) without
 * touching a flow or an adapter: every front end pages what this returns.
 */
import type { CaseSummary } from '../app/desk.ts';

/**
 * Oldest first. The sort is stable, so cases filed in the same millisecond keep the order the
 * desk listed them in (the order they were filed).
 */
export function sortQueue(cases: readonly CaseSummary[]): CaseSummary[] {
  return [...cases].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}
