import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUserError, type UserError } from '../../src/core/errors.ts';
import { parsePlaybook } from '../../src/core/playbook/schema.ts';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';
import { decide } from '../../src/core/policy/decide.ts';
import { fixtureDir } from './fixture-dir.ts';

function failure(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (isUserError(e)) return e;
    throw e;
  }
  throw new Error('expected a playbook_invalid error');
}

function files(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of ['store.json', 'replies.zh.json', 'replies.en.json']) out[f] = JSON.parse(readFileSync(join('playbooks', f), 'utf8'));
  return out;
}

describe('loadPlaybook', () => {
  it('loads the shipped playbook and stamps a content hash', () => {
    const a = loadPlaybook('playbooks');
    expect(a.version).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(loadPlaybook('playbooks').version).toBe(a.version);
    expect(a.settings.lowValueMissingMaxMinor.CNY).toBe(500);
    expect(a.settings.priceProtectionDays).toBe(7);
  });

  it('valid/ fixture: a US store with its own postage table loads, and its settings drive decisions', () => {
    const dir = fixtureDir('valid');
    const pb = loadPlaybook(dir);
    expect(pb.version).not.toBe(loadPlaybook('playbooks').version);
    const d = decide(
      { id: 'u1', message: 'late', now: new Date('2026-11-24T00:00:00Z'), facts: { promoPeriod: true, urgent: false },
        order: { id: 'A1', currency: 'USD', items: [{ sku: 'S', name: 'a sweater', unitPriceMinor: 4000, qty: 1 }], totalMinor: 4000, shippingFeeMinor: 0, freeShipping: true, status: 'shipped' } },
      pb, { category: 'logistics', subtype: 'promo_delay', confidence: 0.9, secondary: [], signals: [], lang: 'en' });
    expect(d.offers.map((o) => o.kind)).toEqual(['none']); // promoDelayCoupon: false in this store
    rmSync(dir, { recursive: true });
  });

  it('malformed/ fixture: bad JSON names the file, line and column', () => {
    const e = failure(() => loadPlaybook(fixtureDir('malformed')));
    expect(e.code).toBe('playbook_invalid');
    expect(e.message).toMatch(/store\.json: invalid JSON at line 12, column \d+/);
  });

  it('typo/ fixture: a misspelled key is an error naming file, key path and a suggestion', () => {
    const e = failure(() => loadPlaybook(fixtureDir('typo')));
    expect(e.message).toContain('store.json: approval.agentMaxMinr: unknown key "agentMaxMinr" (did you mean "agentMaxMinor"?)');
    expect(e.message).toContain('store.json: approval.agentMaxMinor: missing');
    expect(e.message).toContain('store.json: lowValueMisingMaxMinor: unknown key');
  });

  it('evil/ fixture: caps above 100 %, money on malicious and a wrong type — every problem at once', () => {
    const e = failure(() => loadPlaybook(fixtureDir('evil')));
    const lines = e.message.split('\n');
    expect(lines).toContain('store.json: keepItemRefundPercent: must be at most 100, got 150');
    expect(lines).toContain('store.json: minorDefectRefund.percentMax: must be at most 100, got 250');
    expect(lines).toContain('store.json: approval.agentMaxMinor.CNY: expected number, got "20"');
    expect(e.message).toMatch(/store\.json: malicious\.offerMaxMinor: M-1: a malicious draft offers no money.*got 5000/);
    expect((e.details?.problems as string[]).length).toBe(4);
  });

  it('evil-any-amount/ fixture: releasing M-1 money at any amount is refused', () => {
    const e = failure(() => loadPlaybook(fixtureDir('evil-any-amount')));
    expect(e.message).toContain('store.json: approval.agentAnyAmount[3].rule: M-1 drafts offer no money');
  });

  it('a missing file is named', () => {
    const dir = fixtureDir('valid');
    rmSync(join(dir, 'replies.en.json'));
    const e = failure(() => loadPlaybook(dir));
    expect(e.message).toContain('replies.en.json: cannot read');
    expect(e.message).toContain('ENOENT');
  });

  it('the hash changes when any file changes', () => {
    const dir = fixtureDir('valid');
    const before = loadPlaybook(dir).version;
    const p = join(dir, 'replies.zh.json');
    writeFileSync(p, readFileSync(p, 'utf8').replace('祝您生活愉快', '祝您天天开心'));
    expect(loadPlaybook(dir).version).not.toBe(before);
  });
});

describe('parsePlaybook (pure)', () => {
  it('an unknown placeholder in a template is refused at parse time, with file and key', () => {
    const f = files() as { 'replies.en.json': { situations: Record<string, { text: string }> } };
    f['replies.en.json'].situations['L-7.reship']!.text = 'We will reship {itme} now.';
    const e = failure(() => parsePlaybook(f, 'test'));
    expect(e.message).toContain('replies.en.json: situations.L-7.reship.text: unknown placeholder {itme}');
  });

  it('a situation must cite the rule it implements', () => {
    const f = files() as { 'replies.zh.json': { situations: Record<string, { rules: string[] }> } };
    f['replies.zh.json'].situations['L-4.low_value']!.rules = ['T-1'];
    const e = failure(() => parsePlaybook(f, 'test'));
    expect(e.message).toContain('replies.zh.json: situations.L-4.low_value.rules: must cite L-4');
  });

  it('an unknown rule ID is refused', () => {
    const f = files() as { 'replies.zh.json': { situations: Record<string, { rules: string[] }> } };
    f['replies.zh.json'].situations['L-5.exchange']!.rules = ['L-9'];
    const e = failure(() => parsePlaybook(f, 'test'));
    expect(e.message).toContain('replies.zh.json: situations.L-5.exchange.rules[0]: expected one of');
    expect(e.message).toContain('got "L-9"');
  });

  it('a missing situation or question is named (a handler can never reach a branch without words)', () => {
    const f = files() as { 'replies.en.json': { situations: Record<string, unknown>; questions: Record<string, unknown> } };
    delete f['replies.en.json'].situations['P-3.duplicate'];
    delete f['replies.en.json'].questions.priceNow;
    const e = failure(() => parsePlaybook(f, 'test'));
    expect(e.message).toContain('replies.en.json: situations.P-3.duplicate: missing');
    expect(e.message).toContain('replies.en.json: questions.priceNow: missing');
  });

  it('a replies file in the wrong language and an unknown file are refused', () => {
    const f = files() as Record<string, { lang?: string }>;
    f['replies.en.json']!.lang = 'zh';
    const e1 = failure(() => parsePlaybook(f, 'test'));
    expect(e1.message).toContain('replies.en.json: lang: expected "en", got "zh"');
    const e2 = failure(() => parsePlaybook({ ...files(), 'replies.fr.json': {} }, 'test'));
    expect(e2.message).toContain('unknown file "replies.fr.json"');
  });

  it('carries the version it was given', () => {
    expect(parsePlaybook(files(), 'v-test').version).toBe('v-test');
  });
});
