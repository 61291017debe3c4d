/**
 * The committed weekly-report example (docs/report/) is what scripts/report-example.ts makes
 * today: the CSV and JSON byte for byte, the PNG a 960×540 image (its bytes depend on the font
 * build, so only its header is compared).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCjkFont } from '../../src/app/report-chart.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const font = findCjkFont();
if (!font) console.warn('skipped the report example test: no CJK font (apt-get install -y fonts-noto-cjk)');

describe.skipIf(!font)('docs/report/ example', () => {
  it('regenerates to the committed CSV and JSON; the PNG is 960×540', () => {
    const out = mkdtempSync(join(tmpdir(), 'settle-report-example-'));
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/run-ts.js'), 'scripts/report-example.ts', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect([r.status, r.stderr]).toEqual([0, '']);
    for (const f of ['2026-W48.csv', '2026-W48.json']) expect(readFileSync(join(out, f), 'utf8')).toBe(readFileSync(join(ROOT, 'docs/report', f), 'utf8'));
    const png = readFileSync(join(out, '2026-W48.png'));
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([960, 540]);
    expect(readFileSync(join(ROOT, 'docs/report/2026-W48.csv'), 'utf8')).toContain('cases,total,11');
  });
});
