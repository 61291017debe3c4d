/**
 * A lifecycle scheduler in its own process: opens the store, prints `{"ready":true}`, waits for
 * "go", then ticks at each given instant (the injected clock) and prints one line per notice it
 * posted (`{"caseId","deadline","notice"}`) and `{"done":true}`.
 * Usage: remind-ticks.ts DB|POSTGRES_URL ISO_INSTANT…
 */
import { once } from 'node:events';
import { createLifecycleScheduler } from '../../../src/app/lifecycle.ts';
import { createLogger } from '../../../src/logger.ts';
import { openChildDeskAt } from './open-child-desk.ts';

const [target = '', ...instants] = process.argv.slice(2);
const { desk, store, close } = await openChildDeskAt(target);
let now = new Date(instants[0] ?? 0);
const say = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
const scheduler = createLifecycleScheduler({
  store, desk, clock: () => now, logger: createLogger({ level: 'silent' }),
  notifiers: [async (n) => void say({ caseId: n.view.id, deadline: n.deadline, notice: n.notice })],
});
say({ ready: true });
await once(process.stdin, 'data');
process.stdin.destroy();
for (const at of instants) {
  now = new Date(at);
  await scheduler.tick();
}
say({ done: true });
await close();
