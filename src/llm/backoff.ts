/**
 * How long to wait before the next attempt: the server's Retry-After when it gives one (capped),
 * else exponential backoff with full jitter. Randomness and sleeping are injected for tests.
 */

export type Sleep = (ms: number) => Promise<void>;
export type Random = () => number;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  random: Random;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 8000, random: Math.random };

/**
 * Parse `retry-after-ms` / `retry-after` (seconds or an HTTP date) into milliseconds, or null.
 * `now` is needed for the HTTP-date form.
 */
export function parseRetryAfter(headers: { get(name: string): string | null } | undefined, now: Date): number | null {
  if (!headers) return null;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  const ra = headers.get('retry-after');
  if (ra === null) return null;
  if (/^\d+(\.\d+)?$/.test(ra.trim())) return Math.round(Number(ra) * 1000);
  const at = Date.parse(ra);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** Delay before retry number `attempt` (1-based). */
export function backoffDelay(attempt: number, retryAfterMs: number | null, o: BackoffOptions = DEFAULT_BACKOFF): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, o.maxMs);
  const ceiling = Math.min(o.maxMs, o.baseMs * 2 ** (attempt - 1));
  return Math.round(o.random() * ceiling);
}
