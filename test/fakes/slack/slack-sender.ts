/**
 * Plays Slack's side of the HTTP conversation: signed POSTs of slash commands (form fields),
 * interactions (`payload=` JSON form field) and Events API callbacks (JSON), built from the
 * real payload shapes in test/fixtures/slack/. Each interaction gets a fresh trigger_id issued
 * by the fake Web API, so `views.open` checks it as Slack would.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FakeSlackApi } from './fake-slack-api.ts';
import { signRequest } from './sign-request.ts';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/slack/${name}`, import.meta.url)), 'utf8')) as Record<string, unknown>;

let threadSeq = 0;

export interface SlackUser {
  id: string;
  name: string;
}

export interface SentResponse {
  status: number;
  text: string;
  json?: Record<string, unknown>;
}

export interface SendOptions {
  /** Override the timestamp (stale-request tests). */
  timestampSec?: number;
  /** Sign with another secret (forgery tests). */
  secret?: string;
  /** Extra headers, e.g. X-Slack-Retry-Num. */
  headers?: Record<string, string>;
}

export class SlackSender {
  constructor(
    private readonly url: string,
    private readonly signingSecret: string,
    private readonly fake: FakeSlackApi,
  ) {}

  /** `/settle <text>` from `user` in `channel`. */
  command(text: string, user: SlackUser, channel = 'C_AGENTS', options: SendOptions = {}): Promise<SentResponse> {
    const fields = { ...(fixture('slash-command.json') as Record<string, string>), text, user_id: user.id, user_name: user.name, channel_id: channel, response_url: this.fake.responseUrl(), trigger_id: this.fake.issueTrigger() };
    return this.post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
  }

  /** A button click on a message: `actionId` as encoded on the card. */
  click(actionId: string, user: SlackUser, message: { channel: string; ts: string }, options: SendOptions = {}): Promise<SentResponse> {
    const payload = fixture('block-actions.json') as Record<string, unknown> & { actions: Record<string, unknown>[] };
    const body = {
      ...payload,
      user: { id: user.id, username: user.name, name: user.name, team_id: 'T0001' },
      container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
      channel: { id: message.channel, name: 'after-sales' },
      message: { ...(payload.message as object), ts: message.ts },
      trigger_id: this.fake.issueTrigger(),
      response_url: this.fake.responseUrl(),
      actions: [{ ...payload.actions[0], action_id: actionId, value: actionId }],
    };
    return this.interaction(body, options);
  }

  /** A modal submission with `values[blockId].value` set as Slack's state does. */
  submit(callbackId: string, privateMetadata: string, values: Record<string, Record<string, unknown>>, user: SlackUser, options: SendOptions = {}): Promise<SentResponse> {
    const payload = fixture('view-submission.json') as Record<string, unknown> & { view: Record<string, unknown> };
    const state: Record<string, Record<string, unknown>> = {};
    for (const [blockId, value] of Object.entries(values)) state[blockId] = { value };
    const body = {
      ...payload,
      user: { id: user.id, username: user.name, name: user.name, team_id: 'T0001' },
      trigger_id: this.fake.issueTrigger(),
      view: { ...payload.view, callback_id: callbackId, private_metadata: privateMetadata, state: { values: state } },
    };
    return this.interaction(body, options);
  }

  /** An Events API callback (JSON). */
  event(body: Record<string, unknown>, options: SendOptions = {}): Promise<SentResponse> {
    return this.post(JSON.stringify(body), 'application/json', options);
  }

  /** The app_home_opened fixture for `user`, with a given event id. */
  homeOpened(user: SlackUser, eventId: string, options: SendOptions = {}): Promise<SentResponse> {
    const body = fixture('app-home-opened.json') as Record<string, unknown> & { event: Record<string, unknown> };
    return this.event({ ...body, event_id: eventId, event: { ...body.event, user: user.id } }, options);
  }

  /** A button click on `user`'s App Home view (the queue's pager). */
  homeClick(actionId: string, user: SlackUser, options: SendOptions = {}): Promise<SentResponse> {
    return this.interaction({
      type: 'block_actions', user: { id: user.id, username: user.name, name: user.name, team_id: 'T0001' }, api_app_id: 'A0SETTLE', token: 'x',
      container: { type: 'view', view_id: 'V1' }, trigger_id: this.fake.issueTrigger(), team: { id: 'T0001', domain: 'fake-store' },
      view: { id: 'V1', type: 'home' }, actions: [{ action_id: actionId, block_id: 'pager', type: 'button', value: actionId, text: { type: 'plain_text', text: 'Next →' }, action_ts: '1' }],
    }, options);
  }

  /**
   * A person's message in a thread, as the Events API delivers it (`message.channels`): an
   * `event_callback` with a `message` event carrying `thread_ts`. Resend with the same
   * `eventId` and `X-Slack-Retry-Num` to play Slack's retry.
   */
  threadMessage(user: SlackUser, where: { channel: string; threadTs: string }, text: string, eventId: string, options: SendOptions = {}): Promise<SentResponse> {
    const base = fixture('app-home-opened.json');
    // People's message ts sit apart from the ones the fake Web API issues (…000001 upwards).
    const ts = `${Math.floor(Date.now() / 1000)}.${900_000 + (++threadSeq % 100_000)}`;
    return this.event({
      ...base,
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'message', channel: where.channel, user: user.id, text, ts, thread_ts: where.threadTs, event_ts: ts, channel_type: 'channel' },
    }, options);
  }

  interaction(body: Record<string, unknown>, options: SendOptions = {}): Promise<SentResponse> {
    return this.post(new URLSearchParams({ payload: JSON.stringify(body) }).toString(), 'application/x-www-form-urlencoded', options);
  }

  /** POST a raw body, signed (or not, per options). */
  async post(rawBody: string, contentType: string, options: SendOptions = {}): Promise<SentResponse> {
    const headers = { 'content-type': contentType, ...signRequest(options.secret ?? this.signingSecret, rawBody, options.timestampSec), ...options.headers };
    const res = await fetch(`${this.url}/slack/events`, { method: 'POST', headers, body: rawBody });
    const text = await res.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  }
}
