/**
 * scripts/score-policy-cases.ts as a store's evaluator runs it: a real child process on a JSONL
 * file of {id, case, expect}, per-case PASS/FAIL lines with the reason, a summary, exit codes.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compareDraft, scoreLines } from '../../scripts/score-policy-cases.ts';
import { decide } from '../../src/core/policy/decide.ts';
import { cls, makeCase, playbook } from '../core/policy/helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = resolve(ROOT, 'test/fixtures/policy-cases/example.jsonl');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [resolve(ROOT, 'bin/run-ts.js'), resolve(ROOT, 'scripts/score-policy-cases.ts'), ...args], { encoding: 'utf8', timeout: 60_000, cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('score-policy-cases script', () => {
  it('prints PASS/FAIL per case with the reasons, a summary by field, and exits 1 when any case fails', () => {
    const r = run([FIXTURE, '--now', '2026-11-24T10:00:00+08:00']);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    for (const id of ['l1-zh', 'l3-en', 'q5-en', 'p2-zh', 'row6-en', 'safety-zh']) expect(lines).toContain(`PASS ${id}`);
    const wrong = lines.find((l) => l.startsWith('FAIL wrong-expectation: '));
    expect(wrong).toContain('subtype missing_item, expected wrong_item');
    expect(wrong).toContain('offers ["reship","refund","gift"], expected ["refund","reship"] as a subsequence');
    expect(wrong).toContain('no refund of 999 (refund offers: 5900)');
    expect(lines.find((l) => l.startsWith('FAIL no-case: '))).toContain('"case" must be');
    expect(r.out).toContain('6/8 cases pass (75 %)');
    expect(r.out).toContain('failing by field: subtype 1, offerKinds 1, amounts 1, input 1');
  });

  it('--offers prefix requires the expected kinds first; a usage error exits 2', () => {
    expect(run([FIXTURE, '--offers', 'sideways']).code).toBe(2);
    expect(run([]).code).toBe(2);
  });

  it('the 70 cases written from POLICY.md and the contract (every rule ID and §4 row 1–6, zh and en) all pass', () => {
    const text = readFileSync(resolve(ROOT, 'test/fixtures/policy-cases/authored.jsonl'), 'utf8');
    const results = scoreLines(text, playbook);
    expect(results).toHaveLength(70);
    expect(results.filter((r) => r.misses.length).map((r) => `${r.id}: ${r.misses.map((m) => m.reason).join('; ')}`)).toEqual([]);
  });

  it('offer kinds match as a subsequence by default, as a prefix on request', () => {
    const d = decide(makeCase({ urgent: true }), playbook, cls('lost_or_damaged'));
    expect(d.offers.map((o) => o.kind)).toEqual(['expedite', 'price_difference', 'reship', 'refund']);
    expect(compareDraft({ offerKinds: ['expedite', 'reship'] }, d)).toEqual([]);
    expect(compareDraft({ offerKinds: ['expedite', 'reship'] }, d, 'prefix').map((m) => m.field)).toEqual(['offerKinds']);
    expect(compareDraft({ offerKinds: ['reship', 'expedite'] }, d).map((m) => m.field)).toEqual(['offerKinds']);
  });

  it('rules are expected ⊆ cited; shipping sides and amounts are checked only where given', () => {
    const d = decide(makeCase({ urgent: false }), playbook, cls('lost_or_damaged'));
    expect(compareDraft({ rules: ['L-7'], shipping: { outbound: 'seller' }, amounts: [{ kind: 'refund', amountMinor: 17700 }] }, d)).toEqual([]);
    expect(compareDraft({ rules: ['L-7', 'Q-2'], shipping: { return: 'seller' } }, d).map((m) => m.reason)).toEqual([
      expect.stringContaining('lack Q-2'), 'return postage none, expected seller',
    ]);
  });
});
