/**
 * HTTP plumbing of the fake Discord: its error shape, rate-limit headers as Discord sends them,
 * reading bodies and writing replies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error Discord answers with `{ message, code }` and an HTTP status. */
export class DiscordError {
  constructor(readonly status: number, readonly code: number, readonly message: string) {}
}

export interface ScriptedRateLimit {
  route: string;
  retryAfterSeconds: number;
  global: boolean;
  times: number;
}

function bucketOf(route: string): string {
  return `fake-${route.replace(/\W+/g, '-')}`;
}

/** The headers of a request within its bucket (plenty left, so clients never wait pre-emptively). */
export function setBucketHeaders(res: ServerResponse, route: string): void {
  res.setHeader('x-ratelimit-limit', '50');
  res.setHeader('x-ratelimit-remaining', '49');
  res.setHeader('x-ratelimit-reset-after', '1.000');
  res.setHeader('x-ratelimit-bucket', bucketOf(route));
}

/** A 429 as Discord sends it: `retry-after` (whole seconds), X-RateLimit-*, and the JSON body. */
export function rateLimited(res: ServerResponse, route: string, limit: ScriptedRateLimit): { status: number; body: unknown } {
  res.setHeader('retry-after', String(Math.ceil(limit.retryAfterSeconds)));
  res.setHeader('x-ratelimit-limit', '5');
  res.setHeader('x-ratelimit-remaining', '0');
  res.setHeader('x-ratelimit-reset-after', limit.retryAfterSeconds.toFixed(3));
  res.setHeader('x-ratelimit-reset', (Date.now() / 1000 + limit.retryAfterSeconds).toFixed(3));
  res.setHeader('x-ratelimit-bucket', bucketOf(route));
  res.setHeader('x-ratelimit-scope', limit.global ? 'global' : 'user');
  if (limit.global) res.setHeader('x-ratelimit-global', 'true');
  return { status: 429, body: { message: 'You are being rate limited.', retry_after: limit.retryAfterSeconds, global: limit.global, ...(limit.global ? { code: 0 } : {}) } };
}

export function reply(res: ServerResponse, status: number, body?: unknown): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
