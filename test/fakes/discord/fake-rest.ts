/**
 * The REST half of the fake Discord (API v10 under `/api/v10`). Every request is recorded with
 * its route template and validated against Discord's published schemas (strict); invalid
 * bodies get Discord's 400 `Invalid Form Body`, unknown routes 404. Interaction semantics are
 * Discord's: one callback per interaction, within 3 seconds; webhook edits need an original
 * message; follow-ups need an acknowledgement; tokens live 15 minutes. 429s can be scripted.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EventEmitter } from 'node:events';
import {
  type APIApplicationCommand,
  type APIInteraction,
  type APIMessage,
  type APIModalInteractionResponseCallbackData,
  type InteractionResponseType,
} from 'discord.js';
import { answerCallback } from './answer-callback.ts';
import { DiscordError, rateLimited, readBody, reply, setBucketHeaders, type ScriptedRateLimit } from './fake-http.ts';
import { createMessage, editMessage, type MessageBody, type UploadedFile } from './fake-messages.ts';
import { guildsOf, makeSnowflake, toUser, type FakeWorld } from './fake-world.ts';
import type { StrictSpec } from './strict-schemas.ts';
import { CALLBACK_ROUTE, UNKNOWN_KEY, validateBody } from './validate-body.ts';

export interface RecordedCall {
  method: string;
  path: string;
  /** `METHOD /template` as in Discord's spec, e.g. `POST /channels/{channel_id}/messages`. */
  route: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  /** The file parts of a multipart/form-data request (message attachments), bytes as received. */
  files: UploadedFile[];
  status: number;
  /** Schema and rule violations of the body; empty when valid. */
  problems: string[];
}

export interface InteractionState {
  payload: APIInteraction;
  createdAt: number;
  response?: { type: InteractionResponseType; at: number };
  originalMessageId?: string;
  followUpIds: string[];
  modal?: APIModalInteractionResponseCallbackData;
}


/** Discord's limits on interaction timing. */
const TOKEN_LIFETIME_MS = 15 * 60_000;

type Handler = (call: RecordedCall, auth: string | undefined) => { status: number; body?: unknown };

export class FakeRest extends EventEmitter {
  readonly calls: RecordedCall[] = [];
  readonly messages = new Map<string, APIMessage>();
  readonly interactions = new Map<string, InteractionState>();
  readonly commands = new Map<string, APIApplicationCommand[]>();
  readonly rateLimits: ScriptedRateLimit[] = [];
  private readonly routes: { method: string; template: string; regex: RegExp; keys: string[]; handle: Handler }[] = [];

  constructor(
    private readonly world: FakeWorld,
    private readonly spec: StrictSpec,
    private readonly gatewayUrl: () => string,
  ) {
    super();
    this.defineRoutes();
  }

  /** Registers an interaction the gateway is about to dispatch, so callbacks can find it. */
  trackInteraction(payload: APIInteraction): void {
    this.interactions.set(payload.id, { payload, createdAt: Date.now(), followUpIds: [] });
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req);
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const query = Object.fromEntries(url.searchParams);
    let body: unknown;
    const files: UploadedFile[] = [];
    try {
      const contentType = req.headers['content-type'] ?? '';
      if (contentType.startsWith('multipart/form-data')) {
        // Discord's multipart messages: the JSON in `payload_json`, each file in `files[n]` (parsed by undici's Request).
        const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
        for (const [field, value] of form) {
          if (typeof value === 'string') {
            if (field === 'payload_json') body = JSON.parse(value);
          } else {
            files.push({ field, filename: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
          }
        }
      } else {
        body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
      }
    } catch {
      return reply(res, 400, { message: '400: Bad Request', code: 50109 });
    }
    const match = url.pathname.startsWith('/api/v10/') ? this.match(method, path) : undefined;
    const call: RecordedCall = { method, path, route: match ? `${method} ${match.template}` : `${method} ${path}`, params: match?.params ?? {}, query, body, files, status: 0, problems: [] };
    const outcome = this.dispatch(call, match, req.headers.authorization, res);
    call.status = outcome.status;
    this.calls.push(call);
    this.emit('call', call);
    reply(res, outcome.status, outcome.body);
  }

  private dispatch(call: RecordedCall, match: ReturnType<FakeRest['match']>, auth: string | undefined, res: ServerResponse): { status: number; body?: unknown } {
    if (!match) return { status: 404, body: { message: '404: Not Found', code: 0 } };
    call.problems = validateBody(this.spec, call.route, call.body);
    const limit = this.rateLimits.find((r) => r.route === call.route && r.times > 0);
    if (limit) {
      limit.times -= 1;
      return rateLimited(res, call.route, limit);
    }
    setBucketHeaders(res, call.route);
    // Discord ignores keys it does not know; anything else wrong is a 400 like Discord's.
    if (call.problems.some((p) => !p.startsWith(UNKNOWN_KEY))) return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { _errors: call.problems.map((m) => ({ code: 'BASE_TYPE_INVALID', message: m })) } } };
    try {
      return match.handle(call, auth);
    } catch (e) {
      if (e instanceof DiscordError) return { status: e.status, body: { message: e.message, code: e.code } };
      throw e;
    }
  }

  private match(method: string, path: string) {
    for (const r of this.routes) {
      if (r.method !== method) continue;
      const m = r.regex.exec(path);
      if (m) return { ...r, params: Object.fromEntries(r.keys.map((k, i) => [k, decodeURIComponent(m[i + 1] ?? '')])) };
    }
    return undefined;
  }

  private route(method: string, template: string, handle: Handler): void {
    const keys: string[] = [];
    const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, k: string) => {
      keys.push(k);
      return '([^/]+)';
    });
    this.routes.push({ method, template, regex: new RegExp(`^${pattern}$`), keys, handle });
  }

  private requireBot(auth: string | undefined): void {
    if (auth !== `Bot ${this.world.token}`) throw new DiscordError(401, 0, '401: Unauthorized');
  }

  private defineRoutes(): void {
    const bot = toUser(this.world.bot, true);
    this.route('GET', '/gateway/bot', (_c, auth) => {
      this.requireBot(auth);
      return { status: 200, body: { url: this.gatewayUrl(), shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } } };
    });
    this.route('GET', '/users/@me', (_c, auth) => (this.requireBot(auth), { status: 200, body: bot }));
    for (const scope of ['/applications/{application_id}/commands', '/applications/{application_id}/guilds/{guild_id}/commands']) {
      this.route('PUT', scope, (c, auth) => this.putCommands(c, auth));
      this.route('GET', scope, (c, auth) => {
        this.requireBot(auth);
        return { status: 200, body: this.commands.get(c.params.guild_id ?? 'global') ?? [] };
      });
    }
    this.route('POST', '/interactions/{interaction_id}/{interaction_token}/callback', (c) => answerCallback(c, this.interactions.get(c.params.interaction_id ?? ''), { world: this.world, messages: this.messages }));
    this.route('GET', '/webhooks/{webhook_id}/{webhook_token}/messages/@original', (c) => ({ status: 200, body: this.original(c) }));
    this.route('PATCH', '/webhooks/{webhook_id}/{webhook_token}/messages/@original', (c) => {
      const m = this.original(c);
      return { status: 200, body: this.store(editMessage(m, c.body as MessageBody)) };
    });
    this.route('DELETE', '/webhooks/{webhook_id}/{webhook_token}/messages/@original', (c) => {
      this.messages.delete(this.original(c).id);
      return { status: 204 };
    });
    this.route('POST', '/webhooks/{webhook_id}/{webhook_token}', (c) => this.followUp(c));
    this.route('PATCH', '/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}', (c) => {
      const state = this.webhookInteraction(c);
      const id = c.params.message_id ?? '';
      const m = this.messages.get(id);
      if (!m || (id !== state.originalMessageId && !state.followUpIds.includes(id))) throw new DiscordError(404, 10008, 'Unknown Message');
      return { status: 200, body: this.store(editMessage(m, c.body as MessageBody)) };
    });
    this.route('POST', '/channels/{channel_id}/messages', (c, auth) => {
      this.requireBot(auth);
      const channelId = this.channel(c.params.channel_id);
      return { status: 200, body: this.store(createMessage(channelId, bot, c.body as MessageBody, { files: c.files })) };
    });
    this.route('GET', '/channels/{channel_id}/messages/{message_id}', (c, auth) => {
      this.requireBot(auth);
      return { status: 200, body: this.channelMessage(c) };
    });
    this.route('PATCH', '/channels/{channel_id}/messages/{message_id}', (c, auth) => {
      this.requireBot(auth);
      const m = this.channelMessage(c);
      if (m.author.id !== this.world.bot.id) throw new DiscordError(403, 50005, 'Cannot edit a message authored by another user');
      return { status: 200, body: this.store(editMessage(m, c.body as MessageBody)) };
    });
  }

  private putCommands(c: RecordedCall, auth: string | undefined) {
    this.requireBot(auth);
    if (c.params.application_id !== this.world.applicationId) throw new DiscordError(403, 50001, 'Missing Access');
    if (c.params.guild_id && !guildsOf(this.world).some((g) => g.id === c.params.guild_id)) throw new DiscordError(403, 50001, 'Missing Access');
    const list = (c.body as Record<string, unknown>[]).map((cmd) => ({
      ...cmd,
      id: makeSnowflake(),
      application_id: this.world.applicationId,
      ...(c.params.guild_id ? { guild_id: c.params.guild_id } : {}),
      type: (cmd.type as number | undefined) ?? 1,
      version: makeSnowflake(),
      default_member_permissions: (cmd.default_member_permissions as string | undefined) ?? null,
      nsfw: false,
    })) as unknown as APIApplicationCommand[];
    this.commands.set(c.params.guild_id ?? 'global', list);
    return { status: 200, body: list };
  }

  private webhookInteraction(c: RecordedCall): InteractionState {
    if (c.params.webhook_id !== this.world.applicationId) throw new DiscordError(404, 10015, 'Unknown Webhook');
    const state = [...this.interactions.values()].find((s) => s.payload.token === c.params.webhook_token);
    if (!state || Date.now() - state.createdAt > TOKEN_LIFETIME_MS) throw new DiscordError(401, 50027, 'Invalid Webhook Token');
    return state;
  }

  private original(c: RecordedCall): APIMessage {
    const state = this.webhookInteraction(c);
    const m = state.originalMessageId ? this.messages.get(state.originalMessageId) : undefined;
    if (!m) throw new DiscordError(404, 10008, 'Unknown Message');
    return m;
  }

  private followUp(c: RecordedCall) {
    const state = this.webhookInteraction(c);
    if (!state.response) throw new DiscordError(404, 10015, 'Unknown Webhook');
    const m = createMessage(state.payload.channel?.id ?? state.payload.channel_id ?? '', toUser(this.world.bot, true), c.body as MessageBody, { applicationId: this.world.applicationId });
    state.followUpIds.push(this.store(m).id);
    return { status: 200, body: m };
  }

  private channel(id: string | undefined): string {
    if (!guildsOf(this.world).some((g) => g.channels.some((ch) => ch.id === id))) throw new DiscordError(404, 10003, 'Unknown Channel');
    return id ?? '';
  }

  private channelMessage(c: RecordedCall): APIMessage {
    const channelId = this.channel(c.params.channel_id);
    const m = this.messages.get(c.params.message_id ?? '');
    if (!m || m.channel_id !== channelId) throw new DiscordError(404, 10008, 'Unknown Message');
    return m;
  }

  private store(m: APIMessage): APIMessage {
    this.messages.set(m.id, m);
    return m;
  }

}

export { CALLBACK_ROUTE, type ScriptedRateLimit };
