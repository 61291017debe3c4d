import { spawnSync } from 'node:child_process';
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

  it('refuses a bad configuration with one message naming every bad key', () => {
    const r = settle(['start'], { PORT: 'eighty', LOG_LEVEL: 'chatty', SLACK_BOT_TOKEN: 'not-a-token' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('invalid configuration (3 keys)');
    for (const key of ['PORT', 'LOG_LEVEL', 'SLACK_BOT_TOKEN']) expect(r.stderr).toContain(key);
    expect(r.stderr).not.toContain('not-a-token');
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });
});
