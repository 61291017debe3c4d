import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../../fakes/slack/fake-slack-api.ts';
import { SlackSender } from '../../fakes/slack/slack-sender.ts';
import { BOT_TOKEN, SIGNING_SECRET, USERS, waitFor, freePort } from './slack-harness.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));


let child: ChildProcess | undefined;
let fake: FakeSlackApi | undefined;
let dir: string | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('settle start with Slack configured', () => {
  it('starts the Slack adapter (not the console), files a case from /settle, and stops on SIGTERM', async () => {
    fake = await new FakeSlackApi({ botToken: BOT_TOKEN }).start();
    dir = mkdtempSync(join(tmpdir(), 'settle-start-slack-'));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH, HOME: dir, PORT: String(port), SETTLE_DB_PATH: join(dir, 'settle.db'), SETTLE_LOG_FILE: join(dir, 'settle.log'),
      SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'warn', SLACK_AGENT_IDS: USERS.agent.id,
    };
    child = spawn(process.execPath, [join(ROOT, 'bin/settle.js'), 'start'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(() => out.includes('running slack'), `"running slack" in ${JSON.stringify(out)}`, 20_000);
    expect(out).not.toMatch(/console/i);
    const sender = new SlackSender(`http://127.0.0.1:${port}`, SIGNING_SECRET, fake);
    const res = await sender.command('The parcel never arrived, tracking stuck for two weeks', USERS.agent);
    expect(res.status).toBe(200);
    const post = await waitFor(() => fake!.callsTo('chat.postMessage', true)[0], 'card');
    expect(JSON.stringify(post.args.blocks)).toContain('Logistics');
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
