/**
 * Settle's Prometheus metrics (prom-client), on a registry of their own so tests and several
 * apps in one process never share counters. The outbox backlog is read from the store when
 * scraped, so every process reports the shared backlog, not its own.
 */
import client from 'prom-client';
import type { Store } from '../store/store.ts';

export interface SettleMetrics {
  registry: client.Registry;
  casesFiled: client.Counter<'category'>;
  decisions: client.Counter<'decision'>;
  releases: client.Counter;
  timeToDecision: client.Histogram<'decision'>;
}

export function createMetrics(store: Pick<Store, 'countPendingReleases'>): SettleMetrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'settle_process_' });
  const casesFiled = new client.Counter({ name: 'settle_cases_filed_total', help: 'Cases filed, by category', labelNames: ['category'] as const, registers: [registry] });
  const decisions = new client.Counter({ name: 'settle_decisions_total', help: 'Approvals and rejections decided by this process', labelNames: ['decision'] as const, registers: [registry] });
  const releases = new client.Counter({ name: 'settle_releases_total', help: 'Replies released by this process (one per case, ever)', registers: [registry] });
  const timeToDecision = new client.Histogram({
    name: 'settle_time_to_decision_seconds', help: 'From a case filed to its approval or rejection', labelNames: ['decision'] as const,
    buckets: [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, 172800], registers: [registry],
  });
  new client.Gauge({
    name: 'settle_outbox_backlog', help: 'Released replies not yet delivered (the whole store, all processes)', registers: [registry],
    async collect() {
      this.set(await store.countPendingReleases());
    },
  });
  return { registry, casesFiled, decisions, releases, timeToDecision };
}
