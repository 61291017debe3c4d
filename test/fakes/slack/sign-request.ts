/**
 * Slack request signing (v0): `X-Slack-Signature: v0=HMAC-SHA256(secret, "v0:{ts}:{raw body}")`
 * with `X-Slack-Request-Timestamp: {ts}` — exactly what Slack sends and Bolt verifies.
 */
import { createHmac } from 'node:crypto';

export function signRequest(signingSecret: string, rawBody: string, timestampSec = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${rawBody}`).digest('hex');
  return { 'x-slack-signature': `v0=${signature}`, 'x-slack-request-timestamp': String(timestampSec) };
}
