/** Shared test wiring: a controllable clock, a recording sleep, and the repository's prompts. */
import { loadPrompts, type PromptSet } from '../../src/llm/prompts.ts';
import { createLlm, type Llm } from '../../src/llm/create-llm.ts';
import { DEFAULT_LLM_SETTINGS, type LlmSettings } from '../../src/llm/settings.ts';
import { json, type Script, type ScriptedServer } from '../fakes/openai/scripted-server.ts';
import type { CaseInput, Order } from '../../src/core/types.ts';

export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
}

export function createTestClock(start = '2026-11-24T10:00:00+08:00'): TestClock {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms) => { t += ms; } };
}

/** A sleep that returns at once and remembers what it was asked to wait. */
export function createRecordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => { waits.push(ms); } };
}

let cached: PromptSet | undefined;
export function repoPrompts(): PromptSet {
  cached ??= loadPrompts();
  return cached;
}


/** The real LLM stack pointed at a scripted loopback server, with a test clock and instant backoff. */
export function createTestLlm(server: ScriptedServer, over: Partial<LlmSettings> = {}, clock = createTestClock()): Llm {
  const llm = createLlm(
    { ...DEFAULT_LLM_SETTINGS, apiKey: 'test-key', baseURL: server.baseURL, model: 'scripted-1', timeoutMs: 2000, ...over },
    { clock: clock.now, sleep: createRecordingSleep().sleep, random: () => 0.5 },
  );
  if (!llm) throw new Error('LLM expected');
  return llm;
}

export const ORDER: Order = {
  id: 'T1001', currency: 'CNY', items: [{ sku: 'TS-W', name: '白色T恤', unitPriceMinor: 5900, qty: 3 }],
  totalMinor: 17700, shippingFeeMinor: 0, freeShipping: true, status: 'delivered',
  paidAt: '2026-11-18T10:00:00+08:00', shippedAt: '2026-11-19T10:00:00+08:00', deliveredAt: '2026-11-22T10:00:00+08:00', sevenDayReturn: true,
};

export function caseOf(message: string, over: Partial<CaseInput> = {}): CaseInput {
  return { id: 'c1', message, now: new Date('2026-11-24T10:00:00+08:00'), order: ORDER, facts: {}, ...over };
}

/**
 * The script of an always-right model: for a classify call, the true label of the line whose whole
 * text is in the prompt (the longest, as two lines may share a start), else whose first
 * `quoteChars` characters are, quoting them; anything else is a 503. `onAnswer` counts the calls.
 */
export function trueLabelScript(lines: readonly { text: string; category: string; subtype: string }[], quoteChars: number, onAnswer: () => void = () => undefined): Script {
  const quoteOf = (text: string) => [...text].slice(0, quoteChars).join('');
  return (req) => {
    if (req.kind !== 'classify') return { status: 503 };
    const line = lines.filter((l) => req.user.includes(l.text)).sort((a, b) => b.text.length - a.text.length)[0]
      ?? lines.find((l) => req.user.includes(quoteOf(l.text)));
    if (!line) return { status: 503 };
    onAnswer();
    return json({ category: line.category, subtype: line.subtype, confidence: 0.95, quote: quoteOf(line.text), reason: 'the true label' });
  };
}
