/**
 * The first hour of a new user, through the real `settle` command in a fresh directory: `.env` is
 * read (the environment wins), half-set key pairs are refused with one line naming the fix, and
 * `--version` answers.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/settle.js');
const PKG = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };

/** Runs `settle` in `cwd` with only PATH and the given variables in the environment. */
function settle(cwd: string, args: string[], env: Record<string, string> = {}, input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function freshDir(envFile?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'settle-first-hour-'));
  if (envFile !== undefined) writeFileSync(join(dir, '.env'), envFile);
  return dir;
}

describe('the .env file', () => {
  it('is read from the working directory: a half-set Slack pair in it is refused in one line', () => {
    const dir = freshDir('SLACK_BOT_TOKEN=xoxb-123\n');
    const r = settle(dir, ['start']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SLACK_SIGNING_SECRET: missing: SLACK_BOT_TOKEN is set');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('loses to the environment: a key set in both takes the environment\'s value', () => {
    const dir = freshDir('LOG_LEVEL=verbose\n');
    // The file alone is refused (LOG_LEVEL must be a level) …
    expect(settle(dir, ['console'], {}, '/quit\n').stderr).toContain('LOG_LEVEL');
    // … and the environment's valid value wins over it.
    const r = settle(dir, ['console'], { LOG_LEVEL: 'silent', SETTLE_DB_PATH: join(dir, 's.db'), SETTLE_LOG_FILE: join(dir, 's.log') }, '/quit\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('copied from .env.example as the README says gives a working console', () => {
    const dir = freshDir(readFileSync(resolve(import.meta.dirname, '../../.env.example'), 'utf8'));
    const r = settle(dir, ['console'], {}, '/quit\n');
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });

  it('that is a directory is a one-line error, not a stack trace', () => {
    const dir = freshDir();
    mkdirSync(join(dir, '.env'));
    const r = settle(dir, ['classify'], {}, '{"id":"a","text":"少发了一件"}\n');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('settle: .env is a directory; fix or remove it (the environment alone also works)');
  });
});

describe('settle --version', () => {
  it('prints the package version', () => {
    const r = settle(freshDir(), ['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `settle ${PKG.version}\n` });
  });
});

describe('a bad path is one line, never a stack trace', () => {
  const noTrace = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

  it('SETTLE_LOG_FILE that is a directory', () => {
    const dir = freshDir();
    const r = settle(dir, ['console'], { SETTLE_LOG_FILE: dir, SETTLE_DB_PATH: join(dir, 's.db') }, '/quit\n');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`settle console: Cannot write the log file at ${dir} (SETTLE_LOG_FILE): it is a directory`);
  });

  it('SETTLE_LOG_FILE under a file', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'plain'), 'x');
    const r = settle(dir, ['console'], { SETTLE_LOG_FILE: join(dir, 'plain', 'settle.log'), SETTLE_DB_PATH: join(dir, 's.db') }, '/quit\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('(SETTLE_LOG_FILE): a part of the path is a file');
    noTrace(r.stderr);
  });

  it('settle train report --db on a directory, and on a file that is not SQLite', () => {
    const dir = freshDir();
    const onDir = settle(dir, ['train', 'report', '--db', dir]);
    expect(onDir.code).toBe(2);
    expect(onDir.stderr).toMatch(/^settle train: Cannot open the training store at .* \(--db or SETTLE_DB_PATH\): /);
    noTrace(onDir.stderr);
    writeFileSync(join(dir, 'notes.txt'), 'these are not the tables you are looking for\n'.repeat(200));
    const onText = settle(dir, ['train', 'report', '--db', join(dir, 'notes.txt')]);
    expect(onText.code).toBe(2);
    expect(onText.stderr.trim()).toBe(`settle train: Cannot open the training store at ${join(dir, 'notes.txt')} (--db or SETTLE_DB_PATH): file is not a database`);
  });
});

