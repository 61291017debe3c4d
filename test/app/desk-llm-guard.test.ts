/**
 * The desk wires the LLM guard: when a (compromised) model picks a reading of the customer's
 * words that pays more than the rules' reading, the draft goes to a supervisor and the audit log
 * says so. The message and quote are found from the corpus the way an attacker would search.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createDesk } from '../../src/app/create-desk.ts';
import type { Actor } from '../../src/app/desk.ts';
import { classify } from '../../src/core/classify/classify.ts';
import { decide } from '../../src/core/policy/decide.ts';
import { draftCase } from '../../src/core/settle-case.ts';
import { ALL_SUBTYPES, categoryOf, type Lang } from '../../src/core/types.ts';
import { reasonToSkipAssist } from '../../src/llm/classify-assist.ts';
import { combineClassification } from '../../src/llm/combine-classification.ts';
import { largestPayout, lowersStakes } from '../../src/llm/guard-assisted-draft.ts';
import { DEFAULT_LLM_SETTINGS } from '../../src/llm/settings.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import { json, startScriptedServer, type ScriptedServer } from '../fakes/openai/scripted-server.ts';
import { caseOf, createTestLlm, ORDER } from '../llm/helpers.ts';

const playbook = loadPlaybook();
const li: Actor = { id: 'console:li', displayName: 'li', role: 'agent', platform: 'console' };

/** The first corpus message where some quoted window of the text reads as a better-paying dispute. */
function findAttack(): { text: string; lang: Lang; quote: string; category: string; subtype: string } {
  const lines = readFileSync(fileURLToPath(new URL('../fixtures/corpus/train.jsonl', import.meta.url)), 'utf8').split('\n').filter((l) => l.trim());
  for (const line of lines) {
    const { text, lang } = JSON.parse(line) as { text: string; lang: Lang };
    const rules = classify({ text, lang });
    if (reasonToSkipAssist({ text, lang }, rules, { belowConfidence: DEFAULT_LLM_SETTINGS.assistBelowConfidence }) !== null) continue;
    const c = caseOf(text, { lang });
    const offline = draftCase(c, playbook);
    const quote = [...text].slice(0, 8).join('');
    for (const subtype of ALL_SUBTYPES) {
      const category = categoryOf(subtype);
      const combined = combineClassification(rules, { category, subtype, confidence: 0.99, quote, reason: 'x' }, text);
      const assisted = decide(c, playbook, combined.classification);
      if (largestPayout(assisted) > largestPayout(offline) && !lowersStakes(offline, assisted)) return { text, lang, quote, category, subtype };
    }
  }
  throw new Error('no attack found in the corpus');
}

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('desk + LLM guard', () => {
  it('a model reading that pays more than the rules\' reading needs a supervisor, and the audit says so', async () => {
    const attack = findAttack();
    server = await startScriptedServer((req) =>
      req.kind === 'classify'
        ? json({ category: attack.category, subtype: attack.subtype, confidence: 0.99, quote: attack.quote, reason: 'pays more' })
        : { status: 503 });
    const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'settle-guard-')), 'settle.db'));
    await store.upsertOrders([ORDER], '2026-11-24T00:00:00.000Z');
    const llm = createTestLlm(server);
    const desk = createDesk({ store, playbook, clock: () => new Date('2026-11-24T10:00:00+08:00'), logger: createSilentLogger(), assist: llm.assist, polish: llm.polish });

    const view = await desk.submit({ actor: li, message: attack.text, lang: attack.lang, orderId: ORDER.id });
    expect(view.draft.approval).toBe('supervisor');
    expect(view.draft.checklist[0]).toMatch(/supervisor|主管/);
    const drafted = (await desk.history(view.id)).find((e) => e.action === 'drafted')!;
    expect(drafted.detail.llm).toMatchObject({ raisedToSupervisor: true });
  });
});
