import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

function settle(args: string[], env: Record<string, string>, input = '') {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|DISCORD_|SETTLE_|OPENAI_|LOG_LEVEL|PORT)/.test(k)));
  return spawnSync(process.execPath, ['bin/settle.js', ...args], { cwd: ROOT, env: { ...clean, ...env }, input, encoding: 'utf8', timeout: 60_000 });
}

describe('settle start (npm start)', () => {
  it('opens the console on a new SQLite file when no chat platform is configured', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settle-start-'));
    const r = settle(['start'], { SETTLE_DB_PATH: join(dir, 'new', 'settle.db'), SETTLE_LOG_FILE: join(dir, 'settle.log') }, '/whoami\n少发了一件\n/queue\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('You are agent, agent (console:agent).');
    expect(r.stdout).toMatch(/c1 +logistics/);
  });

  it('offers role-play training in the console as on Slack and Discord: /train opens a session, a typed line is the turn', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settle-start-'));
    const r = settle(['console'], { SETTLE_DB_PATH: join(dir, 'settle.db'), SETTLE_LOG_FILE: join(dir, 'settle.log') }, '/as agent li\n/train\nSorry to hear that. Could you send me the order number?\n/giveup\n');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('Training is not available');
    expect(r.stdout).toMatch(/Training \S+ · [\w-]+ \(play\)/);
    expect(r.stdout).toMatch(/Customer \[\w+\]/);
  });

  it('refuses a bad configuration with one message naming every bad key', () => {
    const r = settle(['start'], { PORT: 'eighty', LOG_LEVEL: 'chatty', SLACK_BOT_TOKEN: 'not-a-token' });
    expect(r.status).toBe(1);
    // The bot token without its signing secret is the fourth.
    expect(r.stderr).toContain('invalid configuration (4 keys)');
    for (const key of ['PORT', 'LOG_LEVEL', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']) expect(r.stderr).toContain(key);
    expect(r.stderr).not.toContain('not-a-token');
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });

  it('starts the Slack adapter when its keys are set, and stops cleanly on SIGTERM', async () => {
    // Slack's Web API, faked on loopback: enough for the adapter's start-up auth.test.
    const calls: string[] = [];
    const api = createServer((req, res) => {
      calls.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'settle' }));
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    const dir = mkdtempSync(join(tmpdir(), 'settle-start-'));
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|DISCORD_|SETTLE_|OPENAI_|LOG_LEVEL|PORT)/.test(k)));
    const child = spawn(process.execPath, ['bin/settle.js', 'start'], {
      cwd: ROOT,
      env: { ...clean, SETTLE_DB_PATH: join(dir, 's.db'), SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', PORT: '0', SLACK_API_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/` },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const deadline = Date.now() + 60_000;
    while (!out.includes('settle: running slack') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    expect(out, err).toContain('settle: running slack');
    while (!calls.some((u) => u.includes('auth.test')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(calls.some((u) => u.includes('auth.test'))).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('"msg":"settle stopped"');
    expect(out).not.toContain('xoxb-test');
    api.close();
  }, 90_000);
});
