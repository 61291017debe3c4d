import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function importFiles(files: Record<string, string[]>): { out: string; stdout: string; stderr: string; code: number } {
  const dir = mkdtempSync(join(tmpdir(), 'settle-import-'));
  const out = join(dir, 'out');
  const paths = Object.entries(files).map(([name, lines]) => {
    const p = join(dir, name);
    writeFileSync(p, `${lines.join('\n')}\n`);
    return p;
  });
  const r = spawnSync(process.execPath, ['bin/run-ts.js', 'scripts/import-corpus.ts', '--out', out, ...paths], { cwd: ROOT, encoding: 'utf8' });
  return { out, stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}

const line = (o: Record<string, unknown>) => JSON.stringify({ lang: 'zh', secondary: [], hard: false, ...o });

describe('scripts/import-corpus.ts', () => {
  it('keeps valid lines per author, rejects bad labels, missing authors and duplicates with a reason each', () => {
    const r = importFiles({
      'x1.jsonl': [
        line({ id: 'x1-1', text: '拍了五天了还没发货,到底发不发', category: 'logistics', subtype: 'not_shipped', author: 'x1' }),
        line({ id: 'x1-2', text: '色差太大', category: 'quality', subtype: 'extortion', author: 'x1' }),
        line({ id: 'x1-3', text: '拍了五天了, 还没发货, 到底发不发!', category: 'logistics', subtype: 'not_shipped', author: 'x1' }),
        line({ id: 'x1-4', text: '有发票吗', category: 'other', subtype: '' }),
        '{"id": "x1-5", "text": "cut off',
      ],
      'x2.jsonl': [line({ id: 'x2-1', text: 'The parcel never came', lang: 'en', category: 'logistics', subtype: 'not_received', author: 'x2', customer: { refundCount90d: 0 } })],
    });
    expect(r.code).toBe(0);
    expect(readFileSync(join(r.out, 'x1.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['x1-1']);
    const x2 = JSON.parse(readFileSync(join(r.out, 'x2.jsonl'), 'utf8'));
    expect(x2).toMatchObject({ author: 'x2', customer: { refundCount90d: 0 } });
    expect(r.stdout).toContain('rejected: 4');
    expect(r.stderr).toMatch(/x1\.jsonl:2: subtype: 'extortion' is not a subtype of quality/);
    expect(r.stderr).toMatch(/x1\.jsonl:3: same text as x1:x1-1/);
    expect(r.stderr).toMatch(/x1\.jsonl:4: author must be/);
    expect(r.stderr).toMatch(/x1\.jsonl:5: not valid JSON/);
  });
});
