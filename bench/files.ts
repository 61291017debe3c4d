/**
 * Bounded files and memory (`npm run bench -- files`): 100 000 cases filed through the desk into
 * one SQLite file, in a child process of its own so its RSS is its own (the classifier's model
 * included), started as `npm start` starts Settle (its Node options, no TypeScript loader): peak
 * WAL size and peak RSS while filing (issue 18: WAL < 64 MB, RSS < 150 MB).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** The Node options `npm start` runs Settle with (package.json), so the child runs as Settle does. */
export function startNodeOptions(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = (pkg.scripts.start ?? '').split(/\s+/);
  return words.slice(words.indexOf('node') + 1, words.indexOf('bin/settle.js')).filter((w) => w.startsWith('--'));
}

export async function benchFiles(cases = Number(process.env.SETTLE_BENCH_FILE_CASES ?? 100_000)): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'settle-bench-files-'));
  try {
    const r = spawnSync(process.execPath, [...startNodeOptions(), join(ROOT, 'bin/run-built.js'), join(ROOT, 'bench/children/file-cases.ts'), String(cases), dir], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`bench files: child failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { cases: number; peakWalBytes: number; peakRssBytes: number; seconds: number };
    return {
      casesFiled: out.cases,
      casesPerSecond: Math.round(out.cases / out.seconds),
      peakWalMiB: Math.round((out.peakWalBytes / 2 ** 20) * 10) / 10,
      peakRssMiB: Math.round(out.peakRssBytes / 2 ** 20),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
