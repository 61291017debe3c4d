/**
 * The LLM through the real desk (SQLite store, bundled playbook): what the agent sees on the card
 * and what the audit log records — classifiedBy, reasons, prompt id + hash, model, token counts.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createDesk } from '../../src/app/create-desk.ts';
import type { Actor } from '../../src/app/desk.ts';
import { classify } from '../../src/core/classify/classify.ts';
import { reasonToSkipAssist } from '../../src/llm/classify-assist.ts';
import { DEFAULT_LLM_SETTINGS } from '../../src/llm/settings.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import { json, startScriptedServer, type Script, type ScriptedServer } from '../fakes/openai/scripted-server.ts';
import { createTestLlm, ORDER, repoPrompts } from './helpers.ts';

const li: Actor = { id: 'console:li', displayName: 'li', role: 'agent', platform: 'console' };

/** The first corpus line the classifier is unsure of (the assist is asked) and gets wrong, with its label. */
function unsureLine(): { text: string; category: string; subtype: string } {
  const dir = fileURLToPath(new URL('../fixtures/corpus/authors/', import.meta.url));
  const lines = readdirSync(dir).sort().flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim()));
  for (const line of lines) {
    const m = JSON.parse(line) as { text: string; lang: 'zh' | 'en'; category: string; subtype: string };
    if (m.lang !== 'zh' || m.category === 'other' || m.category === 'malicious') continue;
    const rules = classify({ text: m.text, lang: m.lang });
    if (reasonToSkipAssist({ text: m.text }, rules, { belowConfidence: DEFAULT_LLM_SETTINGS.assistBelowConfidence }) === null && rules.subtype !== m.subtype) return m;
  }
  throw new Error('the classifier is sure of every line');
}

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function deskWith(script: Script) {
  server = await startScriptedServer(script);
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'settle-llm-desk-')), 'settle.db'));
  await store.upsertOrders([ORDER], '2026-11-24T00:00:00.000Z');
  const llm = createTestLlm(server);
  let t = Date.parse('2026-11-24T03:00:00.000Z');
  return createDesk({ store, playbook: loadPlaybook(), clock: () => new Date((t += 1000)), logger: createSilentLogger(), assist: llm.assist, polish: llm.polish });
}

describe('desk with the LLM', () => {
  it('drafts on the assisted reading with a verified reply, and audits both calls', async () => {
    const line = unsureLine();
    const desk = await deskWith((req) => {
      if (req.kind === 'classify') return json({ category: line.category, subtype: line.subtype, confidence: 0.9, quote: [...line.text].slice(0, 8).join(''), reason: 'right' });
      const template = req.user.split(/<template_reply[^>]*>\n/)[1]!.split('\n</template_reply>')[0]!;
      return { content: template.replace(/^亲，/, '亲，非常抱歉给您添麻烦了，'), usage: { prompt_tokens: 800, completion_tokens: 120 } };
    });
    const view = await desk.submit({ actor: li, message: line.text, orderId: 'T1001' });
    const drafted = (await desk.history(view.id)).find((e) => e.action === 'drafted')!;
    const refused = (drafted.detail.llm as Record<string, unknown> | undefined)?.classifyReason === 'model_reading_lowers_stakes';
    if (!refused) expect([view.draft.category, view.draft.subtype]).toEqual([line.category, line.subtype]);
    expect(view.draft.reply.text).toContain('非常抱歉给您添麻烦了');
    expect(drafted.detail.llm).toMatchObject({
      classifiedBy: refused ? 'rules' : expect.stringMatching(/^(llm|combined)$/),
      classifyUsage: { model: 'scripted-1', promptId: 'classify-assist', promptHash: repoPrompts()['classify-assist'].hash },
      polished: 'llm',
      polishReason: 'verified',
      polishUsage: { model: 'scripted-1', promptId: 'polish-reply', promptHash: repoPrompts()['polish-reply'].hash, promptTokens: 800, completionTokens: 120 },
    });
  });

  it('drafts offline when the model server fails, and says why in the audit', async () => {
    const desk = await deskWith(() => ({ status: 503 }));
    const view = await desk.submit({ actor: li, message: '我买了三件T恤只收到两件，少发了一件', orderId: 'T1001' });
    expect(view.draft.offers.map((o) => o.kind)).toEqual(['reship', 'refund']);
    const drafted = (await desk.history(view.id)).find((e) => e.action === 'drafted')!;
    expect(drafted.detail.llm).toMatchObject({ classifiedBy: 'rules', classifyReason: 'rules_confident', polished: 'template', polishReason: 'model_server_error' });
  });
});
