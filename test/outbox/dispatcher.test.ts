import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/outbox/backoff.ts';
import { createOutboxDispatcher, type OutboxDispatcher } from '../../src/outbox/dispatcher.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite-store.ts';
import { makeCase } from '../store/make-case.ts';
import { startWebhookServer, type WebhookServer } from './webhook-server.ts';

const logger = pino({ level: 'silent' });
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function releasedStore(path: string, ids: string[]): Promise<SqliteStore> {
  const store = openSqliteStore(path);
  const at = new Date().toISOString();
  for (const id of ids) {
    const { rec, first } = makeCase(id, at);
    await store.createCase(rec, first, []);
    await store.applyChange({
      caseId: id, from: { status: 'drafted', revision: 1 }, to: { status: 'released', revision: 1 }, authors: [], at,
      decision: { kind: 'approved', actorId: 'console:wang' }, audit: [],
      release: { releaseId: `rel_${id}`, caseId: id, lang: 'zh', text: `reply for ${id}`, offers: [], approvedBy: 'console:wang', releasedAt: at, playbookVersion: 't' },
    });
  }
  return store;
}

async function until(cond: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function dispatcher(store: SqliteStore, server: WebhookServer, extra: Partial<Parameters<typeof createOutboxDispatcher>[0]> = {}): OutboxDispatcher {
  const d = createOutboxDispatcher({ store, url: server.url, clock: () => new Date(), logger, backoff: { baseMs: 20, maxMs: 200 }, pollMs: 10, ...extra });
  cleanup.push(() => d.stop());
  return d;
}

describe('outbox webhook dispatcher', () => {
  it('backoff doubles and is capped', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, { baseMs: 100, maxMs: 500 }))).toEqual([100, 200, 400, 500]);
  });

  it('a receiver that fails twice then accepts gets the reply delivered exactly once, with one idempotency key', async () => {
    const server = await startWebhookServer(2);
    cleanup.push(() => server.close());
    const store = await releasedStore(join(mkdtempSync(join(tmpdir(), 'settle-outbox-')), 's.db'), ['c1']);
    cleanup.push(() => store.close());
    dispatcher(store, server).start();
    await until(async () => (await store.countPendingReleases()) === 0);
    await new Promise((r) => setTimeout(r, 150)); // a few more poll cycles: nothing more may be sent
    expect(server.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(new Set(server.requests.map((r) => r.key))).toEqual(new Set(['rel_c1']));
    expect(server.accepted.get('rel_c1')).toMatchObject({ caseId: 'c1', text: 'reply for c1', approvedBy: 'console:wang' });
    expect(await store.getRelease('c1')).toMatchObject({ status: 'delivered', attempts: 3 });
  });

  it('pending releases survive a restart and are sent when the dispatcher starts again', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'settle-outbox-')), 's.db');
    const down = await startWebhookServer(1_000, 500);
    const first = await releasedStore(path, ['c1', 'c2']);
    const d1 = createOutboxDispatcher({ store: first, url: down.url, clock: () => new Date(), logger, backoff: { baseMs: 10, maxMs: 20 }, pollMs: 10 });
    d1.start();
    await until(() => down.requests.length >= 4);
    await d1.stop();
    await first.close();
    await down.close();

    const up = await startWebhookServer(0);
    cleanup.push(() => up.close());
    const store = openSqliteStore(path);
    cleanup.push(() => store.close());
    expect(await store.countPendingReleases()).toBe(2);
    dispatcher(store, up).start();
    await until(async () => (await store.countPendingReleases()) === 0);
    expect([...up.accepted.keys()].sort()).toEqual(['rel_c1', 'rel_c2']);
    expect(up.requests).toHaveLength(2);
  });

  it('a POST that reached the receiver but was not marked (crash in between) is re-sent with the same key', async () => {
    const server = await startWebhookServer(0);
    cleanup.push(() => server.close());
    const store = await releasedStore(join(mkdtempSync(join(tmpdir(), 'settle-outbox-')), 's.db'), ['c1']);
    cleanup.push(() => store.close());
    let lose = true;
    const lossyFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (lose) {
        lose = false;
        throw new Error('connection reset after the receiver answered');
      }
      return res;
    };
    dispatcher(store, server, { fetch: lossyFetch }).start();
    await until(async () => (await store.countPendingReleases()) === 0);
    expect(server.requests.map((r) => r.key)).toEqual(['rel_c1', 'rel_c1']);
    expect(server.accepted.size).toBe(1);
  });
});
