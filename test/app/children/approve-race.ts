/**
 * Opens the desk, prints `{"ready":true}`, waits for a line on stdin (the parent's "go", sent
 * when every racer is ready), then approves the given cases as supervisor NAME, in the given
 * order, printing one JSON line per attempt, CONCURRENCY approvals in flight at once (default 1).
 * Usage: approve-race.ts DB|POSTGRES_URL NAME CASE:REV…   (env CONCURRENCY)
 */
import { once } from 'node:events';
import { isUserError } from '../../../src/core/errors.ts';
import { openChildDeskAt, supervisor } from './open-child-desk.ts';

const [dbPath = '', name = '', ...targets] = process.argv.slice(2);
const { desk, close } = await openChildDeskAt(dbPath);
const actor = supervisor(name);
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
await once(process.stdin, 'data');
const t0 = Date.now();
const queue = [...targets];
const concurrency = Math.max(1, Number(process.env.CONCURRENCY ?? 1));
async function worker(): Promise<void> {
  for (let t = queue.shift(); t !== undefined; t = queue.shift()) {
    const [caseId = '', rev = '1'] = t.split(':');
    try {
      const r = await desk.approve(caseId, actor, Number(rev));
      process.stdout.write(`${JSON.stringify({ caseId, outcome: r.outcome, releaseId: r.view.release?.id })}\n`);
    } catch (e) {
      process.stdout.write(`${JSON.stringify({ caseId, error: isUserError(e) ? e.code : String(e) })}\n`);
    }
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
process.stdout.write(`${JSON.stringify({ done: true, ms: Date.now() - t0 })}\n`);
await close();
process.exit(0);
