/**
 * Deliveries handled once. Slack retries an event it thinks went unanswered (X-Slack-Retry-Num)
 * and a proxy can replay an interaction; both carry the same `event_id` / `trigger_id`, so a
 * repeat is acknowledged and dropped here before any handler runs.
 */
import type { AnyMiddlewareArgs, AllMiddlewareArgs } from '@slack/bolt';

/** Remember deliveries this long: Slack retries within minutes. */
export const DELIVERY_MEMORY_MS = 15 * 60_000;
const MAX_REMEMBERED = 10_000;

/** The key Slack repeats on a retried delivery, if any. */
export function deliveryKey(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { event_id?: unknown; trigger_id?: unknown };
  if (typeof b.event_id === 'string') return `e:${b.event_id}`;
  if (typeof b.trigger_id === 'string') return `t:${b.trigger_id}`;
  return undefined;
}

/** Global Bolt middleware dropping repeats; `onRepeat` lets the adapter log them. */
export function createOnceMiddleware(clock: () => Date, onRepeat: (key: string, retryNum?: number) => void) {
  const seen = new Map<string, number>();
  return async (args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const key = deliveryKey(args.body);
    if (key === undefined) return args.next();
    const now = clock().getTime();
    if ((seen.get(key) ?? 0) > now) {
      onRepeat(key, args.context.retryNum);
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      return;
    }
    seen.set(key, now + DELIVERY_MEMORY_MS);
    if (seen.size > MAX_REMEMBERED) {
      // Maps iterate in insertion order: drop the oldest.
      for (const [k] of seen) {
        seen.delete(k);
        if (seen.size <= MAX_REMEMBERED) break;
      }
    }
    return args.next();
  };
}
