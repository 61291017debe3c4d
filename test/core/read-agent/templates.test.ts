/**
 * No bundled template is refused: every reply text in playbooks/replies.*.json is read with no
 * blocking finding, and every draft the bundled playbook composes — the whole labelled corpus,
 * with CNY and USD orders and the facts that open each handler's branches — passes the release
 * check that approval runs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCaseLine } from '../../../src/core/contract/parse-case.ts';
import { BLOCKING_RULES, checkRelease } from '../../../src/core/read-agent/check-release.ts';
import { readAgent } from '../../../src/core/read-agent/read-agent.ts';
import { draftCase } from '../../../src/core/settle-case.ts';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';
import { EXAMPLES } from '../../../scripts/example-drafts.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const playbook = loadPlaybook(join(ROOT, 'playbooks'));

function texts(node: unknown, path: string, out: { path: string; text: string }[]): void {
  if (typeof node === 'string') out.push({ path, text: node });
  else if (Array.isArray(node)) node.forEach((n, i) => texts(n, `${path}[${i}]`, out));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) if (k !== 'rules' && k !== 'lang') texts(v, `${path}.${k}`, out);
}

const templates: { path: string; text: string }[] = [];
for (const f of ['replies.zh.json', 'replies.en.json']) texts(JSON.parse(readFileSync(join(ROOT, 'playbooks', f), 'utf8')), f, templates);

const NOW = '2026-11-24T10:00:00+08:00';
const orderOf = (currency: string) => ({
  id: currency === 'CNY' ? 'T1001' : 'A2001', currency, items: [{ sku: 'TS-W', name: currency === 'CNY' ? '白色T恤' : 'the white T-shirt', unitPrice: 59.0, qty: 3 }],
  total: 177.0, shippingFee: 0, freeShipping: true, region: currency === 'CNY' ? '浙江' : 'Ohio', status: 'delivered',
  paidAt: '2026-11-19T10:00:00+08:00', shippedAt: '2026-11-20T10:00:00+08:00', deliveredAt: '2026-11-22T10:00:00+08:00', sevenDayReturn: true, warrantyMonths: 12,
});
const FACTS = [
  {}, { weightMatchesCustomerClaim: true, missingSku: 'TS-W' }, { priceNow: 49 }, { duplicateCharge: true }, { verifiedDifference: 12 },
  { misuse: false }, { customerOrderedThis: false, wrongItemValue: 80, customerWantsItem: true }, { customerOrderedThis: false, wrongItemValue: 5, customerWantsItem: false },
  { restockExpected: false }, { urgent: true }, { listingAccurate: false }, { withinWarranty: true }, { invoiceAvailable: false, customerHasProof: false }, { customerDamaged: true },
];
const corpusDir = join(ROOT, 'test/fixtures/corpus');
const corpus = readdirSync(corpusDir).filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => readFileSync(join(corpusDir, f), 'utf8').split('\n').filter((l) => l.trim()))
  .map((l) => JSON.parse(l) as { id: string; text: string });
const now = new Date(NOW);

describe('bundled templates pass the release checks', () => {
  // Context-free (M-1 and §4 depend on the case: the drafts below are read in theirs).
  it('every template text has no T-3, T-4, P-3 or T-6 finding', () => {
    expect(templates.length).toBeGreaterThan(100);
    const bad = templates.flatMap(({ path, text }) => readAgent(text).findings.map((f) => `${path} ${f.rule} ${f.family}: ${f.quote}`));
    expect(bad).toEqual([]);
  });

  it('every composed draft over the corpus, CNY and USD orders, every facts branch, is releasable', () => {
    const cases = [
      ...EXAMPLES.map((e) => e.input),
      // Each message with no facts and two rotating fact sets: every branch is met many times over.
      ...corpus.flatMap((m, i) => [{}, FACTS[i % FACTS.length], FACTS[(i + 5) % FACTS.length]].map((facts) => ({ id: m.id, message: m.text, now: NOW, order: orderOf(i % 2 ? 'USD' : 'CNY'), facts }))),
    ];
    const refused: string[] = [];
    let checked = 0;
    for (const line of cases) {
      const parsed = parseCaseLine(line, now);
      if (!('value' in parsed) || !parsed.value) continue;
      const d = draftCase(parsed.value, playbook);
      checked++;
      for (const r of checkRelease(d.reply.text, parsed.value, d, playbook, 'supervisor').refusals) {
        if (BLOCKING_RULES.has(r.rule) || r.rule === 'amount') refused.push(`${parsed.value.id} ${r.rule}: ${r.quote}`);
      }
    }
    expect(checked).toBeGreaterThan(3000);
    expect(refused.slice(0, 10)).toEqual([]);
  });
});
