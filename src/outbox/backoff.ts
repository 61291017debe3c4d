/** Exponential backoff for outbox retries: base·2^(attempt-1), capped; never gives up. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000 };

/** Delay before retry number `attempt` (1 = the first retry after one failure). */
export function retryDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exp = Math.min(attempt - 1, 30);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, exp));
}
