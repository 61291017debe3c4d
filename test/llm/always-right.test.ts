/**
 * Issue 11, item 6: with an always-right model behind a real loopback OpenAI-compatible server
 * (default settings), a right reading gets through the drafting pipeline wherever the learned
 * classifier was unsure — unless it would lower the stakes (refused) or the classifier's
 * malicious verdict stands (only a human clears it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftForCase } from '../../src/app/draft-for-case.ts';
import { classify } from '../../src/core/classify/classify.ts';
import type { CustomerContext, Lang } from '../../src/core/types.ts';
import { reasonToSkipAssist } from '../../src/llm/classify-assist.ts';
import { DEFAULT_LLM_SETTINGS } from '../../src/llm/settings.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';
import { startScriptedServer, type ScriptedServer } from '../fakes/openai/scripted-server.ts';
import { caseOf, createTestLlm, trueLabelScript } from './helpers.ts';

interface Line { id: string; text: string; lang: Lang; category: string; subtype: string; customer?: CustomerContext }
const AUTHORS = fileURLToPath(new URL('../fixtures/corpus/authors/', import.meta.url));
const lines: Line[] = readdirSync(AUTHORS).sort().flatMap((f) =>
  readFileSync(join(AUTHORS, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Line));
/** Lines the classifier is unsure of: the assist is asked about them (first 80, plain text only). */
const unsure = lines
  .filter((l) => !/[<>]/.test(l.text) && reasonToSkipAssist({ text: l.text, lang: l.lang }, classify({ text: l.text, lang: l.lang, customer: l.customer }), { belowConfidence: DEFAULT_LLM_SETTINGS.assistBelowConfidence }) === null)
  .slice(0, 80);

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(trueLabelScript(unsure, 8));
});
afterAll(async () => server.close());

describe('an always-right model through the drafting pipeline', () => {
  it('fixes every unsure reading it is asked about, except stakes-lowering ones and standing malicious verdicts', async () => {
    expect(unsure.length).toBeGreaterThanOrEqual(40);
    const llm = createTestLlm(server, { retries: 0 });
    const deps = { playbook: loadPlaybook(), logger: createSilentLogger(), assist: llm.assist };
    let offlineRight = 0;
    let assistedRight = 0;
    const wrong: string[] = [];
    for (const l of unsure) {
      // The account context the label relied on goes in too (LABELLING.md 9: the account can decide it).
      const rules = classify({ text: l.text, lang: l.lang, customer: l.customer });
      if (rules.category === l.category && rules.subtype === l.subtype) offlineRight++;
      const { draft, llm: audit } = await draftForCase(caseOf(l.text, { lang: l.lang, ...(l.customer ? { customer: l.customer } : {}) }), deps);
      // The reading the draft was decided on (routing by order and facts may then pick another
      // rule, e.g. M-2 handles a real problem inside a threat under that problem's category).
      const right = draft.classification.category === l.category && draft.classification.subtype === l.subtype;
      if (right) assistedRight++;
      const excused = audit?.classifyReason === 'model_reading_lowers_stakes' || rules.category === 'malicious';
      if (!right && !excused) wrong.push(`${l.id}: ${draft.classification.category}/${draft.classification.subtype} ≠ ${l.category}/${l.subtype} (${String(audit?.classifyReason)})`);
    }
    expect(wrong).toEqual([]);
    expect(assistedRight).toBeGreaterThan(offlineRight);
  });
});
