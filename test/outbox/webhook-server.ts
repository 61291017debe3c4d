/** A real loopback HTTP receiver for outbox tests: fails the first `failures` requests, dedupes by Idempotency-Key. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  key: string | undefined;
  body: unknown;
  status: number;
}

export interface WebhookServer {
  url: string;
  requests: Received[];
  /** Distinct idempotency keys accepted with a 2xx. */
  accepted: Map<string, unknown>;
  close(): Promise<void>;
}

/** `delayMs`: how long each answer takes (a slow receiver keeps deliveries in flight longer). */
export async function startWebhookServer(failures = 0, status = 503, delayMs = 0): Promise<WebhookServer> {
  const requests: Received[] = [];
  const accepted = new Map<string, unknown>();
  let left = failures;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const key = req.headers['idempotency-key'] as string | undefined;
      const body = JSON.parse(raw) as unknown;
      const code = left > 0 ? status : 200;
      if (left > 0) left--;
      else if (key && !accepted.has(key)) accepted.set(key, body);
      requests.push({ key, body, status: code });
      const answer = () => res.writeHead(code, { 'content-type': 'application/json' }).end('{}');
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/releases`,
    requests,
    accepted,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
