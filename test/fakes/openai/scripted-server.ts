/**
 * A real HTTP server on 127.0.0.1 speaking OpenAI's `POST /v1/chat/completions`, answering from a
 * script. It behaves like the real API where Settle can tell the difference: Bearer auth (401),
 * request validation (400), OpenAI's error body shape, Retry-After on 429, the completion object
 * with `choices[].message.{content,refusal}`, `finish_reason` and `usage`. Replies may be delayed
 * (latency, timeouts) or be raw bytes (malformed bodies).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatBody {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; schema?: unknown; strict?: boolean } };
  max_tokens?: number;
  temperature?: number;
}

/** Which Settle call this is, read from the request the way a test would eyeball it. */
export type CallKind = 'classify' | 'polish' | 'persona' | 'unknown';

export interface ScriptedRequest {
  index: number;
  kind: CallKind;
  body: ChatBody;
  /** The user turn's text (Settle sends one). */
  user: string;
  system: string;
}

export type ScriptedReply =
  | { content: string; delayMs?: number; model?: string; usage?: { prompt_tokens: number; completion_tokens: number }; finishReason?: string }
  | { refusal: string; delayMs?: number }
  | { status: number; error?: string; headers?: Record<string, string>; delayMs?: number }
  | { raw: string; status?: number; contentType?: string; delayMs?: number };

export type Script = (req: ScriptedRequest) => ScriptedReply | Promise<ScriptedReply>;

export interface ScriptedServer {
  /** Base URL for the SDK, ending in /v1. */
  baseURL: string;
  requests: ScriptedRequest[];
  setScript(script: Script): void;
  close(): Promise<void>;
}

/** Reply with this object as the message content, JSON-encoded (structured output). */
export const json = (value: unknown, extra: { delayMs?: number } = {}): ScriptedReply => ({ content: JSON.stringify(value), ...extra });

function kindOf(body: ChatBody, user: string): CallKind {
  if (body.response_format?.json_schema?.name === 'classification') return 'classify';
  if (user.includes('<template_reply')) return 'polish';
  if (user.includes('<scenario')) return 'persona';
  return 'unknown';
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const errorBody = (message: string, type: string, code: string | null = null) => ({ error: { message, type, param: null, code } });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Start the server on an ephemeral loopback port. `apiKey` is what Bearer auth expects. */
export async function startScriptedServer(script: Script, apiKey = 'test-key'): Promise<ScriptedServer> {
  let current = script;
  const requests: ScriptedRequest[] = [];
  let created = 1_760_000_000;

  const server = createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      return sendJson(res, 404, errorBody(`Unknown request URL: ${req.method} ${req.url}`, 'invalid_request_error', 'unknown_url'));
    }
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return sendJson(res, 401, errorBody('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
    }
    let body: ChatBody;
    try {
      body = JSON.parse(await readBody(req)) as ChatBody;
    } catch {
      return sendJson(res, 400, errorBody('We could not parse the JSON body of your request.', 'invalid_request_error'));
    }
    if (typeof body.model !== 'string' || !Array.isArray(body.messages) || body.messages.length === 0) {
      return sendJson(res, 400, errorBody("Missing required parameter: 'messages'.", 'invalid_request_error'));
    }
    const user = body.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
    const system = body.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
    const sreq: ScriptedRequest = { index: requests.length, kind: kindOf(body, user), body, user, system };
    requests.push(sreq);
    const reply = await current(sreq);
    if (reply.delayMs) {
      await new Promise((r) => setTimeout(r, reply.delayMs));
      if (res.destroyed || req.socket.destroyed) return; // the client gave up (timeout)
    }
    if ('raw' in reply) {
      res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'application/json' });
      return res.end(reply.raw);
    }
    if ('status' in reply) {
      const type = reply.status === 429 ? 'rate_limit_exceeded' : reply.status >= 500 ? 'server_error' : 'invalid_request_error';
      return sendJson(res, reply.status, errorBody(reply.error ?? `scripted ${reply.status}`, type), reply.headers);
    }
    created += 1;
    const message = 'refusal' in reply
      ? { role: 'assistant', content: null, refusal: reply.refusal }
      : { role: 'assistant', content: reply.content, refusal: null };
    const completionTokens = 'content' in reply ? Math.ceil(reply.content.length / 4) : 5;
    return sendJson(res, 200, {
      id: `chatcmpl-${created}`,
      object: 'chat.completion',
      created,
      model: ('model' in reply && reply.model) || body.model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: ('finishReason' in reply && reply.finishReason) || 'stop' }],
      usage: ('usage' in reply && reply.usage) || {
        prompt_tokens: Math.ceil((system.length + user.length) / 4),
        completion_tokens: completionTokens,
        total_tokens: Math.ceil((system.length + user.length) / 4) + completionTokens,
      },
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    setScript(s) {
      current = s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
