import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/app/desk.ts';
import { authorize } from '../../../src/adapters/shared/authorize.ts';
import { makeView } from './make-view.ts';

const supervisor: Actor = { id: 'slack:U_SUP', displayName: 'Wang', role: 'supervisor', platform: 'slack' };
const agent: Actor = { id: 'slack:U_AGENT2', displayName: 'Li', role: 'agent', platform: 'slack' };

describe('authorize', () => {
  it('lets a supervisor approve a supervisor-level draft', () => {
    expect(authorize(supervisor, makeView(), 'approve')).toEqual({ ok: true });
  });
  it('refuses an agent approving a supervisor-level draft (forbidden_role)', () => {
    const result = authorize(agent, makeView(), 'approve', 'en');
    expect(result).toEqual({ ok: false, code: 'forbidden_role', reason: 'Only a supervisor can do this for this draft' });
  });
  it('lets an agent approve an agent-level draft someone else wrote', () => {
    expect(authorize(agent, makeView({}, { approval: 'agent' }), 'approve').ok).toBe(true);
  });
  it('refuses an agent when the draft is escalated, whatever its level', () => {
    expect(authorize(agent, makeView({}, { approval: 'agent', escalate: true }), 'approve').ok).toBe(false);
  });
  it('refuses the author of the current draft, even a supervisor (separation of duties)', () => {
    const view = makeView({ authors: ['settle', supervisor.id] });
    const result = authorize(supervisor, view, 'approve');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe('forbidden_author');
  });
  it('lets the author reject (withdraw) when their role allows it', () => {
    expect(authorize(supervisor, makeView({ authors: [supervisor.id] }), 'reject').ok).toBe(true);
  });
  it('refuses any change to a decided case', () => {
    for (const action of ['approve', 'edit', 'reject', 'answer'] as const) {
      const result = authorize(supervisor, makeView({ status: 'released' }), action);
      expect(result.ok ? 'ok' : result.code).toBe('already_decided');
    }
  });
  it('lets anyone answer, edit or read the full message of a drafted case', () => {
    for (const action of ['answer', 'edit', 'full'] as const) expect(authorize(agent, makeView(), action).ok).toBe(true);
  });
  it('explains in the case language', () => {
    const result = authorize(agent, makeView(), 'approve');
    expect(result.ok ? '' : result.reason).toBe('此草稿须由主管处理');
  });
});
