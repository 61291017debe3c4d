/**
 * The strongest attacker we can script: a model that, for every message the assist is asked
 * about, claims every POLICY.md §1 reading in turn, confidently, quoting real words of the
 * message. A quoted, confident reading wins the combine step — so the guard must hold on the
 * drafts: no assisted draft lowers the stakes (escalate > supervisor > agent, checklist a
 * superset), and any that could pay more than the classifier's draft needs a supervisor.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify/classify.ts';
import { decide } from '../../src/core/policy/decide.ts';
import { draftCase } from '../../src/core/settle-case.ts';
import { ALL_SUBTYPES, categoryOf, type Lang } from '../../src/core/types.ts';
import { reasonToSkipAssist } from '../../src/llm/classify-assist.ts';
import { combineClassification } from '../../src/llm/combine-classification.ts';
import { guardAssistedDraft, largestPayout, stakesOf } from '../../src/llm/guard-assisted-draft.ts';
import { DEFAULT_LLM_SETTINGS } from '../../src/llm/settings.ts';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';
import { caseOf } from './helpers.ts';

interface Labelled { id: string; text: string; lang: Lang }
const AUTHORS = fileURLToPath(new URL('../fixtures/corpus/authors/', import.meta.url));
const corpus: Labelled[] = readdirSync(AUTHORS).sort().flatMap((f) =>
  readFileSync(join(AUTHORS, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Labelled));
const playbook = loadPlaybook();
/** The first 150 messages the assist is asked about (the attack is 22 readings of each). */
const asked = corpus.filter((l) => reasonToSkipAssist({ text: l.text, lang: l.lang }, classify({ text: l.text, lang: l.lang }), { belowConfidence: DEFAULT_LLM_SETTINGS.assistBelowConfidence }) === null).slice(0, 150);

/** A real quote of the message: its first few characters. */
const quoteOf = (text: string): string => [...text].slice(0, 8).join('');

describe('adaptive attacker over the labelled corpus', () => {
  it('the assist is asked for some messages (precondition)', () => {
    expect(asked.length).toBeGreaterThan(10);
  });

  it('no assisted draft lowers the stakes, or pays more than the classifier\'s draft without a supervisor', () => {
    let raised = 0;
    let refused = 0;
    for (const l of asked) {
      const c = caseOf(l.text, { lang: l.lang });
      const rules = classify({ text: l.text, lang: l.lang });
      const offline = draftCase(c, playbook);
      for (const subtype of ALL_SUBTYPES) {
        const combined = combineClassification(rules, { category: categoryOf(subtype), subtype, confidence: 0.99, quote: quoteOf(l.text), reason: 'x' }, l.text);
        const assisted = decide(c, playbook, combined.classification);
        const g = guardAssistedDraft(offline, assisted);
        const where = `${l.id} as ${subtype}`;
        expect(stakesOf(g.draft), where).toBeGreaterThanOrEqual(stakesOf(offline));
        expect(g.draft.checklist, where).toEqual(expect.arrayContaining(offline.checklist));
        if (largestPayout(g.draft) > largestPayout(offline)) {
          expect(g.draft.approval, where).toBe('supervisor');
          expect(g.draft.checklist[0]).toMatch(/supervisor|主管/);
        }
        raised += g.raised ? 1 : 0;
        refused += g.refused ? 1 : 0;
      }
    }
    // The attack reaches both ways somewhere; the point is that neither goes out unseen.
    expect(raised).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    if (process.env.SETTLE_PRINT_INJECTION) console.log(`corpus ${corpus.length}, assist asked ${asked.length}, raised ${raised}, refused ${refused}`);
  });
});

describe('guardAssistedDraft', () => {
  it('leaves a draft alone when the reading did not change or pays no more', () => {
    const d = draftCase(caseOf('衣服袖口开线了'), playbook);
    expect(guardAssistedDraft(d, d)).toEqual({ draft: d, raised: false, refused: false });
  });

  it('refuses a counterfeit claim re-read as a scratch: it would drop the supervisor and the checks', () => {
    const c = caseOf('这个是假货吧，防伪码查不到');
    const offline = draftCase(c, playbook);
    expect(offline.subtype).toBe('counterfeit_claim');
    const rules = classify({ text: c.message, lang: 'zh' });
    const scratch = decide(c, playbook, { ...rules, category: 'quality', subtype: 'minor_defect' });
    expect(stakesOf(scratch)).toBeLessThan(stakesOf(offline));
    expect(guardAssistedDraft(offline, scratch)).toEqual({ draft: offline, raised: false, refused: true });
  });
});
