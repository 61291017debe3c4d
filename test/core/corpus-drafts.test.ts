/**
 * T-1, T-3, T-4, T-6 over real traffic: every message of the labelled corpus is drafted with the
 * bundled playbook, and every reply is scanned. A template or handler that slips a taboo phrase,
 * a compliance breach or the customer's phone/address into a reply fails here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPersonalData, findTaboos } from '../../src/core/reply/guard.ts';
import { draftCase } from '../../src/core/settle-case.ts';
import type { Lang } from '../../src/core/types.ts';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const corpusDir = join(ROOT, 'test/fixtures/corpus');
const corpus = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => readFileSync(join(corpusDir, f), 'utf8').split('\n').filter((l) => l.trim()))
  .map((l) => JSON.parse(l) as { id: string; text: string; lang: Lang; category: string });
const playbook = loadPlaybook(join(ROOT, 'playbooks'));
const now = new Date('2026-11-24T02:00:00Z');
const drafts = corpus.map((m) => ({ m, d: draftCase({ id: m.id, message: m.text, now, facts: {} }, playbook) }));

describe('every corpus draft', () => {
  it('covers the whole corpus', () => {
    expect(drafts.length).toBeGreaterThanOrEqual(400);
  });

  it('T-3/T-4: no taboo phrase and no compliance breach in any reply', () => {
    const bad = drafts.flatMap(({ m, d }) => findTaboos(d.reply.text, d.reply.lang).map((t) => `${m.id} ${t.rule} "${t.quote}"`));
    expect(bad).toEqual([]);
  });

  it('T-6: no reply repeats personal data', () => {
    const bad = drafts.flatMap(({ m, d }) => findPersonalData(d.reply.text).map((p) => `${m.id}: ${p}`));
    expect(bad).toEqual([]);
  });

  it("replies in the customer's language (mixed-language messages may go either way: at most 2 %)", () => {
    const wrong = drafts.filter(({ m, d }) => d.reply.lang !== m.lang);
    expect(wrong.length / drafts.length).toBeLessThanOrEqual(0.02);
  });

  it('M-1: a malicious draft never offers money', () => {
    const paying = drafts.filter(({ d }) => d.category === 'malicious' && d.offers.some((o) => (o.amountMinor ?? 0) > 0));
    expect(paying.map(({ m }) => m.id)).toEqual([]);
  });

  it('money is integer minor units in every offer', () => {
    const bad = drafts.flatMap(({ m, d }) => d.offers.filter((o) => o.amountMinor !== null && !Number.isInteger(o.amountMinor)).map(() => m.id));
    expect(bad).toEqual([]);
  });
});
