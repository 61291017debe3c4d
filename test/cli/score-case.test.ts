/** `settle score` with the optional "case" and "public" fields (docs/CONTRACT.md additions). */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/settle.js');

function score(lines: unknown[]) {
  const r = spawnSync(process.execPath, [BIN, 'score', '--now', '2026-11-24T02:00:00Z'], { input: lines.map((l) => JSON.stringify(l)).join('\n'), encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stderr: r.stderr, cards: r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; violations: { rule: string }[]; criteria: { id: string; score: number; evidence: string }[] }) };
}

const order = { id: 'T2002', currency: 'CNY', items: [{ sku: 'KB-1', name: '机械键盘', unitPrice: 199, qty: 1 }], total: 199, shippingFee: 0, freeShipping: true, region: '广东', status: 'delivered', paidAt: '2026-11-20T10:00:00+08:00', deliveredAt: '2026-11-22T10:00:00+08:00' };
const turns = [
  { role: 'customer', text: '20号买的键盘今天降了30块，能退差价吗？我电话13812345678' },
  { role: 'agent', text: '理解您的心情，您在7天价保期内，差价¥30.00今天退给您，24小时内到账，有问题打13812345678联系您。' },
];

describe('settle score with a case', () => {
  it('judges the solution against the core\'s decision for the case; public replies may not repeat the phone or the amount', () => {
    const r = score([
      { id: 'private', lang: 'zh', case: { order, facts: { priceNow: 169 } }, turns },
      { id: 'public', lang: 'zh', public: true, case: { order, facts: { priceNow: 169 } }, turns },
    ]);
    expect(r.code, r.stderr).toBe(0);
    const [priv, pub] = r.cards;
    expect(priv?.violations).toEqual([]);
    expect(priv?.criteria.find((c) => c.id === 'solution')).toMatchObject({ score: 5 });
    expect(priv?.criteria.find((c) => c.id === 'solution')?.evidence).toContain('price_difference');
    // Public: the phone may not be repeated (T-6), and the amount belongs in the private chat (T-5).
    expect(pub?.violations.map((v) => v.rule).sort()).toEqual(['T-5', 'T-6']);
  });

  it('a case that is not a settle draft input is an error line', () => {
    const r = score([{ id: 'bad', case: { facts: { priceNow: 'cheap' } }, turns }]);
    expect(r.code).toBe(1);
  });
});
