import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const run = (...args: string[]) => spawnSync(process.execPath, ['bin/run-ts.js', 'scripts/score-graded.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('scripts/score-graded.ts', () => {
  it('prints per family order, breaches found, violations on good work, and per-rule precision/recall', () => {
    const r = run('--graded', 'test/fixtures/training/graded-example.jsonl', '--sentences', 'test/fixtures/training/sentences-example.jsonl');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('families in strict order: 6/6');
    expect(r.stdout).toMatch(/tagged breaches found with the right rule ID: (\d+)\/\1 \(100 %\)/);
    expect(r.stdout).toContain('violations on excellent/decent transcripts: 0');
    expect(r.stdout).toMatch(/T-4 +\d+ +0 +0 +1\.000 +1\.000/);
  });

  it('a bad line: one clear error line and exit 1', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'graded-')), 'bad.jsonl');
    writeFileSync(file, '{"id":"a","family":"f","level":"great","lang":"en","case":{},"turns":[{"role":"agent","text":"hi"}]}\n');
    const r = run('--graded', file);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/graded line 1: .*level/);
  });
});
