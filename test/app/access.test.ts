/** The one access decision: deny by default, the core's approval rule, keys named in refusals. */
import { describe, expect, it } from 'vitest';
import { ACCESS_ACTIONS, ACCESS_TABLE, authorize, describeDefaultDenial, type Who } from '../../src/app/access.ts';
import { loadConfig } from '../../src/config.ts';
import { makeView } from '../adapters/shared/make-view.ts';

const slack = (role: Who['role'], extra: Partial<Who> = {}): Who => ({ id: `slack:U_${role}`, role, platform: 'slack', ...extra });
const discord = (role: Who['role']): Who => ({ id: `discord:1${role.length}`, role, platform: 'discord' });

describe('authorize', () => {
  it('anyone (no configured role) may only see the help, on every platform', () => {
    for (const who of [slack('anyone'), discord('anyone')]) {
      const allowed = ACCESS_ACTIONS.filter((a) => authorize(a, who, makeView(), 'en').ok);
      expect(allowed).toEqual(['help']);
    }
  });

  it('a refusal names the key that grants the action, per platform', () => {
    const s = authorize('file', slack('anyone'), undefined, 'en');
    expect(s).toMatchObject({ ok: false, code: 'not_staff', grantKey: 'SLACK_AGENT_IDS or SLACK_AGENT_GROUP' });
    expect(s.ok ? '' : s.reason).toContain('SLACK_AGENT_IDS or SLACK_AGENT_GROUP');
    expect(authorize('approve', discord('anyone'), makeView(), 'en')).toMatchObject({ ok: false, grantKey: 'DISCORD_AGENT_ROLE_IDS' });
    // An agent refused a supervisor-level draft is told the supervisor key (the core's threshold rule).
    const d = authorize('approve', discord('agent'), makeView(), 'en');
    expect(d).toMatchObject({ ok: false, code: 'forbidden_role', grantKey: 'DISCORD_SUPERVISOR_ROLE_IDS' });
    expect(d.ok ? '' : d.reason).toMatch(/Only a supervisor may approve this draft: the offer is above the agent threshold/);
  });

  it('a Slack guest is anyone even when a list makes them a supervisor', () => {
    const r = authorize('approve', slack('supervisor', { guest: true }), makeView(), 'en');
    expect(r).toMatchObject({ ok: false, code: 'not_staff' });
    expect(r.ok ? '' : r.reason).toMatch(/Guest accounts cannot approve/);
  });

  it('outside the case channels nothing on a case is allowed; help and the queue still are', () => {
    const who = slack('supervisor', { inCaseChannel: false });
    expect(authorize('file', who, undefined, 'en')).toMatchObject({ ok: false, code: 'wrong_channel', grantKey: 'SLACK_CASE_CHANNELS' });
    expect(authorize('approve', who, makeView(), 'en')).toMatchObject({ ok: false, code: 'wrong_channel' });
    expect(authorize('queue', who).ok).toBe(true);
  });

  it('the author column: an author never approves, may withdraw (reject) when their role allows', () => {
    const sup = slack('supervisor');
    const view = makeView({ authors: ['settle', sup.id] });
    expect(ACCESS_TABLE.approve.author).toBe('no');
    expect(authorize('approve', sup, view, 'en')).toMatchObject({ ok: false, code: 'forbidden_author' });
    expect(ACCESS_TABLE.reject.author).toBe('withdraw');
    expect(authorize('reject', sup, view, 'en').ok).toBe(true);
    expect(authorize('edit', sup, view, 'en').ok).toBe(true);
  });

  it('agents approve agent-level drafts only, never escalated ones', () => {
    expect(authorize('approve', slack('agent'), makeView({}, { approval: 'agent' })).ok).toBe(true);
    expect(authorize('approve', slack('agent'), makeView({}, { approval: 'agent', escalate: true })).ok).toBe(false);
    expect(authorize('reject', slack('agent'), makeView()).ok).toBe(false);
  });

  it('a decided case refuses every change, for every role', () => {
    for (const action of ['approve', 'edit', 'reject', 'answer'] as const) {
      const r = authorize(action, slack('supervisor'), makeView({ status: 'released' }));
      expect(r.ok ? 'ok' : r.code).toBe('already_decided');
    }
  });

  it('explains in the case language', () => {
    const r = authorize('approve', slack('agent'), makeView());
    expect(r.ok ? '' : r.reason).toContain('此草稿须由主管处理');
  });

  it('settle start says, in one line naming the keys, when a running platform has no agents', () => {
    const slackOnly = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_SUPERVISOR_IDS: 'U1' };
    const line = describeDefaultDenial(loadConfig(slackOnly));
    expect(line).toBe('settle: access is denied by default: no agents are configured (SLACK_AGENT_IDS, SLACK_AGENT_GROUP), so only configured supervisors can file or release; set SLACK_AGENT_IDS, SLACK_AGENT_GROUP for agents and SLACK_SUPERVISOR_IDS, SLACK_SUPERVISOR_GROUP for supervisors (docs/access.md)');
    expect(describeDefaultDenial(loadConfig({ ...slackOnly, SLACK_AGENT_GROUP: 'S1' }))).toBeUndefined();
    const discordBare = describeDefaultDenial(loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '130000000000000001' }));
    expect(discordBare).toContain('(DISCORD_AGENT_ROLE_IDS), so nobody can file or release (no supervisors either)');
    expect(describeDefaultDenial(loadConfig({}))).toBeUndefined();
  });
});
