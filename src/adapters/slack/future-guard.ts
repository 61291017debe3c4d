/**
 * Slack signs every request with `X-Slack-Request-Timestamp`; Bolt refuses one more than five
 * minutes away from the system clock in either direction. A request dated in the future is never
 * one Slack sent, so Settle refuses any timestamp more than 60 s ahead of its own (injected)
 * clock, before Bolt reads the body: 401, nothing filed. Stale ones stay Bolt's check.
 */
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

export const MAX_FUTURE_SKEW_SEC = 60;

/** True when the request's Slack timestamp is more than `maxSkewSec` ahead of `now`. */
export function isFromTheFuture(header: string | string[] | undefined, now: Date, maxSkewSec = MAX_FUTURE_SKEW_SEC): boolean {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || !/^\d{1,12}$/.test(raw)) return false; // missing or malformed: Bolt refuses it
  return Number(raw) - Math.floor(now.getTime() / 1000) > maxSkewSec;
}

/** Put the future check in front of every request listener of Bolt's HTTP server. */
export function refuseFutureRequests(server: Server, clock: () => Date, onRefused: (skewSec: number) => void): void {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers['x-slack-request-timestamp'];
    if (isFromTheFuture(header, clock())) {
      onRefused(Number(header) - Math.floor(clock().getTime() / 1000));
      req.resume();
      res.writeHead(401, { 'content-type': 'text/plain' }).end('request timestamp is in the future');
      return;
    }
    for (const listener of listeners) listener(req, res);
  });
}
