import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerVoiceInput } from '../../src/core/training/customer-voice.ts';
import { agentTurn, startSession } from '../../src/core/training/session.ts';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';
import { findScenario, loadScenarios } from '../../src/training/load-scenarios.ts';
import { startScriptedServer, type ScriptedReply, type ScriptedServer } from '../fakes/openai/scripted-server.ts';
import { createLlm } from '../../src/llm/create-llm.ts';
import { DEFAULT_LLM_SETTINGS } from '../../src/llm/settings.ts';
import { createTestLlm, repoPrompts } from './helpers.ts';

const playbook = loadPlaybook();
const scenario = findScenario(loadScenarios(), 'missing-item-zh');
const start = new Date('2026-11-24T10:00:00+08:00');
const later = new Date('2026-11-24T10:00:30+08:00');

/** A trainee turn through the real scripted session; returns what the voice is asked to say. */
function turn(agentText: string): CustomerVoiceInput {
  const session = startSession(scenario, start, playbook);
  const r = agentTurn(session, agentText, later);
  return { scenario, transcript: r.session.turns.slice(0, -1), scripted: r.customerReply, mood: r.session.mood, ...(r.event ? { event: r.event } : {}) };
}

let reply: ScriptedReply = { content: '' };
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(() => reply);
});
afterAll(() => server.close());

async function speak(answer: ScriptedReply, input: CustomerVoiceInput) {
  reply = answer;
  return createTestLlm(server).voice.speakDetailed(input);
}

describe('training customer voice (missing-item-zh)', () => {
  const ASK = '非常抱歉给您添麻烦了！请问包裹的包装有没有拆过，快递面单上的重量是多少？';

  it('the scripted session reveals the weight when asked (precondition)', () => {
    const input = turn(ASK);
    expect(input.event?.line).toBe('reveal');
    expect(input.scripted).toContain('0.4');
  });

  it('speaks a rephrased line that keeps the revealed fact', async () => {
    const r = await speak({ content: '面单上写的是0.4公斤，刚好两件的重量，包装我都没拆过！' }, turn(ASK));
    expect(r).toMatchObject({ used: 'llm', reason: 'verified' });
    expect(r.usage).toMatchObject({ promptId: 'customer-persona', promptHash: repoPrompts()['customer-persona'].hash });
    const req = server.requests.at(-1)!;
    expect(req.kind).toBe('persona');
    expect(req.user).toContain('<direction>');
  });

  it('does not let the model tell a hidden fact nobody asked about', async () => {
    const input = turn('您好，我们会尽快处理。');
    expect(input.event?.line).not.toBe('reveal');
    const r = await speak({ content: '面单上写的重量是0.4公斤，你们自己看！' }, input);
    expect(r).toMatchObject({ used: 'script', reason: 'invented_number:0.4', text: input.scripted });
    expect(server.requests.at(-1)!.user).not.toContain('0.4公斤');
  });

  it.each<[string, ScriptedReply, RegExp]>([
    ['an invented amount', { content: '我可是花了500块买的，赶紧给我处理！' }, /^invented_number:500$/],
    ['the wrong language', { content: 'The label says the parcel weighed 0.4 kg, so you clearly sent two.' }, /^language:/],
    ['its instructions', { content: '' }, /^prompt_leak$/],
    ['a refusal', { refusal: 'I cannot role-play this.' }, /^model_refusal$/],
    ['no answer in time', { content: '面单上写的是0.4公斤', delayMs: 5000 }, /^model_timeout$/],
  ])('falls back to the scripted line on %s', async (name, answer, reason) => {
    const input = turn(ASK);
    const leak = repoPrompts()['customer-persona'].text.split('\n').find((l) => l.length > 60)!;
    const a = name === 'its instructions' ? { content: `好的。${leak}` } : answer;
    reply = a;
    const r = await createTestLlm(server, { timeoutMs: 800, retries: 0 }).voice.speakDetailed(input);
    expect(r.used).toBe('script');
    expect(r.text).toBe(input.scripted);
    expect(r.reason).toMatch(reason);
  });

  it('implements the training port: speak() returns the text and reports the usage', async () => {
    reply = { content: '面单上写的是0.4公斤，包装没拆过。' };
    const seen: string[] = [];
    const llm = createLlm(
      { ...DEFAULT_LLM_SETTINGS, apiKey: 'test-key', baseURL: server.baseURL, model: 'scripted-1' },
      { onVoice: (r) => seen.push(`${r.used}:${r.reason}:${r.usage?.promptId}`) },
    )!;
    expect(await llm.voice.speak(turn(ASK))).toBe('面单上写的是0.4公斤，包装没拆过。');
    expect(seen).toEqual(['llm:verified:customer-persona']);
  });
});
