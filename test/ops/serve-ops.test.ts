import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../src/app/open-app.ts';
import { DEFAULT_PLAYBOOK_DIR } from '../../src/cli/paths.ts';
import { loadConfig } from '../../src/config.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { serveOps } from '../../src/ops/serve-ops.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import { li, wang } from '../app/desk-fixture.ts';

const get = async (port: number, path: string) => {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, text: await res.text() };
};

describe('ops endpoints (SETTLE_OPS_PORT)', () => {
  it('healthz answers, readyz waits for a front end, metrics count what the desk did and the shared backlog', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'settle-ops-'));
    const config = loadConfig({ SETTLE_DB_PATH: join(dir, 'settle.db'), SETTLE_LOG_FILE: join(dir, 'settle.log'), SETTLE_OPS_PORT: '0' });
    const app = await openApp({ config, logToFile: true, defaultPlaybookDir: DEFAULT_PLAYBOOK_DIR });
    try {
      const port = app.ops!.port;
      expect(await get(port, '/healthz')).toEqual({ status: 200, text: 'ok\n' });
      expect(await get(port, '/readyz')).toEqual({ status: 503, text: '{"ready":false,"database":true,"frontEnds":{}}\n' });
      app.ops!.setReady('console', true);
      expect(await get(port, '/readyz')).toEqual({ status: 200, text: '{"ready":true,"database":true,"frontEnds":{"console":true}}\n' });

      const filed = await app.desk.submit({ actor: li, message: '买了三件白色T恤，收到只有两件，少发了一件' });
      const again = await app.desk.submit({ actor: li, message: '收到的耳机是假货吧，和专柜的不一样' });
      await app.desk.approve(filed.id, wang, filed.revision);
      await app.desk.approve(filed.id, wang, filed.revision);
      await app.desk.reject(again.id, wang, 'not ours', again.revision);
      const metrics = await get(port, '/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.text).toContain('settle_cases_filed_total{category="logistics"} 1');
      expect(metrics.text).toMatch(/settle_cases_filed_total\{category="(quality|malicious)"\} 1/);
      // The repeated approval released nothing: one release, one approval, one rejection.
      expect(metrics.text).toContain('settle_releases_total 1');
      expect(metrics.text).toContain('settle_decisions_total{decision="approved"} 1');
      expect(metrics.text).toContain('settle_decisions_total{decision="rejected"} 1');
      expect(metrics.text).toContain('settle_time_to_decision_seconds_count{decision="approved"} 1');
      // No webhook configured: the release waits in the outbox, and the gauge says so.
      expect(metrics.text).toContain('settle_outbox_backlog 1');
      expect((await get(port, '/nope')).status).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('readyz says the database is gone when the store stops answering', async () => {
    const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'settle-ops-')), 'settle.db'));
    const ops = await serveOps({ port: 0, host: '127.0.0.1', store, metrics: createMetrics(store), logger: createSilentLogger() });
    try {
      ops.setReady('slack', true);
      expect((await get(ops.port, '/readyz')).status).toBe(200);
      await store.close();
      expect(await get(ops.port, '/readyz')).toEqual({ status: 503, text: '{"ready":false,"database":false,"frontEnds":{"slack":true}}\n' });
      expect((await get(ops.port, '/metrics')).status).toBe(500);
      expect((await get(ops.port, '/healthz')).status).toBe(200);
    } finally {
      await ops.close();
    }
  });

  it('a port already taken is one clear error naming SETTLE_OPS_PORT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'settle-ops-'));
    const base = { SETTLE_DB_PATH: join(dir, 'settle.db'), SETTLE_LOG_FILE: join(dir, 'settle.log') };
    const first = await openApp({ config: loadConfig({ ...base, SETTLE_OPS_PORT: '0' }), logToFile: true, defaultPlaybookDir: DEFAULT_PLAYBOOK_DIR });
    try {
      const taken = String(first.ops!.port);
      await expect(openApp({ config: loadConfig({ ...base, SETTLE_OPS_PORT: taken }), logToFile: true, defaultPlaybookDir: DEFAULT_PLAYBOOK_DIR }))
        .rejects.toThrow(new RegExp(`Cannot serve the ops endpoints on 127\\.0\\.0\\.1:${taken} \\(SETTLE_OPS_PORT\\): .*EADDRINUSE`));
      expect(() => loadConfig({ SETTLE_OPS_PORT: 'ninety' })).toThrow(/SETTLE_OPS_PORT/);
    } finally {
      await first.close();
    }
  });
});
