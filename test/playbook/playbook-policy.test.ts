/**
 * A playbook is refused where it would breach POLICY.md or its own limits, with one line per
 * problem naming file, key path and the fix: agents releasing any amount of a coupon, a coupon
 * tier above the coupon maximum, an SLA of 0, templates a release check would refuse.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/core/errors.ts';
import { parsePlaybook } from '../../src/core/playbook/schema.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parsed JSON files, edited in place per case
type Files = Record<string, any>;

function files(): Files {
  const out: Files = {};
  for (const f of ['store.json', 'replies.zh.json', 'replies.en.json']) out[f] = JSON.parse(readFileSync(join('playbooks', f), 'utf8'));
  return out;
}

function problemsOf(edit: (f: Files) => void): string[] {
  const f = files();
  edit(f);
  try {
    parsePlaybook(f, 'test');
  } catch (e) {
    if (isUserError(e)) return (e.details?.problems as string[]) ?? [e.message];
    throw e;
  }
  return [];
}

describe('the bundled playbook', () => {
  it('passes every check', () => {
    expect(problemsOf(() => undefined)).toEqual([]);
  });
});

describe('store.json limits', () => {
  it('refuses agents releasing a coupon or a partial refund at any amount', () => {
    expect(problemsOf((f) => f['store.json'].approval.agentAnyAmount.push({ kind: 'coupon' }))).toEqual([
      'store.json: approval.agentAnyAmount[3].kind: agents may release only refund or return_refund at any amount, not coupon; use approval.agentMaxMinor for a cap',
    ]);
    expect(problemsOf((f) => f['store.json'].approval.agentAnyAmount.push({ kind: 'partial_refund', rule: 'Q-2' }))[0]).toContain('not partial_refund');
  });

  it('refuses a refund at any amount that names no rule', () => {
    expect(problemsOf((f) => f['store.json'].approval.agentAnyAmount.push({ kind: 'refund' }))).toEqual([
      'store.json: approval.agentAnyAmount[3].rule: name the rule (e.g. L-1) whose refund an agent may release at any amount; without one, every refund would be',
    ]);
  });

  it('refuses a coupon tier above the coupon maximum, or with no maximum for its currency', () => {
    expect(problemsOf((f) => (f['store.json'].coupons.smallMinor.CNY = f['store.json'].coupons.maxMinor.CNY + 1))[0]).toMatch(/^store\.json: coupons\.smallMinor\.CNY: \d+ is above coupons\.maxMinor\.CNY \(\d+\)$/);
    expect(problemsOf((f) => (f['store.json'].coupons.goodwillMinor.XYZ = 100))).toContain('store.json: coupons.goodwillMinor.XYZ: coupons.maxMinor has no XYZ entry to bound it');
  });

  it('says "more than 0" for an SLA of 0, not "at least 0, got 0"', () => {
    expect(problemsOf((f) => (f['store.json'].sla.firstReplyHours = 0))).toEqual(['store.json: sla.firstReplyHours: must be more than 0, got 0']);
  });
});

describe('templates pass the release checks', () => {
  it('refuses a taboo phrase in a situation (T-3)', () => {
    const p = problemsOf((f) => (f['replies.zh.json'].situations['L-7.reship'].text += '这种情况我们也没办法。'));
    expect(p).toContain('replies.zh.json: situations.L-7.reship.text: breaches T-3 ("没办法"); a template may not say this');
  });

  it('refuses cash for a good review (T-4) in English', () => {
    const p = problemsOf((f) => (f['replies.en.json'].closing.text += ' Leave a 5-star review and get a cash bonus!'));
    expect(p.some((l) => l.startsWith('replies.en.json: closing.text: breaches T-4'))).toBe(true);
  });

  it('refuses a phone number in a template (T-6)', () => {
    const p = problemsOf((f) => (f['replies.zh.json'].apology.text += '有问题请打13812345678。'));
    expect(p.some((l) => l.startsWith('replies.zh.json: apology.text: breaches T-6'))).toBe(true);
  });
});
