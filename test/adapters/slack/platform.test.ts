import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, startHarness, textOf, USERS, waitFor, type Harness } from './slack-harness.ts';
import { signRequest } from '../../fakes/slack/sign-request.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

describe('Slack: platform behaviour', () => {
  it('a forged signature → 401 and nothing is filed', async () => {
    const res = await h.sender.command('The parcel never arrived', USERS.agent, 'C_AGENTS', { secret: 'not-the-signing-secret' });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(await h.desk.queue()).toEqual([]);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('a body altered after signing → 401', async () => {
    const body = new URLSearchParams({ command: '/settle', text: 'hello', user_id: 'U_AGENT', channel_id: 'C_AGENTS', trigger_id: 'x', response_url: h.fake.responseUrl() }).toString();
    const headers = signRequest('test-signing-secret-8f2a', body);
    const sent = await h.sender.post(body.replace('hello', 'hellp'), 'application/x-www-form-urlencoded', { headers });
    expect(sent.status).toBe(401);
  });

  it('a stale timestamp (10 minutes old), correctly signed → 401', async () => {
    const res = await h.sender.command('The parcel never arrived', USERS.agent, 'C_AGENTS', { timestampSec: Math.floor(Date.now() / 1000) - 600 });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(await h.desk.queue()).toEqual([]);
  });

  it.each([[6 * 60, '6 minutes'], [86_400, 'a day'], [61, '61 s']])('a correctly signed request dated %i s in the future (%s) → 401, nothing filed', async (ahead) => {
    const res = await h.sender.command('The parcel never arrived', USERS.agent, 'C_AGENTS', { timestampSec: Math.floor(Date.now() / 1000) + ahead });
    expect(res.status).toBe(401);
    expect(await h.desk.queue()).toEqual([]);
  });

  it('a request 30 s ahead (ordinary clock skew) is still taken', async () => {
    const res = await h.sender.command('The parcel never arrived', USERS.agent, 'C_AGENTS', { timestampSec: Math.floor(Date.now() / 1000) + 30 });
    expect(res.status).toBe(200);
  });

  it('a retried event delivery (X-Slack-Retry-Num) is processed once', async () => {
    const first = await h.sender.homeOpened(USERS.sup, 'Ev0RETRY01');
    const retry = await h.sender.homeOpened(USERS.sup, 'Ev0RETRY01', { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await waitFor(() => h.fake.callsTo('views.publish', true)[0], 'home');
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.callsTo('views.publish')).toHaveLength(1);
    // A new event (new id) is processed.
    await h.sender.homeOpened(USERS.sup, 'Ev0RETRY02');
    await waitFor(() => h.fake.callsTo('views.publish').length === 2 || undefined, 'second home');
  });

  it('a replayed slash command (same trigger_id) files one case', async () => {
    const fields = new URLSearchParams({
      token: 'x', team_id: 'T0001', channel_id: 'C_AGENTS', user_id: 'U_AGENT', user_name: 'li.agent', command: '/settle',
      text: 'The parcel never arrived', response_url: h.fake.responseUrl(), trigger_id: h.fake.issueTrigger(), api_app_id: 'A0SETTLE',
    }).toString();
    const [a, b] = [await h.sender.post(fields, 'application/x-www-form-urlencoded'), await h.sender.post(fields, 'application/x-www-form-urlencoded')];
    expect([a.status, b.status]).toEqual([200, 200]);
    await waitFor(() => h.fake.callsTo('chat.postMessage', true)[0], 'card');
    await new Promise((r) => setTimeout(r, 300));
    expect(await h.desk.queue()).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('a signed slash command replayed to a restarted (or another) Settle process files nothing: the delivery is claimed in the store', async () => {
    const fields = new URLSearchParams({
      token: 'x', team_id: 'T0001', channel_id: 'C_AGENTS', user_id: 'U_AGENT', user_name: 'li.agent', command: '/settle',
      text: 'The parcel never arrived', response_url: h.fake.responseUrl(), trigger_id: h.fake.issueTrigger(), api_app_id: 'A0SETTLE',
    }).toString();
    expect((await h.sender.post(fields, 'application/x-www-form-urlencoded')).status).toBe(200);
    await waitFor(() => h.fake.callsTo('chat.postMessage', true)[0], 'card');
    const other = await h.startAnother();
    try {
      expect((await other.sender.post(fields, 'application/x-www-form-urlencoded')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      expect(await h.desk.queue()).toHaveLength(1);
      expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    } finally {
      await other.stop();
    }
  });

  it('a 429 from chat.postMessage is waited out (Retry-After) and the card still posted once', async () => {
    h.fake.rateLimit('chat.postMessage', 1);
    const res = await h.sender.command('The parcel never arrived, tracking stuck for two weeks', USERS.agent);
    expect(res.status).toBe(200);
    await waitFor(() => h.fake.callsTo('chat.postMessage', true)[0], 'card after the rate limit', 10_000);
    const calls = h.fake.callsTo('chat.postMessage');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950);
    expect(h.fake.messages.size).toBe(1);
  });

  it('a 4 000-character complaint: the card fits Block Kit limits, the whole text is one click away', async () => {
    const complaint = `${'我买的搅拌机用了两天就坏了,'.repeat(150)}<!channel> ${'The blender is broken & I want my money back. '.repeat(60)}`.slice(0, 4000);
    expect(complaint.length).toBe(4000);
    await h.sender.command(`order:TB1001 ${complaint}`, USERS.agent);
    const post = await waitFor(() => h.fake.callsTo('chat.postMessage', true)[0], 'card');
    expect(h.fake.callsTo('chat.postMessage').every((c) => c.ok)).toBe(true);
    const blocks = post.args.blocks as { text?: { text: string } }[];
    for (const b of blocks) expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    expect(textOf(blocks)).toContain('…');
    expect(JSON.stringify(blocks)).not.toContain('<!channel>');
    const full = buttonsOf(blocks).find((b) => b.id.startsWith('s1|fm|'))!;
    expect(['Show full message', '查看完整消息']).toContain(full.label);
    const message = { channel: String(post.args.channel), ts: [...h.fake.messages.values()][0]!.ts };
    await h.sender.click(full.id, USERS.sup, message);
    const opened = await waitFor(() => h.fake.callsTo('views.open', true)[0], 'full message modal');
    const sections = (opened.args.view as { blocks: { type: string; text?: { text: string } }[] }).blocks.filter((b) => b.type === 'section');
    const shown = sections.map((s) => s.text!.text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).join('');
    expect(shown.replace(/\n/g, '')).toBe(complaint.replace(/\n/g, ''));
  });

  it('App Home: a supervisor sees the queue in its order (next deadline first) with §6 ages, paginated within 100 blocks', async () => {
    for (let i = 0; i < 23; i++) {
      await h.desk.submit({ actor: { id: 'slack:U_AGENT', displayName: 'li', role: 'agent', platform: 'slack' }, message: `包裹 ${i} 一直没收到,物流信息停了两周` });
    }
    await h.sender.homeOpened(USERS.sup, 'Ev0HOME01');
    const call = await waitFor(() => h.fake.callsTo('views.publish', true)[0], 'home');
    const view = call.args.view as { blocks: unknown[] };
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = textOf(view.blocks);
    expect(text).toContain('Approval queue — next deadline first');
    expect(text.indexOf('`c1`')).toBeLessThan(text.indexOf('`c2`'));
    expect(text).not.toContain('`c21`');
    expect(text).toMatch(/\d+ 分钟 · \d+ 分钟内需首次回复|0 分钟/);
    const next = buttonsOf(view.blocks).find((b) => b.label === 'Next →')!;
    await h.sender.homeClick(next.id, USERS.sup);
    const page2 = await waitFor(() => h.fake.callsTo('views.publish', true)[1], 'page 2');
    const text2 = textOf((page2.args.view as { blocks: unknown[] }).blocks);
    expect(text2).toContain('`c21`');
    expect(text2).toContain('`c23`');
    expect(buttonsOf((page2.args.view as { blocks: unknown[] }).blocks).map((b) => b.label)).toEqual(['← Previous']);
  });

  it('App Home: an agent sees only the cases they filed', async () => {
    const mine = await h.desk.submit({ actor: { id: 'slack:U_AGENT', displayName: 'li', role: 'agent', platform: 'slack' }, message: 'parcel never arrived' });
    await h.desk.submit({ actor: { id: 'slack:U_AGENT2', displayName: 'zhao', role: 'agent', platform: 'slack' }, message: 'wrong colour sent' });
    await h.sender.homeOpened(USERS.agent, 'Ev0HOME02');
    const call = await waitFor(() => h.fake.callsTo('views.publish', true)[0], 'home');
    const text = textOf((call.args.view as { blocks: unknown[] }).blocks);
    expect(text).toContain('My open cases');
    expect(text).toContain(`\`${mine.id}\``);
    expect(text).not.toContain('wrong colour');
  });
});
