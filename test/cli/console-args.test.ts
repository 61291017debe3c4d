/** `settle console` and `settle start` refuse what they do not understand instead of ignoring it. */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { consoleCommand, parseConsoleArgs } from '../../src/cli/commands/console.ts';
import { startCommand } from '../../src/cli/commands/start.ts';
import type { CliIO } from '../../src/cli/io.ts';

function io(env: Record<string, string>, input = '') {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c) => (stdout += String(c)));
  err.on('data', (c) => (stderr += String(c)));
  const cli: CliIO = { stdin: Readable.from([input]), stdout: out, stderr: err, isTTY: false, env };
  return { cli, stdout: () => stdout, stderr: () => stderr };
}

describe('parseConsoleArgs', () => {
  it('reads --as ROLE NAME and --db PATH', () => {
    expect(parseConsoleArgs(['--as', 'supervisor', 'wang', '--db', 'x.db'])).toEqual({ as: { role: 'supervisor', name: 'wang' }, db: 'x.db' });
    expect(parseConsoleArgs(['--db=y.db'])).toEqual({ db: 'y.db' });
  });

  it.each([
    [['--verbose'], "unknown option '--verbose' for settle console"],
    [['extra'], "settle console takes no argument 'extra'"],
    [['--db'], '--db needs a path, e.g. --db ./data/settle.db'],
    [['--as', 'boss', 'x'], "--as needs a role, agent or supervisor, then a name (got 'boss')"],
    [['--as', 'agent'], '--as agent needs a name, e.g. --as agent li'],
  ])('%j is refused: %s', (args, message) => {
    expect(() => parseConsoleArgs(args)).toThrow(message);
  });
});

describe('the commands', () => {
  it('settle console --db PATH opens that store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'settle-console-args-'));
    const t = io({ SETTLE_LOG_FILE: join(dir, 'l.log'), LOG_LEVEL: 'silent' }, '/quit\n');
    expect(await consoleCommand(['--db', join(dir, 'mine.db')], t.cli)).toBe(0);
    expect(existsSync(join(dir, 'mine.db'))).toBe(true);
  });

  it('settle console --verbose and settle start extra exit 2 with the usage', async () => {
    const a = io({});
    expect(await consoleCommand(['--verbose'], a.cli)).toBe(2);
    expect(a.stderr()).toContain("settle console: unknown option '--verbose' for settle console\n\nusage: settle console");
    const b = io({});
    expect(await startCommand(['extra'], b.cli)).toBe(2);
    expect(b.stderr()).toContain("settle start: settle start takes no argument 'extra'");
  });
});
