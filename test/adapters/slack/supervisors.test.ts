import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { createRoleResolver, createStandingResolver, GROUP_CACHE_MS } from '../../../src/adapters/slack/supervisors.ts';
import { createSilentLogger } from '../../../src/logger.ts';
import { FakeSlackApi } from '../../fakes/slack/fake-slack-api.ts';

const TOKEN = 'xoxb-roles-1';
let fake: FakeSlackApi;
let now: number;
const clock = () => new Date(now);
beforeEach(async () => {
  fake = await new FakeSlackApi({ botToken: TOKEN, usergroups: { S_SUP: ['U_G'] } }).start();
  now = Date.parse('2026-11-24T00:00:00Z');
});
afterEach(async () => {
  await fake.close();
});

const client = () => new webApi.WebClient(TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });

describe('supervisor roles at click time', () => {
  it('ids and group members are supervisors, agent ids agents, everyone else nobody; the group is looked up once per minute', async () => {
    const roleOf = createRoleResolver(client(), { supervisorIds: ['U_ID'], supervisorGroup: 'S_SUP', agentIds: ['U_A'] }, createSilentLogger(), clock);
    expect(await Promise.all(['U_ID', 'U_G', 'U_X', 'U_G', 'U_A'].map(roleOf))).toEqual(['supervisor', 'supervisor', 'anyone', 'supervisor', 'agent']);
    expect(fake.callsTo('usergroups.users.list')).toHaveLength(1);
    now += GROUP_CACHE_MS + 1;
    await roleOf('U_G');
    expect(fake.callsTo('usergroups.users.list')).toHaveLength(2);
  });

  it('a failed group lookup fails closed (not staff) and is retried on the next click', async () => {
    const roleOf = createRoleResolver(client(), { supervisorIds: [], supervisorGroup: 'S_SUP' }, createSilentLogger(), clock);
    fake.failNext('usergroups.users.list', 'missing_scope');
    expect(await roleOf('U_G')).toBe('anyone');
    expect(await roleOf('U_G')).toBe('supervisor');
  });

  it('without a group no lookup is made', async () => {
    const roleOf = createRoleResolver(client(), { supervisorIds: ['U_ID'] }, createSilentLogger(), clock);
    expect(await roleOf('U_X')).toBe('anyone');
    expect(fake.calls).toHaveLength(0);
  });

  it('a guest is never staff; a failed users.info counts as a guest (fail closed); non-staff cost no lookup', async () => {
    const own = await new FakeSlackApi({ botToken: TOKEN, guests: ['U_GUEST'] }).start();
    try {
      const c = new webApi.WebClient(TOKEN, { slackApiUrl: own.apiUrl, retryConfig: { retries: 0 } });
      const standingOf = createStandingResolver(c, { supervisorIds: ['U_GUEST', 'U_SUP'], agentIds: ['U_A'] }, createSilentLogger(), clock);
      expect(await standingOf('U_GUEST')).toEqual({ role: 'anyone', guest: true });
      expect(await standingOf('U_SUP')).toEqual({ role: 'supervisor', guest: false });
      expect(await standingOf('U_X')).toEqual({ role: 'anyone', guest: false });
      expect(own.callsTo('users.info').map((x) => x.args.user)).toEqual(['U_GUEST', 'U_SUP']);
      own.failNext('users.info', 'missing_scope');
      expect(await standingOf('U_A')).toEqual({ role: 'anyone', guest: true });
    } finally {
      await own.close();
    }
  });
});
