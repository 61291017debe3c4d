/**
 * The operator's port (SETTLE_OPS_PORT): `/healthz` (the process answers), `/readyz` (the
 * database answers within 2 s and every front end started is connected) and `/metrics`
 * (Prometheus text). Plain node:http: three routes need no framework.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import type { SettleMetrics } from './metrics.ts';

export interface OpsServer {
  port: number;
  /** A front end reports whether it is connected (Slack receiver listening, Discord gateway ready, console running). */
  setReady(frontEnd: string, ready: boolean): void;
  close(): Promise<void>;
}

const STORE_TIMEOUT_MS = 2_000;

async function storeAnswers(store: Pick<Store, 'countPendingReleases'>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), STORE_TIMEOUT_MS)));
  try {
    return await Promise.race([store.countPendingReleases().then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function serveOps(opts: { port: number; host: string; store: Pick<Store, 'countPendingReleases'>; metrics: SettleMetrics; logger: Logger }): Promise<OpsServer> {
  const frontEnds = new Map<string, boolean>();
  const server: Server = createServer((req, res) => {
    const send = (status: number, type: string, body: string) => res.writeHead(status, { 'content-type': type }).end(body);
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'GET only\n');
    if (path === '/healthz') return send(200, 'text/plain', 'ok\n');
    if (path === '/readyz') {
      void storeAnswers(opts.store).then((database) => {
        const platforms = Object.fromEntries(frontEnds);
        const ready = database && frontEnds.size > 0 && [...frontEnds.values()].every(Boolean);
        send(ready ? 200 : 503, 'application/json', `${JSON.stringify({ ready, database, frontEnds: platforms })}\n`);
      });
      return undefined;
    }
    if (path === '/metrics') {
      void opts.metrics.registry.metrics().then(
        (text) => send(200, opts.metrics.registry.contentType, text),
        (err: unknown) => {
          opts.logger.warn({ err }, 'metrics collection failed');
          send(500, 'text/plain', 'metrics unavailable\n');
        },
      );
      return undefined;
    }
    return send(404, 'text/plain', 'not found: /healthz, /readyz, /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  opts.logger.info({ port, host: opts.host }, 'ops endpoints listening (/healthz, /readyz, /metrics)');
  return {
    port,
    setReady: (frontEnd, ready) => void frontEnds.set(frontEnd, ready),
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
