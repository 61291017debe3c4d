/**
 * The fuzz harness (`npm run bench -- fuzz`, issue 18 item 5): ≥ 100 000 generated hostile lines
 * through each JSON Lines command (`settle classify`, `settle draft`, `settle score`), one process
 * per command; prints lines, answers and failures (a crash, a stack trace, a non-JSON answer or
 * a lost line). SETTLE_FUZZ_LINES changes the count.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fuzzLines, judge } from './fuzz-lines.ts';

const ROOT = resolve(import.meta.dirname, '..');

export async function benchFuzz(n = Number(process.env.SETTLE_FUZZ_LINES ?? 100_000)): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const command of ['classify', 'draft', 'score'] as const) {
    const lines = fuzzLines(command, n, 18);
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/settle.js'), command], { input: `${lines.join('\n')}\n`, encoding: 'utf8', maxBuffer: 1 << 30 });
    const result = judge(lines, r.stdout, r.stderr, r.status);
    if (result.firstFailure) console.error(`fuzz ${command}: ${result.firstFailure}`);
    out[`${command}Lines`] = result.lines;
    out[`${command}Failures`] = result.failures;
    out[`${command}Seconds`] = Math.round(performance.now() - t0) / 1000;
  }
  return out;
}
