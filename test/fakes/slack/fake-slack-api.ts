/**
 * A loopback fake of the Slack Web API, the one edge Settle's tests cannot reach. Bolt's
 * WebClient talks to it through `slackApiUrl`; it answers like Slack: HTTP 200 with `ok: false`
 * and Slack's error codes (`not_authed`, `invalid_auth`, `channel_not_found`, `no_text`,
 * `msg_too_long`, `invalid_blocks`, `invalid_arguments`, `message_not_found`,
 * `invalid_trigger_id`, `expired_trigger_id`, `no_such_subteam`, `thread_not_found`, `user_not_found`), HTTP 429 + Retry-After with
 * `ratelimited` when scripted. It records every call, and `response_url` posts too.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs, readBytes, uploadedBytes } from './read-api-request.ts';
import { MESSAGE_RULES, validateBlocks, validateView } from './validate-blocks.ts';

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  /** What the fake answered. */
  ok: boolean;
  error?: string;
  status: number;
  at: number;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  threadTs?: string;
}

/** A file shared by files.uploadV2 (getUploadURLExternal → the upload → completeUploadExternal). */
export interface SharedFile {
  id: string;
  filename: string;
  title?: string;
  channel?: string;
  initialComment?: string;
  /** The bytes the upload URL received. */
  bytes: Buffer;
}

export interface FakeSlackOptions {
  botToken: string;
  /** Channels that exist; others give `channel_not_found`. */
  channels?: string[];
  /** User group id → member user ids. */
  usergroups?: Record<string, string[]>;
  /** Guest accounts (`users.info` answers `is_restricted: true`); every other id is a full member. */
  guests?: string[];
  /** How long a trigger_id may be used (Slack: 3 s). */
  triggerTtlMs?: number;
  /** Socket Mode: the app-level token and the WebSocket URL `apps.connections.open` returns. */
  socketMode?: { appToken: string; url: () => string };
}

type Answer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };
type Script = { kind: 'ratelimit'; retryAfterSec: number } | { kind: 'error'; error: string };

export class FakeSlackApi {
  readonly calls: ApiCall[] = [];
  readonly responses: { id: string; body: Record<string, unknown> }[] = [];
  readonly messages = new Map<string, StoredMessage>();
  /** Files completed and shared, in order. */
  readonly files: SharedFile[] = [];
  private readonly pendingUploads = new Map<string, { filename: string; length: number; bytes?: Buffer }>();
  private readonly scripts = new Map<string, Script[]>();
  private readonly triggers = new Map<string, { issuedAt: number; used: boolean }>();
  private server?: Server;
  private seq = 0;
  private port = 0;

  constructor(private readonly options: FakeSlackOptions) {}

  /** Start on 127.0.0.1 with an ephemeral port. */
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body, headers }) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Web API base for `slackApiUrl`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A response_url as Slack puts in commands and interactions. */
  responseUrl(id = `R${++this.seq}`): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** A trigger_id Slack would send with an interaction; valid for `triggerTtlMs` once. */
  issueTrigger(): string {
    const id = `${Date.now()}.${++this.seq}.fake${Math.random().toString(16).slice(2, 10)}`;
    this.triggers.set(id, { issuedAt: Date.now(), used: false });
    return id;
  }

  /** The next `times` calls of `method` answer HTTP 429 with Retry-After. */
  rateLimit(method: string, retryAfterSec: number, times = 1): void {
    this.push(method, { kind: 'ratelimit', retryAfterSec }, times);
  }

  /** The next `times` calls of `method` fail with Slack error `error`. */
  failNext(method: string, error: string, times = 1): void {
    this.push(method, { kind: 'error', error }, times);
  }

  /** Calls of one method, in order. */
  callsTo(method: string, onlyOk = false): ApiCall[] {
    return this.calls.filter((c) => c.method === method && (!onlyOk || c.ok));
  }

  private push(method: string, script: Script, times: number): void {
    const list = this.scripts.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(script);
    this.scripts.set(method, list);
  }

  private async handle(req: IncomingMessage): Promise<Answer> {
    const bytes = await readBytes(req);
    const raw = bytes.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/upload/')) {
      // The upload URL getUploadURLExternal handed out: Slack answers 200 "OK - <bytes>".
      const upload = this.pendingUploads.get(url.pathname.slice('/upload/'.length));
      if (!upload || req.method !== 'POST') return { status: 404, body: { ok: false, error: 'upload_url_not_found' } };
      upload.bytes = (await uploadedBytes(bytes, req.headers['content-type'] ?? '')).bytes;
      return { status: 200, body: { ok: true, bytes: upload.bytes.length } };
    }
    if (url.pathname.startsWith('/response/')) {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      this.responses.push({ id: url.pathname.slice('/response/'.length), body });
      return { status: 200, body: { ok: true } };
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    const answer = this.answer(method, args, req.headers.authorization);
    this.calls.push({ method, args, ok: answer.body.ok === true, error: answer.body.error as string | undefined, status: answer.status, at: Date.now() });
    return answer;
  }

  private answer(method: string, args: Record<string, unknown>, authorization: string | undefined): Answer {
    const token = authorization?.replace(/^Bearer\s+/i, '') ?? (args.token as string | undefined);
    if (!token) return fail('not_authed');
    if (method === 'apps.connections.open') {
      // Only an app-level token opens a Socket Mode connection.
      const socket = this.options.socketMode;
      if (!socket) return fail('not_allowed_token_type');
      return token === socket.appToken ? ok({ url: socket.url() }) : fail('invalid_auth');
    }
    if (token !== this.options.botToken) return fail('invalid_auth');
    const script = this.scripts.get(method)?.shift();
    if (script?.kind === 'ratelimit') {
      return { status: 429, headers: { 'retry-after': String(script.retryAfterSec) }, body: { ok: false, error: 'ratelimited' } };
    }
    if (script?.kind === 'error') return fail(script.error);
    switch (method) {
      case 'auth.test':
        return ok({ url: 'https://fake.slack.com/', team: 'Fake Store', user: 'settle', team_id: 'T_FAKE', user_id: 'U_BOT', bot_id: 'B_BOT' });
      case 'chat.postMessage':
        return this.postMessage(args);
      case 'chat.update':
        return this.update(args);
      case 'chat.postEphemeral': {
        if (!args.channel) return fail('channel_not_found');
        if (!args.user) return fail('user_not_found');
        const problem = this.checkMessage(args);
        if (problem) return problem;
        return ok({ message_ts: this.nextTs() });
      }
      case 'views.open':
      case 'views.push':
        return this.openView(args);
      case 'views.publish': {
        if (!args.user_id) return fail('invalid_arguments', ['missing required field: user_id']);
        const errors = validateView(args.view, 'home');
        if (errors.length > 0) return fail('invalid_arguments', errors);
        return ok({ view: { id: `V${++this.seq}`, ...(args.view as object) } });
      }
      case 'views.update': {
        if (!args.view_id && !args.external_id) return fail('invalid_arguments', ['missing required field: view_id']);
        const errors = validateView(args.view, 'any');
        if (errors.length > 0) return fail('invalid_arguments', errors);
        return ok({ view: { id: args.view_id, ...(args.view as object) } });
      }
      case 'conversations.replies':
        return this.replies(args);
      case 'users.info': {
        const id = String(args.user ?? '');
        if (!/^[UW][A-Z0-9_]+$/.test(id)) return fail('user_not_found');
        const guest = this.options.guests?.includes(id) ?? false;
        return ok({ user: { id, team_id: 'T_FAKE', name: id.toLowerCase(), deleted: false, is_bot: false, is_admin: false, is_owner: false, is_restricted: guest, is_ultra_restricted: false } });
      }
      case 'files.getUploadURLExternal': {
        const filename = String(args.filename ?? '');
        const length = Number(args.length);
        if (!filename) return fail('invalid_arguments', ['missing required field: filename']);
        if (!Number.isInteger(length) || length <= 0) return fail('invalid_arguments', ['missing required field: length']);
        const id = `F${String(++this.seq).padStart(8, '0')}`;
        this.pendingUploads.set(id, { filename, length });
        return ok({ upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id });
      }
      case 'files.completeUploadExternal':
        return this.completeUpload(args);
      case 'usergroups.users.list': {
        const users = this.options.usergroups?.[String(args.usergroup)];
        return users ? ok({ users }) : fail('no_such_subteam');
      }
      default:
        return fail('unknown_method');
    }
  }

  private postMessage(args: Record<string, unknown>): Answer {
    const channel = String(args.channel ?? '');
    if (!channel || (this.options.channels && !this.options.channels.includes(channel))) return fail('channel_not_found');
    const problem = this.checkMessage(args);
    if (problem) return problem;
    const ts = this.nextTs();
    const message: StoredMessage = { channel, ts, text: args.text as string | undefined, blocks: args.blocks as unknown[] | undefined, threadTs: args.thread_ts as string | undefined };
    this.messages.set(`${channel}/${ts}`, message);
    return ok({ channel, ts, message: { type: 'message', text: message.text, blocks: message.blocks, ts } });
  }

  private update(args: Record<string, unknown>): Answer {
    const key = `${String(args.channel)}/${String(args.ts)}`;
    const existing = this.messages.get(key);
    if (!args.channel) return fail('channel_not_found');
    if (!existing) return fail('message_not_found');
    const problem = this.checkMessage(args);
    if (problem) return problem;
    existing.text = args.text as string | undefined;
    existing.blocks = args.blocks as unknown[] | undefined;
    return ok({ channel: existing.channel, ts: existing.ts, text: existing.text });
  }

  /** A thread: the parent first, then its replies, as Settle's bot (B_BOT) posted them. */
  private replies(args: Record<string, unknown>): Answer {
    const channel = String(args.channel ?? '');
    if (!channel) return fail('channel_not_found');
    if (!args.ts) return fail('invalid_arguments', ['missing required field: ts']);
    const parent = this.messages.get(`${channel}/${String(args.ts)}`);
    if (!parent) return fail('thread_not_found');
    const thread = [parent, ...[...this.messages.values()].filter((m) => m.channel === channel && m.threadTs === parent.ts)];
    const limit = Number(args.limit ?? 1000) || 1000;
    const messages = thread.slice(0, limit).map((m) => ({ type: 'message', ts: m.ts, text: m.text, blocks: m.blocks, bot_id: 'B_BOT', user: 'U_BOT', ...(m.threadTs ? { thread_ts: m.threadTs } : {}) }));
    return ok({ messages, has_more: thread.length > limit });
  }

  private checkMessage(args: Record<string, unknown>): Answer | undefined {
    const text = args.text;
    if ((text === undefined || text === '') && args.blocks === undefined) return fail('no_text');
    if (typeof text === 'string' && text.length > 40_000) return fail('msg_too_long');
    if (args.blocks !== undefined) {
      const errors = validateBlocks(args.blocks, MESSAGE_RULES);
      if (errors.length > 0) return fail('invalid_blocks', errors);
    }
    return undefined;
  }

  /** Every file must have been uploaded in full (the length announced) before it is shared. */
  private completeUpload(args: Record<string, unknown>): Answer {
    const list = args.files;
    if (!Array.isArray(list) || list.length === 0) return fail('invalid_arguments', ['missing required field: files']);
    const channel = args.channel_id === undefined ? undefined : String(args.channel_id);
    if (channel !== undefined && this.options.channels && !this.options.channels.includes(channel)) return fail('channel_not_found');
    const shared: SharedFile[] = [];
    for (const f of list as { id?: string; title?: string }[]) {
      const upload = this.pendingUploads.get(String(f.id));
      if (!upload) return fail('file_not_found');
      if (!upload.bytes || upload.bytes.length !== upload.length) return fail('file_upload_size_mismatch');
      shared.push({ id: String(f.id), filename: upload.filename, ...(f.title ? { title: f.title } : {}), ...(channel ? { channel } : {}), ...(typeof args.initial_comment === 'string' ? { initialComment: args.initial_comment } : {}), bytes: upload.bytes });
    }
    for (const f of shared) this.pendingUploads.delete(f.id);
    this.files.push(...shared);
    return ok({ files: shared.map((f) => ({ id: f.id, name: f.filename, title: f.title ?? f.filename })) });
  }

  private openView(args: Record<string, unknown>): Answer {
    const triggerId = String(args.trigger_id ?? '');
    if (!triggerId) return fail('invalid_arguments', ['missing required field: trigger_id']);
    const trigger = this.triggers.get(triggerId);
    if (!trigger) return fail('invalid_trigger_id');
    if (trigger.used || Date.now() - trigger.issuedAt > (this.options.triggerTtlMs ?? 3000)) return fail('expired_trigger_id');
    const errors = validateView(args.view, 'modal');
    if (errors.length > 0) return fail('invalid_arguments', errors);
    trigger.used = true;
    return ok({ view: { id: `V${++this.seq}`, ...(args.view as object) } });
  }

  private nextTs(): string {
    return `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, '0')}`;
  }
}

function ok(body: Record<string, unknown>): Answer {
  return { status: 200, body: { ok: true, ...body } };
}

function fail(error: string, messages?: string[]): Answer {
  return {
    status: 200,
    body: { ok: false, error, ...(messages ? { errors: messages, response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) } } : {}) },
  };
}
