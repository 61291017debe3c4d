/**
 * `settle report` from a real store with known cases (report-store.ts): the figures, the CSV, and
 * the PNG — it decodes, has its size, and its Chinese labels are drawn by the CJK font.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { findCjkFont, rasteriseSvg, renderReportSvg } from '../../src/app/report-chart.ts';
import type { WeeklyReport } from '../../src/core/report/weekly-report.ts';
import { openPostgresStore } from '../../src/store/postgres-store.ts';
import { freshSchema, TEST_DATABASE_URL, warnSkipped } from '../store/pg-schema.ts';
import { buildReportStore, fillReportStore, KNOWN } from './report-store.ts';

const BIN = resolve(import.meta.dirname, '../../bin/settle.js');
const font = findCjkFont();

function settle(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, SETTLE_DB_PATH: '/nonexistent/settle.db' } });
}

/** Decodes a PNG far enough to trust it: signature, IHDR, and the inflated IDAT of the right size. */
function decodePng(png: Buffer): { width: number; height: number; raw: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const bitDepth = png[24]!;
  const colourType = png[25]!;
  const channels = { 2: 3, 6: 4, 0: 1, 4: 2 }[colourType as 2 | 6 | 0 | 4];
  const idat: Buffer[] = [];
  for (let off = 8; off < png.length;) {
    const len = png.readUInt32BE(off);
    const type = png.subarray(off + 4, off + 8).toString('latin1');
    if (type === 'IDAT') idat.push(png.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  expect(bitDepth).toBe(8);
  expect(raw.length).toBe(height * (1 + width * channels!));
  return { width, height, raw };
}

let db: string;
let report: WeeklyReport;
let dir: string;

beforeAll(async () => {
  db = await buildReportStore();
  dir = mkdtempSync(join(tmpdir(), 'settle-report-out-'));
  const r = settle(['report', '--week', KNOWN.week, '--db', db, '--csv', join(dir, 'w.csv'), '--now', '2026-12-02T00:00:00Z', ...(font ? ['--png', join(dir, 'w.png')] : [])]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  report = JSON.parse(r.stdout) as WeeklyReport;
}, 60_000);

describe('settle report --week from a store with known cases', () => {
  it('counts only the week\'s cases (Shanghai week), by category and by subtype, with the supervisor\'s correction', () => {
    expect(report).toMatchObject({ week: '2026-W48', from: '2026-11-22T16:00:00.000Z', to: '2026-11-29T16:00:00.000Z', cases: KNOWN.inWeek, corrections: 1 });
    expect(report.byCategory).toEqual({ logistics: 1, quality: 1, price: 1, malicious: 1, other: 0 });
    expect(report.bySubtype.map((s) => `${s.category}/${s.subtype}`).sort()).toEqual(['logistics/missing_item', 'malicious/extortion', 'price/price_drop', 'quality/quality_problem']);
  });

  it('approval and rejection rates, time to decision, first reply against the 1 h limit', () => {
    expect(report.decisions).toEqual({ approved: 2, rejected: 1, pending: 1, approvalRate: 0.667, rejectionRate: 0.333 });
    expect(report.timeToDecisionMinutes).toEqual({ decided: 3, median: 30, mean: 53.3 });
    expect(report.firstReply).toEqual({ met: 1, missed: 1, hours: 1 });
  });

  it('edit distance between Settle\'s draft and the released text: one edited case, one released as drafted', () => {
    expect(report.edits.released).toBe(2);
    expect(report.edits.edited).toBe(1);
    expect(report.edits.maxDistance).toBeGreaterThan(10);
    expect(report.edits.meanDistance).toBe(report.edits.maxDistance! / 2);
  });

  it('money offered against released, the rules applied most, training progress', () => {
    expect(report.money).toHaveLength(1);
    expect(report.money[0]!.currency).toBe('CNY');
    expect(report.money[0]!.releasedMinor).toBeLessThanOrEqual(report.money[0]!.offeredMinor);
    expect(report.topRules[0]).toEqual({ rule: 'T-1', count: 4 });
    expect(report.topRules.map((r) => r.rule)).toEqual(expect.arrayContaining(['L-4', 'Q-2', 'M-1']));
    expect(report.training).toEqual({ sessions: 0, meanTotal: null });
  });

  it('writes the same figures as CSV', () => {
    const csv = readFileSync(join(dir, 'w.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('section,key,value');
    expect(csv).toEqual(expect.arrayContaining(['cases,total,4', 'decisions,approval_rate,0.667', 'subtype,quality/quality_problem,1', 'corrections,total,1']));
  });

  it('the default week is the last full week before --now; bad input is one line', () => {
    const r = settle(['report', '--week', '--db', db, '--now', '2026-12-02T00:00:00Z']);
    expect(JSON.parse(r.stdout).week).toBe('2026-W48');
    const bad = settle(['report', '--week', '2026-48', '--db', db]);
    expect([bad.status, bad.stderr]).toEqual([1, "settle report: --week '2026-48' is not an ISO week; write YYYY-Www, e.g. 2026-W48\n"]);
    const missing = settle(['report', '--db', join(dir, 'none.db')]);
    expect(missing.stderr).toBe(`settle report: no case store at ${join(dir, 'none.db')} (give --db PATH or set SETTLE_DB_PATH)\n`);
    expect(existsSync(join(dir, 'none.db'))).toBe(false);
  });
});

describe.skipIf(!font)('the chart PNG (fonts-noto-cjk)', () => {
  it('decodes, is 960×540, and carries the report\'s Chinese labels drawn', () => {
    const png = readFileSync(join(dir, 'w.png'));
    const { width, height } = decodePng(png);
    expect([width, height]).toEqual([960, 540]);
    const svg = renderReportSvg(report, { lang: 'zh' });
    expect(svg).toContain('质量问题');
    // The same chart without one Chinese label: the pixels differ, so the label was drawn.
    const withLabel = decodePng(rasteriseSvg(svg, [font!])).raw;
    const without = decodePng(rasteriseSvg(svg.replace('质量问题', ''), [font!])).raw;
    expect(withLabel.equals(without)).toBe(false);
  });
});

describe.skipIf(!TEST_DATABASE_URL)('settle report on Postgres (SETTLE_DATABASE_URL)', () => {
  it('the same known cases give the same figures as on SQLite', async () => {
    const schema = await freshSchema(TEST_DATABASE_URL!, 'report');
    try {
      await fillReportStore(await openPostgresStore(schema.url));
      const r = spawnSync(process.execPath, [BIN, 'report', '--week', KNOWN.week, '--now', '2026-12-02T00:00:00Z'], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, SETTLE_DATABASE_URL: schema.url } });
      expect([r.status, r.stderr]).toEqual([0, '']);
      expect(JSON.parse(r.stdout)).toEqual(report);
    } finally {
      await schema.drop();
    }
  });
});
if (!TEST_DATABASE_URL) warnSkipped('settle report on Postgres');

if (!font) console.warn('skipped the chart test: no CJK font (apt-get install -y fonts-noto-cjk)');
