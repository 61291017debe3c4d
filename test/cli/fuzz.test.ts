/**
 * Issue 18, item 5 (short version of `npm run bench -- fuzz`): generated hostile lines through
 * every JSON Lines command — each answered by one JSON object, no crash, no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fuzzLines, judge } from '../../bench/fuzz-lines.ts';

const BIN = fileURLToPath(new URL('../../bin/settle.js', import.meta.url));

describe('fuzzed JSON Lines', () => {
  it.each(['classify', 'draft', 'score'] as const)('settle %s answers 400 hostile lines one JSON object each, and exits 1 (some lines were bad), not a crash', (command) => {
    const lines = fuzzLines(command, 400, 7);
    const r = spawnSync(process.execPath, [BIN, command], { input: `${lines.join('\n')}\n`, encoding: 'utf8', maxBuffer: 1 << 26 });
    const result = judge(lines, r.stdout, r.stderr, r.status);
    expect(result.firstFailure).toBeUndefined();
    expect(result).toMatchObject({ lines: 400, answered: 400, failures: 0, exitCode: 1, crashed: false });
  });

  it('the judge counts a lost answer, a non-JSON answer and a stack trace as failures', () => {
    expect(judge(['{}', '{}'], '{"id":1}\n', '', 1)).toMatchObject({ failures: 1, answered: 1 });
    expect(judge(['{}'], 'oops\n', '', 1)).toMatchObject({ failures: 1 });
    expect(judge(['{}'], '{"a":1}\n', 'TypeError: x\n    at f (/src/a.ts:1:2)\n', 1)).toMatchObject({ crashed: true });
  });
});
