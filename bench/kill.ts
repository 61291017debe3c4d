/**
 * The durability run (`npm run bench -- kill`, issue 18 item 5): a recording child SIGKILLed at
 * random points SETTLE_KILL_ROUNDS times (default 100), then the record checked (test/app/kill-rounds.ts).
 * Prints rounds, decisions the child reported, and failures.
 */
import { killRounds } from '../test/app/kill-rounds.ts';

export async function benchKill(rounds = Number(process.env.SETTLE_KILL_ROUNDS ?? 100)): Promise<Record<string, number>> {
  const t0 = performance.now();
  const run = await killRounds(rounds);
  for (const f of run.failures.slice(0, 10)) console.error(`kill: ${f}`);
  return { rounds: run.rounds, decisionsReported: run.decisionsSeen, failures: run.failures.length, seconds: Math.round(performance.now() - t0) / 1000 };
}
