import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../src/app/desk.ts';
import { sortQueue } from '../../src/chat/queue-order.ts';

const summary = (id: string, createdAt: string, nextDueAt?: string): CaseSummary => ({
  id, status: 'drafted', category: 'logistics', subtype: 'not_received', approval: 'agent', escalate: false, createdBy: 'console:li', createdAt, preview: 'parcel missing',
  ...(nextDueAt ? { nextDueAt } : {}),
});

describe('sortQueue (the queue order every front end pages)', () => {
  it('without deadlines: the oldest case first; cases filed in the same millisecond keep the order they were listed in', () => {
    const cases = [
      summary('c3', '2026-11-24T10:00:00.000Z'),
      summary('c1', '2026-11-24T08:00:00.000Z'),
      summary('c4', '2026-11-24T10:00:00.000Z'),
      summary('c2', '2026-11-24T09:30:00.000+08:00'),
    ];
    expect(sortQueue(cases).map((c) => c.id)).toEqual(['c2', 'c1', 'c3', 'c4']);
    expect(cases.map((c) => c.id)).toEqual(['c3', 'c1', 'c4', 'c2']);
  });

  it('by the next deadline: the most overdue first, then the soonest due, then cases with none, oldest first', () => {
    const cases = [
      summary('none-old', '2026-11-24T01:00:00.000Z'),
      summary('due-later', '2026-11-24T09:00:00.000Z', '2026-11-25T12:00:00.000Z'),
      summary('overdue-1h', '2026-11-24T08:00:00.000Z', '2026-11-24T11:00:00.000Z'),
      summary('none-new', '2026-11-24T11:00:00.000Z'),
      summary('overdue-2h', '2026-11-24T09:30:00.000Z', '2026-11-24T18:00:00.000+08:00'),
    ];
    expect(sortQueue(cases).map((c) => c.id)).toEqual(['overdue-2h', 'overdue-1h', 'due-later', 'none-old', 'none-new']);
  });
});
