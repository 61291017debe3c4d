import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import { describe, expect, it } from 'vitest';
import { parseOrdersCsv, parseOrdersFile, parseOrdersJsonl } from '../../src/app/import-orders.ts';
import { readCsv } from '../../src/app/read-csv.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/orders', name), 'utf8');

describe('orders import', () => {
  it('reads CSV: one row per item, money in major units → minor, quoted commas, Chinese names', () => {
    const r = parseOrdersCsv(fixture('orders.csv'));
    expect(r.bad).toEqual([]);
    expect(r.orders.map((o) => o.id)).toEqual(['T1001', 'T1002', 'T1003', 'A2001']);
    const t1003 = r.orders.find((o) => o.id === 'T1003');
    expect(t1003?.items).toEqual([
      { sku: 'EB-1', name: '蓝牙耳机', unitPriceMinor: 29900, qty: 1 },
      { sku: 'CASE-1', name: '耳机保护套', unitPriceMinor: 2900, qty: 1 },
    ]);
    expect(t1003).toMatchObject({ totalMinor: 32800, warrantyMonths: 12, freeShipping: true });
    expect(r.orders.find((o) => o.id === 'T1002')).toMatchObject({ shippingFeeMinor: 1200, freeShipping: false, items: [{ name: '陶瓷马克杯, 蓝色', unitPriceMinor: 4550 }] });
    expect(r.orders.find((o) => o.id === 'A2001')).toMatchObject({ currency: 'USD', totalMinor: 3999 });
  });

  it('reports every bad CSV row with its line, field and reason, imports the good ones, and skips a half-bad order whole', () => {
    const r = parseOrdersCsv(fixture('bad.csv'));
    expect(r.orders.map((o) => o.id)).toEqual(['B1']);
    const byLine = Object.fromEntries(r.bad.map((b) => [b.line, b]));
    expect(byLine[3]).toMatchObject({ field: 'unitPrice' });
    expect(byLine[4]).toMatchObject({ field: 'qty' });
    expect(byLine[5]).toMatchObject({ field: 'status' });
    expect(byLine[6]).toMatchObject({ field: 'currency', reason: expect.stringContaining('ISO-4217') });
    expect(byLine[8]).toMatchObject({ field: 'unitPrice' });
    expect(r.bad).toHaveLength(5);
    expect(r.skipped).toEqual(['B6']);
    expect(r.warnings).toEqual(["unknown column 'colour' ignored"]);
  });

  it('reads JSON Lines in contract form and reports bad lines', () => {
    expect(parseOrdersJsonl(fixture('orders.jsonl')).orders.map((o) => [o.id, o.totalMinor])).toEqual([['T2001', 5980], ['T2002', 8800]]);
    const r = parseOrdersFile('x.jsonl', fixture('bad.jsonl'));
    expect(r.orders.map((o) => o.id)).toEqual(['J1']);
    expect(r.bad).toEqual([
      { line: 2, field: 'items.0.unitPrice', reason: expect.any(String) },
      { line: 3, field: '(line)', reason: expect.stringContaining('not valid JSON') },
      { line: 4, field: 'id', reason: expect.any(String) },
    ]);
  });

  it('CSV reader: doubled quotes, CRLF, BOM, newline inside quotes keeps later line numbers right', () => {
    const rows = readCsv('\ufeffa,b\r\n"x ""y""","multi\nline"\r\nlast,1\r\n');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x "y"', 'multi\nline'] },
      { line: 4, cells: ['last', '1'] },
    ]);
    expect(() => readCsv('a\n"open')).toThrow(/unterminated/);
  });

  it('settle orders import: good rows stored in minor units, bad rows reported, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'settle-import-'));
    const env = { ...process.env, SETTLE_DB_PATH: join(dir, 'settle.db') };
    const root = join(import.meta.dirname, '../..');
    const r = spawnSync(process.execPath, ['bin/settle.js', 'orders', 'import', 'test/fixtures/orders/bad.csv'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('imported 1 order from test/fixtures/orders/bad.csv');
    expect(r.stdout).toMatch(/line 3 {2}unitPrice: /);
    expect(r.stdout).toContain('skipped whole (a row was bad): B6');
    const store = openSqliteStore(join(dir, 'settle.db'));
    expect((await store.getOrder('B1'))?.totalMinor).toBe(1000);
    expect(await store.getOrder('B6')).toBeUndefined();
    await store.close();
    const missing = spawnSync(process.execPath, ['bin/settle.js', 'orders', 'import', 'nope.csv'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('cannot read nope.csv: ENOENT');
  });
});
