/** §6 deadlines from the playbook's lifecycle keys, on an injected clock, working hours respected. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUserError, type UserError } from '../../../src/core/errors.ts';
import { applyDeadlinePlan, dueNotices, nextDeadline, planDeadlines, type Deadline } from '../../../src/core/lifecycle/deadlines.ts';
import { addWorkingMinutes } from '../../../src/core/lifecycle/working-clock.ts';
import { parsePlaybook } from '../../../src/core/playbook/schema.ts';
import type { LifecycleSettings } from '../../../src/core/playbook/store-schema.ts';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';

const settings = loadPlaybook('playbooks').settings.lifecycle as LifecycleSettings;
/** Tuesday 2026-11-24, 10:00 in Shanghai (UTC+8). */
const TUE_10 = new Date('2026-11-24T02:00:00.000Z');
const at = (iso: string) => new Date(iso);

describe('working clock', () => {
  const weekdays = { ...settings, workingDays: [1, 2, 3, 4, 5], workingHours: { start: '09:00', end: '18:00' }, holidays: ['2026-11-30'] };
  it('counts inside the working hours as they are', () => {
    expect(addWorkingMinutes(TUE_10, 60, weekdays).toISOString()).toBe('2026-11-24T03:00:00.000Z');
  });
  it('carries what is left of a day to the next working morning, over a weekend and a holiday', () => {
    // Friday 17:30 local + 1 h: 30 min on Friday, Monday 11-30 is a holiday, so Tuesday 09:30.
    expect(addWorkingMinutes(at('2026-11-27T09:30:00.000Z'), 60, weekdays).toISOString()).toBe('2026-12-01T01:30:00.000Z');
  });
  it('starts at opening time for a complaint filed at night', () => {
    expect(addWorkingMinutes(at('2026-11-24T14:00:00.000Z'), 60, weekdays).toISOString()).toBe('2026-11-25T02:00:00.000Z');
  });
});

describe('planDeadlines', () => {
  it('a filed case owes its first reply in 1 working hour, reminded 15 min before', () => {
    const { open } = planDeadlines({ kind: 'filed', at: TUE_10, crossBorder: false }, settings);
    expect(open).toEqual([{ kind: 'first_reply', openedAt: TUE_10.toISOString(), dueAt: '2026-11-24T03:00:00.000Z', remindAt: '2026-11-24T02:45:00.000Z' }]);
  });
  it('a first reply filed at night falls due at 10:00 the next morning; never past 24 h on the calendar', () => {
    const night = planDeadlines({ kind: 'filed', at: at('2026-11-24T14:30:00.000Z'), crossBorder: false }, settings).open[0];
    expect(night?.dueAt).toBe('2026-11-25T02:00:00.000Z');
    const sparse = { ...settings, workingDays: [1] };
    const capped = planDeadlines({ kind: 'filed', at: TUE_10, crossBorder: false }, sparse).open[0];
    expect(capped?.dueAt).toBe('2026-11-25T02:00:00.000Z');
  });
  it('a cross-border case also gets the 5-day dispute window', () => {
    const kinds = planDeadlines({ kind: 'filed', at: TUE_10, crossBorder: true }, settings).open.map((d) => [d.kind, d.dueAt]);
    expect(kinds).toEqual([['first_reply', '2026-11-24T03:00:00.000Z'], ['cross_border', '2026-11-29T02:00:00.000Z']]);
  });
  it('release meets the first reply and opens the refund of an unshipped order and the reship tracking number', () => {
    const plan = planDeadlines({ kind: 'released', at: TUE_10, unshipped: true, offers: ['refund', 'reship'] }, settings);
    expect(plan.meet).toEqual(['first_reply']);
    expect(plan.open.map((d) => [d.kind, d.dueAt])).toEqual([['refund_unshipped', '2026-11-24T03:00:00.000Z'], ['reship_tracking', '2026-11-24T03:00:00.000Z']]);
    expect(planDeadlines({ kind: 'released', at: TUE_10, unshipped: false, offers: ['refund'] }, settings).open).toEqual([]);
  });
  it('return arrived opens the 24 h refund; execution with a refund id meets it and opens the 24 h follow-up', () => {
    const returned = planDeadlines({ kind: 'return_arrived', at: TUE_10 }, settings);
    expect(returned.open.map((d) => [d.kind, d.dueAt, d.remindAt])).toEqual([['refund_after_return', '2026-11-25T02:00:00.000Z', '2026-11-25T00:00:00.000Z']]);
    const executed = planDeadlines({ kind: 'executed', at: TUE_10, record: { refundId: 'R1' } }, settings);
    expect(executed.meet).toEqual(['cross_border', 'refund_unshipped', 'refund_after_return']);
    expect(executed.open.map((d) => d.kind)).toEqual(['follow_up']);
    expect(planDeadlines({ kind: 'executed', at: TUE_10, record: { trackingNumber: 'SF1' } }, settings).meet).toEqual(['cross_border', 'reship_tracking']);
  });
  it('resolve meets every deadline still open', () => {
    const open = planDeadlines({ kind: 'executed', at: TUE_10, record: { repairTicket: 'T1' } }, settings).open;
    const after = applyDeadlinePlan(open, planDeadlines({ kind: 'resolved', at: TUE_10 }, settings), TUE_10);
    expect(after.every((d) => d.metAt === TUE_10.toISOString())).toBe(true);
  });
});

describe('dueNotices', () => {
  const d: Deadline = { kind: 'first_reply', openedAt: TUE_10.toISOString(), dueAt: '2026-11-24T03:00:00.000Z', remindAt: '2026-11-24T02:45:00.000Z' };
  it('nothing before the reminder time; a reminder from it; an escalation from the due time', () => {
    expect(dueNotices([d], at('2026-11-24T02:44:59.000Z'))).toEqual([]);
    expect(dueNotices([d], at('2026-11-24T02:45:00.000Z'))).toEqual([{ notice: 'reminder', deadline: d }]);
    expect(dueNotices([{ ...d, remindedAt: '2026-11-24T02:45:00.000Z' }], at('2026-11-24T02:59:00.000Z'))).toEqual([]);
    expect(dueNotices([{ ...d, remindedAt: '2026-11-24T02:45:00.000Z' }], at('2026-11-24T03:00:00.000Z')).map((n) => n.notice)).toEqual(['escalation']);
  });
  it('a deadline that passed unreminded (Settle was down) is escalated, not reminded late; met or escalated ones say nothing', () => {
    expect(dueNotices([d], at('2026-11-24T05:00:00.000Z')).map((n) => n.notice)).toEqual(['escalation']);
    expect(dueNotices([{ ...d, escalatedAt: '2026-11-24T03:00:00.000Z' }], at('2026-11-24T05:00:00.000Z'))).toEqual([]);
    expect(dueNotices([{ ...d, metAt: '2026-11-24T02:50:00.000Z' }], at('2026-11-24T05:00:00.000Z'))).toEqual([]);
  });
  it('the next deadline is the earliest unmet one', () => {
    const later = { ...d, kind: 'follow_up' as const, dueAt: '2026-11-25T03:00:00.000Z' };
    expect(nextDeadline([later, d])?.kind).toBe('first_reply');
    expect(nextDeadline([later, { ...d, metAt: TUE_10.toISOString() }])?.kind).toBe('follow_up');
    expect(nextDeadline([])).toBeUndefined();
  });
});

describe('playbook lifecycle keys', () => {
  const files = (): Record<string, unknown> => Object.fromEntries(['store.json', 'replies.zh.json', 'replies.en.json'].map((f) => [f, JSON.parse(readFileSync(join('playbooks', f), 'utf8'))]));
  const failure = (mutate: (store: { lifecycle: Record<string, unknown> & { limits: Record<string, Record<string, unknown>> }; sla: Record<string, unknown> }) => void): UserError => {
    const f = files();
    mutate(f['store.json'] as never);
    try {
      parsePlaybook(f, 'test');
    } catch (e) {
      if (isUserError(e)) return e;
      throw e;
    }
    throw new Error('expected playbook_invalid');
  };
  it('a misspelled limit is named with its path and a suggestion', () => {
    const e = failure((s) => {
      s.lifecycle.limits.folowUp = s.lifecycle.limits.followUp!;
      delete s.lifecycle.limits.followUp;
    });
    expect(e.message).toContain('store.json: lifecycle.limits.folowUp: unknown key "folowUp" (did you mean "followUp"?)');
    expect(e.message).toContain('store.json: lifecycle.limits.followUp: missing');
  });
  it('a bad clock, a bad zone and hours that differ from the promise in the reply are refused, all at once', () => {
    const e = failure((s) => {
      s.lifecycle.limits.followUp!.clock = 'wall';
      s.lifecycle.timezone = 'Mars/Olympus';
    });
    expect(e.message).toMatch(/lifecycle\.limits\.followUp\.clock: .*working.*calendar/);
    expect(e.message).toContain('store.json: lifecycle.timezone: not an IANA time zone');
    const hours = failure((s) => {
      s.lifecycle.limits.followUp!.hours = 48;
    });
    expect(hours.message).toContain('store.json: lifecycle.limits.followUp.hours: 48 differs from sla.followUpHours (24), the time the reply promises');
  });
  it('a playbook without lifecycle keys still loads (no deadlines are kept)', () => {
    const f = files();
    delete (f['store.json'] as { lifecycle?: unknown }).lifecycle;
    expect(parsePlaybook(f, 'test').settings.lifecycle).toBeUndefined();
  });
});
