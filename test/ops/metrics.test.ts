/**
 * The metrics an operator scrapes from SETTLE_OPS_PORT's /metrics, after real actions: the ack
 * latency of `settle start` on Slack and on Discord (each a real process against the loopback
 * fakes), the LLM's calls and fallbacks (the real LLM stack against the scripted OpenAI server),
 * and the overdue deadlines read from the lifecycle tables.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createDesk } from '../../src/app/create-desk.ts';
import { openApp } from '../../src/app/open-app.ts';
import { DEFAULT_PLAYBOOK_DIR } from '../../src/cli/paths.ts';
import { loadConfig } from '../../src/config.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { serveOps } from '../../src/ops/serve-ops.ts';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { startScriptedServer, type ScriptedServer } from '../fakes/openai/scripted-server.ts';
import { FakeSlackApi } from '../fakes/slack/fake-slack-api.ts';
import { SlackSender } from '../fakes/slack/slack-sender.ts';
import { BOT_TOKEN, SIGNING_SECRET, USERS, waitFor, freePort } from '../adapters/slack/slack-harness.ts';
import { li, wang } from '../app/desk-fixture.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));


const scrape = async (port: number): Promise<string> => {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
};

/** A sample's value in Prometheus text, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

let child: ChildProcess | undefined;
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** `settle start` with `env`; resolves once `ready` is in its output. */
async function start(env: NodeJS.ProcessEnv, ready: string): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [join(ROOT, 'bin/settle.js'), 'start'], { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor(() => out.includes(ready), `"${ready}" in ${JSON.stringify(out)}`, 20_000);
  return proc;
}

async function stop(proc: ChildProcess): Promise<void> {
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  proc.kill('SIGTERM');
  expect(await exited).toBe(0);
}

describe('metrics on SETTLE_OPS_PORT', () => {
  it('counts every Slack ack of `settle start` in the ack latency histogram, beside the case it filed', async () => {
    const fake = await new FakeSlackApi({ botToken: BOT_TOKEN }).start();
    const dir = mkdtempSync(join(tmpdir(), 'settle-metrics-slack-'));
    cleanup.push(() => fake.close(), async () => rmSync(dir, { recursive: true, force: true }));
    const [port, opsPort] = [await freePort(), await freePort()];
    const proc = await start({
      HOME: dir, PORT: String(port), SETTLE_OPS_PORT: String(opsPort), SETTLE_DB_PATH: join(dir, 'settle.db'), SETTLE_LOG_FILE: join(dir, 'settle.log'),
      SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'warn', SLACK_AGENT_IDS: USERS.agent.id,
    }, 'running slack');
    const before = await scrape(opsPort);
    expect(sample(before, 'settle_ack_latency_seconds_count{platform="slack"}')).toBeUndefined();

    const sender = new SlackSender(`http://127.0.0.1:${port}`, SIGNING_SECRET, fake);
    expect((await sender.command('The parcel never arrived, tracking stuck for two weeks', USERS.agent)).status).toBe(200);
    expect((await sender.command('help', USERS.agent)).status).toBe(200);
    await waitFor(() => fake.callsTo('chat.postMessage', true)[0], 'card');
    const after = await waitFor(async () => {
      const text = await scrape(opsPort);
      return sample(text, 'settle_cases_filed_total{category="logistics"}') === 1 ? text : undefined;
    }, 'the filed case in /metrics');
    expect(sample(after, 'settle_ack_latency_seconds_count{platform="slack"}')).toBe(2);
    // Both acks left well inside Slack's 3 s: the 3 s bucket holds them.
    expect(sample(after, 'settle_ack_latency_seconds_bucket{le="3",platform="slack"}')).toBe(2);
    expect(sample(after, 'settle_ack_latency_seconds_sum{platform="slack"}')).toBeGreaterThan(0);
    await stop(proc);
  });

  it('counts a Discord interaction answered by `settle start` in the ack latency histogram', async () => {
    const fake: FakeDiscord = await startFakeDiscord();
    const dir = mkdtempSync(join(tmpdir(), 'settle-metrics-discord-'));
    cleanup.push(() => fake.close(), async () => rmSync(dir, { recursive: true, force: true }));
    const opsPort = await freePort();
    const proc = await start({
      HOME: dir, SETTLE_OPS_PORT: String(opsPort), SETTLE_DB_PATH: join(dir, 'settle.db'), SETTLE_LOG_FILE: join(dir, 'settle.log'),
      DISCORD_TOKEN: fake.world.token, DISCORD_APPLICATION_ID: fake.world.applicationId, DISCORD_SUPERVISOR_ROLE_IDS: '1300000000000000110', DISCORD_API_URL: fake.apiUrl,
    }, 'running discord');
    expect(sample(await scrape(opsPort), 'settle_ack_latency_seconds_count{platform="discord"}')).toBeUndefined();
    const i = fake.slash('agent.li', 'help');
    await fake.waitForCall((c) => c.params.interaction_id === i.id);
    const after = await waitFor(async () => {
      const text = await scrape(opsPort);
      return sample(text, 'settle_ack_latency_seconds_count{platform="discord"}') === 1 ? text : undefined;
    }, 'the Discord ack in /metrics');
    expect(sample(after, 'settle_ack_latency_seconds_bucket{le="3",platform="discord"}')).toBe(1);
    await stop(proc);
  });

  it('counts LLM calls by prompt and outcome, and the fallbacks when a failed call left the template', async () => {
    let polishFails = true;
    const server: ScriptedServer = await startScriptedServer((req) => {
      if (req.kind === 'polish') return polishFails ? { status: 500, error: 'overloaded' } : { content: req.user.match(/<template_reply[^>]*>\n?([\s\S]*?)\n?<\/template_reply>/)?.[1] ?? 'ok' };
      return { status: 500, error: 'overloaded' };
    });
    const dir = mkdtempSync(join(tmpdir(), 'settle-metrics-llm-'));
    cleanup.push(() => server.close(), async () => rmSync(dir, { recursive: true, force: true }));
    const config = loadConfig({
      SETTLE_DB_PATH: join(dir, 'settle.db'), SETTLE_LOG_FILE: join(dir, 'settle.log'), SETTLE_OPS_PORT: '0',
      OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.baseURL, SETTLE_LLM_RETRIES: '0',
    });
    const app = await openApp({ config, logToFile: true, defaultPlaybookDir: DEFAULT_PLAYBOOK_DIR });
    cleanup.push(() => app.close());
    const port = app.ops!.port;
    expect(sample(await scrape(port), 'settle_llm_calls_total{prompt="polish-reply",outcome="server_error"}')).toBeUndefined();

    await app.desk.submit({ actor: li, message: '买了三件白色T恤，收到只有两件，少发了一件' });
    const failed = await scrape(port);
    expect(sample(failed, 'settle_llm_calls_total{prompt="polish-reply",outcome="server_error"}')).toBe(1);
    expect(sample(failed, 'settle_llm_fallbacks_total{use="polish",reason="model_server_error"}')).toBe(1);

    polishFails = false;
    await app.desk.submit({ actor: li, message: '买了三件白色T恤，收到只有两件，少发了一件' });
    const answered = await scrape(port);
    expect(sample(answered, 'settle_llm_calls_total{prompt="polish-reply",outcome="ok"}')).toBe(1);
    // Every call the server saw is counted, once.
    const counted = answered.split('\n').filter((l) => l.startsWith('settle_llm_calls_total{')).reduce((n, l) => n + Number(l.split(' ')[1]), 0);
    expect(counted).toBe(server.requests.length);
  });

  it('reports unmet deadlines past due on open cases, and drops one when its case is closed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'settle-metrics-overdue-'));
    const store = openSqliteStore(join(dir, 'settle.db'));
    let now = new Date('2026-11-24T02:00:00Z');
    const clock = () => now;
    const desk = createDesk({ store, playbook: loadPlaybook(DEFAULT_PLAYBOOK_DIR), clock, logger: createSilentLogger() });
    const ops = await serveOps({ port: 0, host: '127.0.0.1', store, metrics: createMetrics(store, clock), logger: createSilentLogger() });
    cleanup.push(async () => {
      await ops.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const first = await desk.submit({ actor: li, message: '买了三件白色T恤，收到只有两件，少发了一件' });
    await desk.submit({ actor: li, message: '收到的耳机是假货吧，和专柜的不一样' });
    expect(sample(await scrape(ops.port), 'settle_overdue_deadlines')).toBe(0);

    // A month later, both first replies are overdue.
    now = new Date('2026-12-24T02:00:00Z');
    expect(sample(await scrape(ops.port), 'settle_overdue_deadlines')).toBe(2);
    await desk.reject(first.id, wang, 'not ours', first.revision);
    expect(sample(await scrape(ops.port), 'settle_overdue_deadlines')).toBe(1);
  });
});
