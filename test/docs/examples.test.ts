/**
 * Every command example in README.md and docs/ runs from the repo as it is, against a fresh
 * store: no stack trace, the exit code the docs imply, and the files they name exist. The README's
 * first-case snippet is compared with the console's real output.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`), ...readdirSync(join(ROOT, 'docs/design')).filter((f) => f.endsWith('.md')).map((f) => `docs/design/${f}`)];

interface Example { file: string; line: number; cmd: string }

/** Shell commands of a Markdown file: every line of ```sh blocks, `$ ` lines of other blocks. */
export function examplesOf(file: string, text: string): Example[] {
  const out: Example[] = [];
  const lines = text.split('\n');
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const m = /^```(\w*)/.exec(raw);
    if (m) {
      fence = fence === undefined ? m[1] : undefined;
      continue;
    }
    if (fence === undefined) continue;
    const shell = fence === 'sh' || fence === 'bash';
    let cmd = raw.startsWith('$ ') ? raw.slice(2) : shell ? raw : '';
    if (!cmd.trim() || cmd.trimStart().startsWith('#')) continue;
    const start = i + 1;
    while (cmd.endsWith('\\') && i + 1 < lines.length) cmd = `${cmd.slice(0, -1)} ${lines[++i]!.trim()}`;
    out.push({ file, line: start, cmd: cmd.replace(/\s{2,}#.*$/, '').trim() });
  }
  return out;
}

/** Commands CI runs itself, or that run for minutes: listed, not silently dropped. */
const NOT_RUN_HERE: [RegExp, string][] = [
  [/^npm (ci|test|start)\b|^npm run (check|bench)|^\.ci\/run/, 'CI runs these itself (.ci/run)'],
  [/train_classifier\.py|train_sentence_model\.py|export-sentence-features|train-classifier|export-features|import-corpus/, 'retrains the model (minutes, needs Python); scripts/ have their own tests'],
  [/^cp \.env\.example/, 'copies a file (covered by the .env test in test/cli/first-hour.test.ts)'],
  [/^(SETTLE_(TEST_)?DATABASE_URL=postgres|createdb|apt-get install|mkdir -p \/tmp\/pg|runuser -u postgres)/, 'needs a Postgres server or root (.ci/run starts one for the Postgres suites; docs/postgres.md)'],
];

/**
 * Examples that, run with no credentials, no input and a new store, end in a clear refusal the
 * docs explain: the exit code and the words (stdout + stderr) it must show.
 */
const EXPECTED_REFUSALS: [RegExp, number, RegExp][] = [
  [/settle discord register/, 2, /set DISCORD_TOKEN and DISCORD_APPLICATION_ID first/],
  [/settle train( --lang \w+)?( --trainee \w+)?$/, 2, /no scenario chosen/],
  [/settle train rate tr-/, 2, /no training session 'tr-/],
  // The walk-through shows an author's own /approve refused (separation of duties).
  [/\| npx settle console$/, 1, /\(forbidden_author\)/],
];

/** Front ends that, given no input, print nothing and exit 0. */
const QUIET = /settle (console|start)$/;

/** `settle …` as the docs write it runs as `npx settle …` from the repo. */
const asRun = (cmd: string) => cmd.replace(/(?<![\w/.-]|npx )settle (?=[a-z-])/g, 'npx settle ');

/** A shell command, asynchronously (examples run side by side). */
function sh(cmd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', cmd], { cwd: ROOT, env, timeout: 90_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end();
  });
}

const examples = DOCS.flatMap((f) => examplesOf(f, readFileSync(join(ROOT, f), 'utf8')));

describe('documentation examples', () => {
  it('finds the examples (the parser reads the docs)', () => {
    expect(examples.length).toBeGreaterThan(15);
    expect(examples.some((e) => e.cmd.includes('npx settle classify'))).toBe(true);
  });

  const runnable = examples.filter((e) => !NOT_RUN_HERE.some(([re]) => re.test(e.cmd)));
  for (const e of runnable) it.concurrent(`${e.file}:${e.line} runs`, async ({ expect }) => {
    const dir = mkdtempSync(join(tmpdir(), 'settle-docs-example-'));
    const r = await sh(asRun(e.cmd), { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, SETTLE_DB_PATH: join(dir, 'settle.db'), SETTLE_LOG_FILE: join(dir, 'settle.log') });
    expect(r.stderr, `${e.file}:${e.line} ${e.cmd}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
    const refusal = EXPECTED_REFUSALS.find(([re]) => re.test(e.cmd));
    if (refusal) {
      expect(r.status, `${e.cmd}\n${r.stderr}`).toBe(refusal[1]);
      expect(r.stdout + r.stderr).toMatch(refusal[2]);
    } else {
      expect(r.status, `${e.file}:${e.line} ${e.cmd}\n${r.stderr}`).toBe(0);
      if (!QUIET.test(e.cmd)) expect(r.stdout.length, e.cmd).toBeGreaterThan(0);
    }
  }, 120_000);
});

describe("the README's first case", () => {
  it('is the console\'s real output (lines cut with … match their start)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const at = readme.indexOf('$ npm start\n');
    expect(at).toBeGreaterThan(0);
    const snippet = readme.slice(at + '$ npm start\n'.length, readme.indexOf('```', at)).trimEnd().split('\n');
    const typed = snippet.filter((l) => / › /.test(l)).map((l) => l.slice(l.indexOf(' › ') + 3));
    const dir = mkdtempSync(join(tmpdir(), 'settle-first-case-'));
    const r = spawnSync(process.execPath, ['bin/settle.js', 'start'], {
      cwd: ROOT,
      input: typed.map((t) => `${t}\n`).join(''),
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', SETTLE_DB_PATH: join(dir, 'settle.db'), SETTLE_LOG_FILE: join(dir, 'settle.log') },
    });
    const actual = r.stdout.split('\n');
    let from = 0;
    for (const line of snippet) {
      // A line ending in … shows the start of the real line; rel_… stands for a release id.
      const pattern = new RegExp(`^${line.replace(/\s+…/g, '…').split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}${line.endsWith('…') ? '' : '$'}`);
      const found = actual.findIndex((a, i) => i >= from && pattern.test(a));
      expect(found, `README line not in the real output, in order: ${line}\n--- real output ---\n${r.stdout}`).toBeGreaterThanOrEqual(0);
      from = found + 1;
    }
  });
});
