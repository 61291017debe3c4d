import { afterEach, describe, expect, it } from 'vitest';
import { createChatClient, type ChatClient } from '../../src/llm/chat-client.ts';
import { createCircuitBreaker, type CircuitBreaker } from '../../src/llm/circuit-breaker.ts';
import { startScriptedServer, type Script, type ScriptedServer } from '../fakes/openai/scripted-server.ts';
import { createRecordingSleep, createTestClock, repoPrompts } from './helpers.ts';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(script: Script, o: { retries?: number; timeoutMs?: number; failures?: number; apiKey?: string } = {}) {
  server = await startScriptedServer(script);
  const clock = createTestClock();
  const rec = createRecordingSleep();
  const breaker: CircuitBreaker = createCircuitBreaker({ failures: o.failures ?? 3, cooldownMs: 30_000, clock: clock.now });
  const client: ChatClient = createChatClient({
    apiKey: o.apiKey ?? 'test-key', baseURL: server.baseURL, model: 'scripted-1', timeoutMs: o.timeoutMs ?? 2000,
    retries: o.retries ?? 2, breaker, clock: clock.now, sleep: rec.sleep, backoff: { baseMs: 100, maxMs: 5000, random: () => 0.5 },
  });
  return { client, clock, waits: rec.waits, breaker, server };
}

const prompt = () => repoPrompts()['polish-reply'];

describe('chat client against a loopback chat-completions server', () => {
  it('returns the content and a usage record naming prompt, hash, model and tokens', async () => {
    const { client, server } = await setup(() => ({ content: 'hello', usage: { prompt_tokens: 120, completion_tokens: 7 } }));
    const out = await client.complete({ prompt: prompt(), user: '<template_reply>x</template_reply>' });
    expect(out).toMatchObject({ ok: true, content: 'hello', attempts: 1 });
    if (!out.ok) throw new Error('expected ok');
    expect(out.usage).toEqual({ model: 'scripted-1', promptId: 'polish-reply', promptHash: prompt().hash, promptTokens: 120, completionTokens: 7 });
    expect(prompt().hash).toMatch(/^[0-9a-f]{64}$/);
    expect(server.requests[0]!.system).toBe(prompt().text);
  });

  it('honours Retry-After on 429 and then succeeds', async () => {
    let n = 0;
    const { client, waits } = await setup(() => (n++ === 0 ? { status: 429, headers: { 'retry-after': '2' } } : { content: 'ok' }));
    const out = await client.complete({ prompt: prompt(), user: 'u' });
    expect(out).toMatchObject({ ok: true, attempts: 2 });
    expect(waits).toEqual([2000]);
  });

  it('backs off exponentially on 500s and gives up after the retries', async () => {
    const { client, waits, server } = await setup(() => ({ status: 500 }), { retries: 2 });
    const out = await client.complete({ prompt: prompt(), user: 'u' });
    expect(out).toMatchObject({ ok: false, failure: 'server_error', attempts: 3 });
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([50, 100]); // random 0.5 × 100, 0.5 × 200
  });

  it('times out a server that sleeps past the timeout', async () => {
    const { client, server } = await setup(() => ({ content: 'late', delayMs: 5000 }), { retries: 0, timeoutMs: 800 });
    const out = await client.complete({ prompt: prompt(), user: 'u' });
    expect(out).toMatchObject({ ok: false, failure: 'timeout', attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('reports a malformed body as a bad response without retrying', async () => {
    const { client, server } = await setup(() => ({ raw: '{"choices": [ {"message": ' }));
    const out = await client.complete({ prompt: prompt(), user: 'u' });
    expect(out).toMatchObject({ ok: false, failure: 'bad_response' });
    expect(server.requests).toHaveLength(1);
  });

  it('reports a refusal with its usage', async () => {
    const { client } = await setup(() => ({ refusal: "I can't help with that." }));
    const out = await client.complete({ prompt: prompt(), user: 'u' });
    expect(out).toMatchObject({ ok: false, failure: 'refusal', detail: "I can't help with that." });
    expect(out.usage?.promptId).toBe('polish-reply');
  });

  it('does not retry a wrong API key (401)', async () => {
    const { client, server } = await setup(() => ({ content: 'never' }), { apiKey: 'wrong' });
    const out = await client.complete({ prompt: prompt(), user: 'u' });
    expect(out).toMatchObject({ ok: false, failure: 'client_error', detail: 'HTTP 401' });
    expect(server.requests).toHaveLength(0);
  });

  it('opens the circuit after N failed calls, refuses without calling, and closes after the cool-down', async () => {
    let healthy = false;
    const { client, server, clock, breaker } = await setup(() => (healthy ? { content: 'back' } : { status: 503 }), { retries: 0, failures: 2 });
    await client.complete({ prompt: prompt(), user: 'u' });
    expect(breaker.state()).toBe('closed');
    await client.complete({ prompt: prompt(), user: 'u' });
    expect(breaker.state()).toBe('open');
    const refused = await client.complete({ prompt: prompt(), user: 'u' });
    expect(refused).toMatchObject({ ok: false, failure: 'circuit_open', attempts: 0 });
    expect(server.requests).toHaveLength(2);

    clock.advance(29_999);
    expect((await client.complete({ prompt: prompt(), user: 'u' })).ok).toBe(false);
    expect(server.requests).toHaveLength(2);

    clock.advance(1);
    expect(breaker.state()).toBe('half_open');
    healthy = true;
    const trial = await client.complete({ prompt: prompt(), user: 'u' });
    expect(trial).toMatchObject({ ok: true, content: 'back' });
    expect(breaker.state()).toBe('closed');
    expect(server.requests).toHaveLength(3);
  });

  it('re-opens at once when the half-open trial fails', async () => {
    const { client, clock, breaker } = await setup(() => ({ status: 500 }), { retries: 0, failures: 1 });
    await client.complete({ prompt: prompt(), user: 'u' });
    expect(breaker.state()).toBe('open');
    clock.advance(30_000);
    await client.complete({ prompt: prompt(), user: 'u' });
    expect(breaker.state()).toBe('open');
  });
});
