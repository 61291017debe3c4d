/**
 * Slack bench: slash-command ack latency over loopback at a steady 100 requests/s (open loop:
 * requests leave on schedule whether or not earlier ones were answered), for Settle's real
 * adapter — which files a case on a SQLite file and posts its card after each ack — beside a
 * bare Bolt app that only acks, in the same run. Both verify signatures.
 *
 * Latency is measured where Slack measures it, from another process: a forked driver holds the
 * load generator and the fake Slack Web API (Slack's side), while this process runs the two apps
 * (the store's side). An in-process client would only see a response once the server's
 * synchronous work yields, which is not what Slack sees.
 * `SETTLE_BENCH_SLACK_N` sets the requests per app (default 2 000).
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, LogLevel } from '@slack/bolt';
import { startSlack } from '../src/adapters/slack/start-slack.ts';
import { createDesk } from '../src/app/create-desk.ts';
import { loadConfig } from '../src/config.ts';
import { createSilentLogger } from '../src/logger.ts';
import { loadPlaybook } from '../src/playbook/load-playbook.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';
import { FakeSlackApi } from '../test/fakes/slack/fake-slack-api.ts';
import { signRequest } from '../test/fakes/slack/sign-request.ts';

const TOKEN = 'xoxb-bench-0001';
const SECRET = 'bench-signing-secret';
const RATE_PER_SECOND = 100;
const WARMUP = 100;
const ROOT = resolve(import.meta.dirname, '..');

const COMPLAINTS = [
  'order:B1 The blender stopped working after two days, it is broken',
  '我买的套装少了一个配件,怎么回事?',
  'The parcel never arrived, tracking stuck for two weeks',
  '收到的颜色不对,我买的是蓝色,发来的是红色',
];

interface Latency { p50: number; p99: number; max: number; errors: number }
type DriverMessage = { fakeUrl: string } | { phase: 'bare-done' } | { results: { bare: Latency; settle: Latency; posted: number } };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** One signed slash command; resolves with the ack latency in ms (NaN on a non-200). */
function sendCommand(port: number, agent: Agent, i: number, fake: FakeSlackApi): Promise<number> {
  const body = new URLSearchParams({
    token: 'x', team_id: 'T0001', channel_id: 'C_BENCH', user_id: `U${i % 7}`, user_name: 'bench', command: '/settle',
    text: COMPLAINTS[i % COMPLAINTS.length]!, response_url: fake.responseUrl(), trigger_id: `bench.${i}.${Date.now()}`, api_app_id: 'A0',
  }).toString();
  const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)), ...signRequest(SECRET, body) };
  return new Promise((done) => {
    const t0 = process.hrtime.bigint();
    const req = request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode === 200 ? Number(process.hrtime.bigint() - t0) / 1e6 : NaN));
    });
    req.on('error', () => done(NaN));
    req.end(body);
  });
}

/** `n` requests at RATE_PER_SECOND after a warm-up. */
async function drive(port: number, n: number, fake: FakeSlackApi): Promise<Latency> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const interval = 1000 / RATE_PER_SECOND;
  const run = async (count: number, offset: number) => {
    const pending: Promise<number>[] = [];
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const wait = start + i * interval - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(sendCommand(port, agent, offset + i, fake));
    }
    return Promise.all(pending);
  };
  await run(WARMUP, 0);
  const all = await run(n, WARMUP);
  agent.destroy();
  const ok = all.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return { p50: percentile(ok, 50), p99: percentile(ok, 99), max: ok[ok.length - 1] ?? NaN, errors: all.length - ok.length };
}

/** The forked driver: fake Slack API + load generator (Slack's side of the wire). */
async function runDriver(): Promise<void> {
  const fake = await new FakeSlackApi({ botToken: TOKEN }).start();
  process.send!({ fakeUrl: fake.apiUrl } satisfies DriverMessage);
  process.once('message', (msg: { barePort: number; settlePort: number; n: number }) => {
    void (async () => {
      const bare = await drive(msg.barePort, msg.n, fake);
      process.send!({ phase: 'bare-done' } satisfies DriverMessage);
      const settle = await drive(msg.settlePort, msg.n, fake);
      await new Promise((r) => setTimeout(r, 1000));
      process.send!({ results: { bare, settle, posted: fake.callsTo('chat.postMessage', true).length } } satisfies DriverMessage);
      await fake.close();
      process.exit(0);
    })();
  });
}

/** Ack latency of Settle's /settle vs a bare Bolt app, same run. */
export async function benchSlack(): Promise<Record<string, number>> {
  const n = Number(process.env.SETTLE_BENCH_SLACK_N ?? 2000);
  const driver = fork(join(ROOT, 'bin/run-ts.js'), [join(ROOT, 'bench/slack.ts'), '--slack-driver'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const messages: DriverMessage[] = [];
  let notify: () => void = () => undefined;
  driver.on('message', (m: DriverMessage) => {
    messages.push(m);
    notify();
  });
  const next = async <K extends string>(key: K) => {
    for (;;) {
      const found = messages.find((m) => key in m);
      if (found) return found as Extract<DriverMessage, Record<K, unknown>>;
      await new Promise<void>((r) => (notify = r));
    }
  };
  const { fakeUrl } = await next('fakeUrl');

  const dir = mkdtempSync(join(tmpdir(), 'settle-bench-slack-'));
  const store = openSqliteStore(join(dir, 'settle.db'));
  await store.upsertOrders([{ id: 'B1', currency: 'CNY', items: [{ sku: 'BL-1', name: 'Blender', unitPriceMinor: 89900, qty: 1 }], totalMinor: 89900, shippingFeeMinor: 0, freeShipping: true, status: 'delivered', sevenDayReturn: true }], new Date().toISOString());
  const logger = createSilentLogger();
  const clock = () => new Date();
  const desk = createDesk({ store, playbook: loadPlaybook(join(ROOT, 'playbooks')), clock, logger });
  const config = { ...loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fakeUrl, SLACK_AGENT_IDS: 'U0,U1,U2,U3,U4,U5,U6', SETTLE_DB_PATH: join(dir, 'settle.db') }), port: 0 };
  const settle = await startSlack({ desk, config, logger, clock }, { host: '127.0.0.1' });
  const bare = new App({ token: TOKEN, signingSecret: SECRET, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: fakeUrl } });
  bare.command('/settle', async ({ ack }) => {
    await ack();
  });
  const bareServer = await bare.start({ port: 0, host: '127.0.0.1' });
  try {
    // CPU time of this (server) process per phase: load-independent, unlike latency on a busy host.
    const cpu0 = process.cpuUsage();
    driver.send({ barePort: (bareServer.address() as AddressInfo).port, settlePort: settle.port!, n });
    await next('phase');
    const cpuBare = process.cpuUsage(cpu0);
    const { results } = await next('results');
    const cpuSettle = process.cpuUsage(cpu0);
    const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
    // Drafts acked but not yet filed finish during stop (bounded): count what reached the store.
    const t0 = performance.now();
    await settle.stop();
    const drainMs = performance.now() - t0;
    const filed = (await store.listCases({ limit: 1_000_000 })).length;
    return {
      requestsPerApp: n,
      ratePerSecond: RATE_PER_SECOND,
      bareAckP50Ms: results.bare.p50,
      bareAckP99Ms: results.bare.p99,
      settleAckP50Ms: results.settle.p50,
      settleAckP99Ms: results.settle.p99,
      settleAckMaxMs: results.settle.max,
      p99Ratio: results.settle.p99 / results.bare.p99,
      failedAcks: results.bare.errors + results.settle.errors,
      bareCpuMsPerRequest: cpuMs(cpuBare) / (n + WARMUP),
      settleCpuMsPerRequest: (cpuMs(cpuSettle) - cpuMs(cpuBare)) / (n + WARMUP),
      cardsPostedDuringRun: results.posted,
      casesFiledAfterDrain: filed,
      drainAfterRunMs: drainMs,
    };
  } finally {
    driver.kill();
    await bare.stop();
    await settle.stop().catch(() => undefined);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--slack-driver')) await runDriver();
