import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlackApi } from './fake-slack-api.ts';

const TOKEN = 'xoxb-fake-1';
let fake: FakeSlackApi;
beforeEach(async () => {
  fake = await new FakeSlackApi({ botToken: TOKEN, channels: ['C1'] }).start();
});
afterEach(async () => {
  await fake.close();
});

async function call(method: string, args: Record<string, unknown>, token: string | null = TOKEN) {
  const body = new URLSearchParams(Object.entries(args).map(([k, v]): [string, string] => [k, typeof v === "string" ? v : JSON.stringify(v)])).toString();
  const res = await fetch(`${fake.apiUrl}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Record<string, unknown> };
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('fake Slack Web API answers like Slack', () => {
  it('not_authed without a token, invalid_auth with a wrong one', async () => {
    expect((await call('auth.test', {}, null)).body.error).toBe('not_authed');
    expect((await call('auth.test', {}, 'xoxb-wrong')).body.error).toBe('invalid_auth');
    expect((await call('auth.test', {})).body.ok).toBe(true);
  });

  it('posts, stores and updates a valid message; unknown channel and message are errors', async () => {
    const posted = await call('chat.postMessage', { channel: 'C1', text: 'hi', blocks: [section('hello')] });
    expect(posted.body).toMatchObject({ ok: true, channel: 'C1' });
    expect((await call('chat.update', { channel: 'C1', ts: posted.body.ts, text: 'bye' })).body.ok).toBe(true);
    expect(fake.messages.get(`C1/${String(posted.body.ts)}`)?.text).toBe('bye');
    expect((await call('chat.update', { channel: 'C1', ts: '1.2', text: 'x' })).body.error).toBe('message_not_found');
    expect((await call('chat.postMessage', { channel: 'C404', text: 'x' })).body.error).toBe('channel_not_found');
    expect((await call('chat.postMessage', { channel: 'C1' })).body.error).toBe('no_text');
  });

  it.each([
    ['a 3001-character section', [section('x'.repeat(3001))], '/blocks/0/text/text'],
    ['51 blocks in a message', Array.from({ length: 51 }, () => section('x')), '/blocks'],
    ['a 76-character button label', [{ type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'x'.repeat(76) } }] }], '/blocks/0/elements/0/text/text'],
    ['a 2001-character button value', [{ type: 'actions', elements: [{ type: 'button', action_id: 'a', value: 'v'.repeat(2001), text: { type: 'plain_text', text: 'ok' } }] }], '/blocks/0/elements/0/value'],
    ['duplicate action ids in a block', [{ type: 'actions', elements: [1, 2].map(() => ({ type: 'button', action_id: 'same', text: { type: 'plain_text', text: 'ok' } })) }], '/blocks/0/elements/1/action_id'],
    ['an empty text', [section('')], '/blocks/0/text/text'],
    ['an input block in a message', [{ type: 'input', label: { type: 'plain_text', text: 'x' }, element: { type: 'plain_text_input', action_id: 'v' } }], '/blocks/0/type'],
  ])('invalid_blocks for %s', async (_name, blocks, pointer) => {
    const res = await call('chat.postMessage', { channel: 'C1', text: 'x', blocks });
    expect(res.body.error).toBe('invalid_blocks');
    expect(String(res.body.errors)).toContain(`[json-pointer:${pointer}]`);
  });

  it('msg_too_long past 40 000 characters', async () => {
    expect((await call('chat.postMessage', { channel: 'C1', text: 'x'.repeat(40_001) })).body.error).toBe('msg_too_long');
  });

  it('views.open: unknown, used and expired trigger ids; invalid views', async () => {
    const modal = { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [section('x')] };
    expect((await call('views.open', { trigger_id: 'nope', view: modal })).body.error).toBe('invalid_trigger_id');
    const trigger = fake.issueTrigger();
    expect((await call('views.open', { trigger_id: trigger, view: { ...modal, title: { type: 'plain_text', text: 'x'.repeat(25) } } })).body.error).toBe('invalid_arguments');
    expect((await call('views.open', { trigger_id: trigger, view: modal })).body.ok).toBe(true);
    expect((await call('views.open', { trigger_id: trigger, view: modal })).body.error).toBe('expired_trigger_id');
    const home = { type: 'home', blocks: Array.from({ length: 101 }, () => section('x')) };
    expect((await call('views.publish', { user_id: 'U1', view: home })).body.error).toBe('invalid_arguments');
  });

  it('scripted: HTTP 429 with Retry-After, then normal service; scripted errors', async () => {
    fake.rateLimit('chat.postMessage', 2);
    const limited = await call('chat.postMessage', { channel: 'C1', text: 'x' });
    expect(limited).toMatchObject({ status: 429, retryAfter: '2', body: { ok: false, error: 'ratelimited' } });
    expect((await call('chat.postMessage', { channel: 'C1', text: 'x' })).status).toBe(200);
    fake.failNext('views.publish', 'not_enabled');
    expect((await call('views.publish', { user_id: 'U1', view: { type: 'home', blocks: [] } })).body.error).toBe('not_enabled');
    expect(fake.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.postMessage', 'views.publish']);
  });
});
