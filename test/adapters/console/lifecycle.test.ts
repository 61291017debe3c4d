/**
 * The lifecycle in the console, through the chat layer's lifecycle flow, on an injected clock:
 * the scheduler's reminder and escalation are printed once; /execute, /followup send, /followup
 * solved, /resolve and /reopen move the case; a bad move is refused with the open moves.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { runConsole } from '../../../src/adapters/console/run-console.ts';
import { createDesk } from '../../../src/app/create-desk.ts';
import { createLifecycleScheduler, type LifecycleNotifier } from '../../../src/app/lifecycle.ts';
import { DEFAULT_PLAYBOOK_DIR } from '../../../src/cli/paths.ts';
import { createLogger } from '../../../src/logger.ts';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite-store.ts';
import { ORDERS } from '../../app/desk-fixture.ts';

const T0 = Date.parse('2026-11-24T02:00:00.000Z');
const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

it('a case in the console: reminded once, escalated once, executed, followed up, resolved, reopened', async () => {
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'settle-console-lc-')), 'settle.db'));
  stores.push(store);
  await store.upsertOrders(ORDERS, new Date(T0).toISOString());
  let now = T0;
  const clock = () => new Date(now);
  const logger = createLogger({ level: 'silent' });
  const desk = createDesk({ store, playbook: loadPlaybook(DEFAULT_PLAYBOOK_DIR), clock, logger });
  let notify: LifecycleNotifier = async () => undefined;
  const scheduler = createLifecycleScheduler({ store, desk, clock, logger, notifiers: [(n) => notify(n)] });
  const input = new PassThrough();
  let out = '';
  const output = new Writable({ write(c, _e, cb) { out += String(c); cb(); } });
  const done = runConsole({
    desk, input, output, interactive: false, color: false, width: 100, logger, clock,
    scheduler: (n) => ((notify = n), { stop: async () => undefined }),
  });
  let marks = 0;
  const type = async (...lines: string[]): Promise<string> => {
    const from = out.length;
    input.write([...lines, '/whoami'].map((l) => `${l}\n`).join(''));
    marks++;
    for (let i = 0; i < 400 && (out.match(/^You are /gm)?.length ?? 0) < marks; i++) await new Promise((r) => setTimeout(r, 10));
    return out.slice(from);
  };
  const tickAt = async (ms: number) => {
    now = ms;
    const from = out.length;
    await scheduler.tick();
    return out.slice(from);
  };

  await type('/as agent li', '/new --order T1001 我买了三件白T恤只收到两件，少发了一件');
  expect(await tickAt(T0 + 45 * 60_000)).toBe('⏰ c1: first reply to the customer is due in 15 min (by 2026-11-24T03:00:00Z).\n');
  expect(await tickAt(T0 + 50 * 60_000)).toBe('');
  expect(await tickAt(T0 + 61 * 60_000)).toBe('🚨 c1: first reply to the customer is overdue (was due 2026-11-24T03:00:00Z). A supervisor should step in.\n');
  expect(await tickAt(T0 + 62 * 60_000)).toBe('');

  const released = await type('/as supervisor wang', '/show c1', '/approve c1', '/as agent li', '/show c1');
  expect(released).toContain('Lifecycle released · step 0');
  expect(released).toContain('next: /returned · /execute tracking|refund|ticket VALUE · /history c1');

  const wrong = await type('/resolve c1');
  expect(wrong).toContain("✗ A released case cannot take 'resolve' (open: return_arrived, execute). (invalid_transition)");

  const executed = await type('/execute c1 tracking SF1234567 reshipped the third shirt');
  expect(executed).toContain('✓ c1 executed: trackingNumber SF1234567, note reshipped the third shirt.');
  expect(executed).toContain('Lifecycle executed · step 1');

  const followUpDue = Date.parse((await desk.get('c1')).deadlines.find((d) => d.kind === 'follow_up')!.remindAt);
  const drafted = await tickAt(followUpDue);
  expect(drafted).toContain('⏰ c1: the follow-up is due by');
  expect(drafted).toContain('之前的问题现在解决了吗');

  const sent = await type('/show c1', '/followup c1 send', '/followup c1 send');
  expect(sent).toContain('✓ c1: follow-up approved; it goes to the customer through the outbox, once.');
  expect(sent).toContain('c1: the follow-up was already approved; nothing was sent twice.');
  expect(await store.getRelease('c1', 'follow_up')).toMatchObject({ status: 'pending', payload: { kind: 'follow_up' } });

  const answered = await type('/followup c1 solved satisfied thanks a lot');
  expect(answered).toContain('✓ c1: follow-up answer recorded (solved, satisfied).');
  expect(answered).toContain('you may now ask politely for a review update (T-4)');
  const resolved = await type('/resolve c1');
  expect(resolved).toContain('✓ c1 resolved.');
  expect(resolved).toContain('Lifecycle resolved · step 5');
  expect(resolved).toContain('next: /reopen REASON · /history c1');

  expect(await type('/reopen c1 the new shirt is torn')).toContain('✗ Only a supervisor may reopen a resolved case. (forbidden_role)');
  const reopened = await type('/as supervisor wang', '/show c1', '/reopen c1 the new shirt is torn');
  expect(reopened).toContain('✓ c1 reopened: the new shirt is torn. Execute it again.');
  expect(reopened.slice(reopened.indexOf('✓ c1 reopened'))).not.toContain('review update');

  input.end();
  const result = await done;
  expect(result.errors).toBe(2);
});
