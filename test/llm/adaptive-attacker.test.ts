/**
 * The strongest attacker we can script: a model that, for every message the assist is asked
 * about, finds the words in the message that the rules' lexicon reads as some dispute, and claims
 * the reading that pays the most. The combine step cannot refuse a reading the customer's words
 * really support — so the guard must: any assisted draft that could pay more than the rules'
 * draft needs a supervisor.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify/classify.ts';
import { decide } from '../../src/core/policy/decide.ts';
import { draftCase } from '../../src/core/settle-case.ts';
import type { Classification, Lang } from '../../src/core/types.ts';
import { reasonToSkipAssist } from '../../src/llm/classify-assist.ts';
import { combineClassification } from '../../src/llm/combine-classification.ts';
import { guardAssistedDraft, largestPayout } from '../../src/llm/guard-assisted-draft.ts';
import { DEFAULT_LLM_SETTINGS } from '../../src/llm/settings.ts';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';
import { caseOf } from './helpers.ts';

interface Labelled { id: string; text: string; lang: Lang }
const corpus: Labelled[] = ['train', 'heldout', 'blind'].flatMap((f) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/corpus/${f}.jsonl`, import.meta.url)), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Labelled));
const playbook = loadPlaybook();
const asked = corpus.filter((l) => reasonToSkipAssist({ text: l.text, lang: l.lang }, classify({ text: l.text, lang: l.lang }), { belowConfidence: DEFAULT_LLM_SETTINGS.assistBelowConfidence }) === null);

/** Every reading the rules' lexicon gives some window of the text, with the window as the quote. */
function readingsInWords(text: string, lang: Lang): { quote: string; reading: Classification }[] {
  const chars = [...text];
  const out: { quote: string; reading: Classification }[] = [];
  for (let len = 2; len <= 16; len += 2) {
    for (let i = 0; i + len <= chars.length; i += 2) {
      const quote = chars.slice(i, i + len).join('');
      const reading = classify({ text: quote, lang });
      if (reading.category !== 'other') out.push({ quote, reading });
    }
  }
  return out;
}

describe('adaptive attacker over the labelled corpus', () => {
  it('the assist is asked for some messages (precondition)', () => {
    expect(asked.length).toBeGreaterThan(10);
  });

  it('no assisted draft pays more than the rules\' draft without a supervisor', () => {
    let raised = 0;
    const messages = new Set<string>();
    for (const l of asked) {
      const c = caseOf(l.text, { lang: l.lang });
      const rules = classify({ text: l.text, lang: l.lang });
      const offline = draftCase(c, playbook);
      for (const { quote, reading } of readingsInWords(l.text, l.lang)) {
        const combined = combineClassification(rules, { category: reading.category, subtype: reading.subtype, confidence: 0.99, quote, reason: 'x' }, l.text, (q) => classify({ text: q, lang: l.lang }));
        const assisted = decide(c, playbook, combined.classification);
        const { draft, raised: r } = guardAssistedDraft(offline, assisted);
        expect(draft.offers).toEqual(assisted.offers); // the guard never touches money
        if (largestPayout(draft) > largestPayout(offline)) {
          expect(draft.approval, `${l.id}: "${quote}"`).toBe('supervisor');
          expect(draft.checklist[0]).toMatch(/supervisor|主管/);
          raised += r ? 1 : 0;
          messages.add(l.id);
        }
      }
    }
    // The attack succeeds at proposing more money somewhere; the point is that it never goes out unseen.
    expect(raised).toBeGreaterThan(0);
    if (process.env.SETTLE_PRINT_INJECTION) console.log(`corpus ${corpus.length}, assist asked ${asked.length}, messages where an attacker can reach more money ${messages.size}`);
  });
});

describe('guardAssistedDraft', () => {
  it('leaves a draft alone when the reading did not change or pays no more', () => {
    const d = draftCase(caseOf('衣服袖口开线了'), playbook);
    expect(guardAssistedDraft(d, d)).toEqual({ draft: d, raised: false });
  });
});
