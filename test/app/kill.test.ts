import { describe, expect, it } from 'vitest';
import { killRounds } from './kill-rounds.ts';

describe('crash safety', () => {
  it('SIGKILL at random points loses no recorded decision, and a restart never releases twice', async () => {
    const run = await killRounds(4);
    expect(run.decisionsSeen).toBeGreaterThan(0);
    expect(run.failures).toEqual([]);
  }, 180_000);
});
