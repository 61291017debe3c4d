/**
 * One chat-completions call with Settle's resilience around it: a hard per-attempt timeout,
 * retries with backoff on 429/5xx/timeouts/connection errors (Retry-After honoured), and a
 * circuit breaker. The SDK's own retries are off (`maxRetries: 0`) so there is one retry policy.
 * Failures are returned, not thrown: every caller has an offline answer ready.
 */
import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import type { ResponseFormatJSONSchema } from 'openai/resources/shared';
import { z } from 'zod';
import { backoffDelay, DEFAULT_BACKOFF, parseRetryAfter, type BackoffOptions, type Sleep } from './backoff.ts';
import type { CircuitBreaker, Clock } from './circuit-breaker.ts';
import type { LlmUsage } from './ports.ts';
import type { Prompt } from './prompts.ts';

export type ChatFailure = 'circuit_open' | 'timeout' | 'rate_limited' | 'server_error' | 'connection' | 'client_error' | 'bad_response' | 'refusal' | 'empty';

export type ChatOutcome =
  | { ok: true; content: string; usage: LlmUsage; attempts: number }
  | { ok: false; failure: ChatFailure; detail: string; usage?: LlmUsage; attempts: number };

export interface ChatRequest {
  prompt: Prompt;
  /** The user turn(s): data wrapped in delimiters, never raw customer text. */
  user: string;
  responseFormat?: ResponseFormatJSONSchema;
  maxTokens?: number;
  temperature?: number;
}

export interface ChatClient {
  complete(req: ChatRequest): Promise<ChatOutcome>;
  readonly model: string;
}

export interface ChatClientOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
  retries: number;
  breaker: CircuitBreaker;
  clock: Clock;
  sleep: Sleep;
  backoff?: BackoffOptions;
}

/** Only the fields we read; a server that sends something else is a bad response, not a crash. */
const completionSchema = z.object({
  model: z.string().optional(),
  choices: z.array(z.object({
    message: z.object({ content: z.string().nullable().optional(), refusal: z.string().nullable().optional() }),
    finish_reason: z.string().nullable().optional(),
  })).min(1),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).partial().nullable().optional(),
});

type Attempt = { kind: 'done'; outcome: ChatOutcome } | { kind: 'retry'; failure: ChatFailure; detail: string; retryAfterMs: number | null };

/** Build the client. The SDK object is created once; the breaker is shared by all calls. */
export function createChatClient(o: ChatClientOptions): ChatClient {
  const sdk = new OpenAI({ apiKey: o.apiKey, baseURL: o.baseURL ?? null, maxRetries: 0, timeout: o.timeoutMs });

  async function attemptOnce(req: ChatRequest, attempts: number): Promise<Attempt> {
    const abort = new AbortController();
    // Our own timer covers the whole call, body included; the SDK's timeout only covers headers.
    const timer = setTimeout(() => abort.abort(), o.timeoutMs);
    try {
      const raw: unknown = await sdk.chat.completions.create(
        {
          model: o.model,
          messages: [{ role: 'system', content: req.prompt.text }, { role: 'user', content: req.user }],
          ...(req.responseFormat ? { response_format: req.responseFormat } : {}),
          ...(req.maxTokens ? { max_tokens: req.maxTokens } : {}),
          temperature: req.temperature ?? 0.2,
        },
        { signal: abort.signal, timeout: o.timeoutMs, maxRetries: 0 },
      );
      const parsed = completionSchema.safeParse(raw);
      if (!parsed.success) return { kind: 'done', outcome: { ok: false, failure: 'bad_response', detail: 'completion shape', attempts } };
      const body = parsed.data;
      const usage: LlmUsage = {
        model: body.model ?? o.model,
        promptId: req.prompt.id,
        promptHash: req.prompt.hash,
        promptTokens: body.usage?.prompt_tokens ?? 0,
        completionTokens: body.usage?.completion_tokens ?? 0,
      };
      const msg = body.choices[0]!.message;
      if (msg.refusal) return { kind: 'done', outcome: { ok: false, failure: 'refusal', detail: msg.refusal.slice(0, 200), usage, attempts } };
      const content = (msg.content ?? '').trim();
      if (!content) return { kind: 'done', outcome: { ok: false, failure: 'empty', detail: `finish_reason ${body.choices[0]!.finish_reason ?? 'none'}`, usage, attempts } };
      return { kind: 'done', outcome: { ok: true, content, usage, attempts } };
    } catch (e) {
      return classifyError(e, abort.signal.aborted, attempts, o.clock);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    model: o.model,
    async complete(req) {
      if (!o.breaker.allow()) return { ok: false, failure: 'circuit_open', detail: 'model server unavailable, answering offline', attempts: 0 };
      let attempts = 0;
      for (;;) {
        attempts += 1;
        const a = await attemptOnce(req, attempts);
        if (a.kind === 'done') {
          // A refusal or an empty answer is a healthy server saying no; a 4xx (bad key, unknown
          // model) or garbage is a broken setup that will not heal by itself, so it counts.
          const broken = !a.outcome.ok && (a.outcome.failure === 'client_error' || a.outcome.failure === 'bad_response');
          if (broken) o.breaker.failure();
          else o.breaker.success();
          return a.outcome;
        }
        if (attempts > o.retries) {
          o.breaker.failure();
          return { ok: false, failure: a.failure, detail: a.detail, attempts };
        }
        await o.sleep(backoffDelay(attempts, a.retryAfterMs, o.backoff ?? DEFAULT_BACKOFF));
      }
    },
  };
}

function classifyError(e: unknown, timedOut: boolean, attempts: number, clock: Clock): Attempt {
  if (timedOut || e instanceof APIUserAbortError || (e instanceof APIConnectionError && /timed? ?out/i.test(e.message))) {
    return { kind: 'retry', failure: 'timeout', detail: 'no answer in time', retryAfterMs: null };
  }
  if (e instanceof APIError && typeof e.status === 'number') {
    const retryAfterMs = parseRetryAfter(e.headers, clock());
    if (e.status === 429) return { kind: 'retry', failure: 'rate_limited', detail: 'HTTP 429', retryAfterMs };
    if (e.status >= 500) return { kind: 'retry', failure: 'server_error', detail: `HTTP ${e.status}`, retryAfterMs };
    if (e.status === 408 || e.status === 409) return { kind: 'retry', failure: 'server_error', detail: `HTTP ${e.status}`, retryAfterMs };
    // 400/401/403/404/422: retrying will not help; the answer is offline until someone fixes config.
    return { kind: 'done', outcome: { ok: false, failure: 'client_error', detail: `HTTP ${e.status}`, attempts } };
  }
  if (e instanceof APIConnectionError) return { kind: 'retry', failure: 'connection', detail: 'connection failed', retryAfterMs: null };
  // The SDK throws plain errors for unparseable JSON bodies; the server is speaking nonsense.
  return { kind: 'done', outcome: { ok: false, failure: 'bad_response', detail: e instanceof Error ? e.message.slice(0, 120) : 'unknown', attempts } };
}
