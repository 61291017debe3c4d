/**
 * Settle's Prometheus metrics (prom-client), on a registry of their own so tests and several
 * apps in one process never share counters. The outbox backlog and the overdue deadlines are
 * read from the store when scraped, so every process reports the shared figure, not its own.
 */
import client from 'prom-client';
import type { Store } from '../store/store.ts';

export type AckPlatform = 'slack' | 'discord';
/** What the model was asked for: the classification assist, the reply polish, the training customer's voice. */
export type LlmUse = 'classify' | 'polish' | 'voice';

export interface SettleMetrics {
  registry: client.Registry;
  casesFiled: client.Counter<'category'>;
  decisions: client.Counter<'decision'>;
  releases: client.Counter;
  timeToDecision: client.Histogram<'decision'>;
  /** From a request's arrival to its acknowledgement leaving (Slack's 3 s, Discord's first callback). */
  ackLatency: client.Histogram<'platform'>;
  /** Chat-completion calls, by prompt and outcome (`ok` or the failure: `timeout`, `server_error`, `circuit_open` …). */
  llmCalls: client.Counter<'prompt' | 'outcome'>;
  /** The model was asked and its answer not used: the rules' reading, the template or the scripted line instead. */
  llmFallbacks: client.Counter<'use' | 'reason'>;
}

/** Case listings read per page while counting overdue deadlines. */
const OVERDUE_PAGE = 200;

/**
 * Unmet deadlines past due on cases with work left, at `now`. Cases come earliest deadline first,
 * so the walk stops at the first case whose next deadline is still ahead: it reads only the
 * overdue cases (and one page past them).
 */
export async function countOverdueDeadlines(store: Pick<Store, 'listCases' | 'listDeadlines'>, now: Date): Promise<number> {
  const at = now.getTime();
  let overdue = 0;
  for (let offset = 0; ; offset += OVERDUE_PAGE) {
    const page = await store.listCases({ open: true, order: 'deadline', limit: OVERDUE_PAGE, offset });
    for (const c of page) {
      if (c.nextDueAt === undefined || Date.parse(c.nextDueAt) > at) return overdue;
      overdue += (await store.listDeadlines(c.id)).filter((d) => !d.metAt && Date.parse(d.dueAt) <= at).length;
    }
    if (page.length < OVERDUE_PAGE) return overdue;
  }
}

export function createMetrics(store: Pick<Store, 'countPendingReleases' | 'listCases' | 'listDeadlines'>, clock: () => Date = () => new Date()): SettleMetrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'settle_process_' });
  const registers = [registry];
  const casesFiled = new client.Counter({ name: 'settle_cases_filed_total', help: 'Cases filed, by category', labelNames: ['category'] as const, registers });
  const decisions = new client.Counter({ name: 'settle_decisions_total', help: 'Approvals and rejections decided by this process', labelNames: ['decision'] as const, registers });
  const releases = new client.Counter({ name: 'settle_releases_total', help: 'Replies released by this process (one per case, ever)', registers });
  const timeToDecision = new client.Histogram({
    name: 'settle_time_to_decision_seconds', help: 'From a case filed to its approval or rejection', labelNames: ['decision'] as const,
    buckets: [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, 172800], registers,
  });
  const ackLatency = new client.Histogram({
    name: 'settle_ack_latency_seconds', help: 'From a Slack request or Discord interaction arriving to its acknowledgement sent (limit 3 s)', labelNames: ['platform'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5], registers,
  });
  const llmCalls = new client.Counter({ name: 'settle_llm_calls_total', help: 'Chat-completion calls to the model, by prompt and outcome', labelNames: ['prompt', 'outcome'] as const, registers });
  const llmFallbacks = new client.Counter({
    name: 'settle_llm_fallbacks_total', help: 'The model was asked but its answer not used (rules, template or scripted line instead), by use and reason', labelNames: ['use', 'reason'] as const, registers,
  });
  new client.Gauge({
    name: 'settle_outbox_backlog', help: 'Released replies not yet delivered (the whole store, all processes)', registers,
    async collect() {
      this.set(await store.countPendingReleases());
    },
  });
  new client.Gauge({
    name: 'settle_overdue_deadlines', help: 'Unmet lifecycle deadlines past due on open cases (the whole store, all processes)', registers,
    async collect() {
      this.set(await countOverdueDeadlines(store, clock()));
    },
  });
  return { registry, casesFiled, decisions, releases, timeToDecision, ackLatency, llmCalls, llmFallbacks };
}
