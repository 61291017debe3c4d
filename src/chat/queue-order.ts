/**
 * The order of the queue, in one function so every front end pages the same order (Slack's App
 * Home, Discord's /settle queue, the console's /queue).
 */
import type { CaseSummary } from '../app/desk.ts';

const due = (c: CaseSummary) => (c.nextDueAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(c.nextDueAt));

/**
 * By the next unmet §6 deadline, earliest first — so overdue cases lead, most overdue first —
 * then the cases that keep no deadline, oldest first. The sort is stable, so cases alike on both
 * keep the order the desk listed them in (the order they were filed).
 */
export function sortQueue(cases: readonly CaseSummary[]): CaseSummary[] {
  return [...cases].sort((a, b) => due(a) - due(b) || Date.parse(a.createdAt) - Date.parse(b.createdAt));
}
