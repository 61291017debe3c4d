import { mkdtempSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMPTS_DIR, loadPrompts, PROMPT_IDS } from '../../src/llm/prompts.ts';
import { DEFAULT_LLM_SETTINGS, readLlmSettings } from '../../src/llm/settings.ts';
import { createLlm } from '../../src/llm/create-llm.ts';

describe('readLlmSettings', () => {
  it('no API key → null (offline), even with other keys set', () => {
    expect(readLlmSettings({ SETTLE_LLM_MODEL: 'x', OPENAI_API_KEY: '' })).toBeNull();
    expect(createLlm(null)).toBeNull();
  });

  it('reads an OpenAI-compatible server (Ollama) with defaults for the rest', () => {
    const s = readLlmSettings({ OPENAI_API_KEY: 'ollama', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', SETTLE_LLM_MODEL: 'qwen2.5:7b', SETTLE_LLM_TIMEOUT_MS: '3000' });
    expect(s).toEqual({ ...DEFAULT_LLM_SETTINGS, apiKey: 'ollama', baseURL: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:7b', timeoutMs: 3000 });
  });

  it('lists every bad key at once as config_invalid', () => {
    expect(() => readLlmSettings({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'not a url', SETTLE_LLM_TIMEOUT_MS: 'soon' }))
      .toThrow(expect.objectContaining({ code: 'config_invalid', message: expect.stringMatching(/OPENAI_BASE_URL.*SETTLE_LLM_TIMEOUT_MS/) }));
  });
});

describe('loadPrompts', () => {
  it('loads every prompt with a sha256 of its file', () => {
    const p = loadPrompts();
    expect(Object.keys(p).sort()).toEqual([...PROMPT_IDS].sort());
    for (const id of PROMPT_IDS) expect(p[id].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a changed prompt file gets a new hash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settle-prompts-'));
    cpSync(DEFAULT_PROMPTS_DIR, dir, { recursive: true });
    const before = loadPrompts(dir)['polish-reply'].hash;
    writeFileSync(join(dir, 'polish-reply.md'), `${loadPrompts(dir)['polish-reply'].text}\nBe brief.\n`);
    expect(loadPrompts(dir)['polish-reply'].hash).not.toBe(before);
  });

  it('a missing or empty prompt stops the start naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settle-prompts-'));
    cpSync(DEFAULT_PROMPTS_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'customer-persona.md'), '  \n');
    expect(() => loadPrompts(dir)).toThrow(expect.objectContaining({ code: 'config_invalid', message: expect.stringContaining('customer-persona.md') }));
    expect(() => loadPrompts(join(dir, 'nope'))).toThrow(expect.objectContaining({ code: 'config_invalid' }));
  });
});
