/**
 * `npm run bench -- llm`: what the optional LLM adds per case, against the scripted loopback
 * chat-completions server with a fixed 300 ms latency per call (a realistic hosted-model turn).
 * 20 labelled corpus cases, 4 at a time, through the desk's drafting pipeline (classify → assist →
 * decide → polish), once against a healthy model and once against a flaky one (every 4th call a
 * 500, every 7th a timeout). Prints figures; asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { draftForCase } from '../src/app/draft-for-case.ts';
import { draftCase } from '../src/core/settle-case.ts';
import type { CaseInput, Lang } from '../src/core/types.ts';
import { classify } from '../src/core/classify/classify.ts';
import { reasonToSkipAssist } from '../src/llm/classify-assist.ts';
import { createLlm } from '../src/llm/create-llm.ts';
import { DEFAULT_LLM_SETTINGS } from '../src/llm/settings.ts';
import { createSilentLogger } from '../src/logger.ts';
import { loadPlaybook } from '../src/playbook/load-playbook.ts';
import { json, startScriptedServer, type ScriptedRequest, type ScriptedReply } from '../test/fakes/openai/scripted-server.ts';

const ROOT = resolve(import.meta.dirname, '..');
const LATENCY_MS = 300;
const CASES = 20;
const CONCURRENCY = 4;

interface Labelled { text: string; lang: Lang; category: string; subtype: string }

const ASKED_CASES = 8;

const assistAsked = (l: Labelled) =>
  reasonToSkipAssist({ text: l.text, lang: l.lang }, classify({ text: l.text, lang: l.lang }), { belowConfidence: DEFAULT_LLM_SETTINGS.assistBelowConfidence }) === null;

function loadCases(): { cases: CaseInput[]; asked: CaseInput[]; labels: Map<string, Labelled> } {
  const lines = readFileSync(join(ROOT, 'test/fixtures/corpus/heldout.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  const labelled = lines.map((l) => JSON.parse(l) as Labelled);
  // Every k-th line: a spread over categories and both languages.
  const step = Math.max(1, Math.floor(labelled.length / CASES));
  const picked = labelled.filter((_, i) => i % step === 0).slice(0, CASES);
  // And a second sample where the rules are unsure, so the assist is asked: the cost of two calls.
  const unsure = labelled.filter(assistAsked).slice(0, ASKED_CASES);
  const now = new Date('2026-11-24T10:00:00+08:00');
  const labels = new Map<string, Labelled>();
  const toCase = (l: Labelled, i: number): CaseInput => {
    labels.set(l.text, l);
    const currency = l.lang === 'zh' ? 'CNY' : 'USD';
    return {
      id: `llm${i}`, message: l.text, lang: l.lang, now, facts: {},
      order: { id: `T${2000 + i}`, currency, items: [{ sku: 'A1', name: l.lang === 'zh' ? '白色T恤' : 'White T-shirt', unitPriceMinor: 5900, qty: 2 }], totalMinor: 11800, shippingFeeMinor: 0, freeShipping: true, status: 'delivered', deliveredAt: '2026-11-22T10:00:00+08:00', sevenDayReturn: true },
    };
  };
  return { cases: picked.map(toCase), asked: unsure.map((l, i) => toCase(l, 100 + i)), labels };
}

const between = (s: string, open: RegExp, close: string) => s.split(open)[1]?.split(close)[0]?.trim() ?? '';

/** The words a careful reader would point at: the shortest window the rules' lexicon reads as `category`. */
function quoteFor(text: string, category: string): string {
  const chars = [...text];
  for (let len = 2; len <= Math.min(24, chars.length); len++) {
    for (let i = 0; i + len <= chars.length; i++) {
      const w = chars.slice(i, i + len).join('');
      const c = classify({ text: w });
      if (c.category === category && c.signals.some((x) => /^(zh|en):/.test(x))) return w;
    }
  }
  return chars.slice(0, 12).join('');
}

/** A well-behaved model: labels as a careful reader would (the corpus label), polishes by keeping the template's facts. */
function honestModel(labels: Map<string, Labelled>) {
  return (req: ScriptedRequest): ScriptedReply => {
    if (req.kind === 'classify') {
      const text = between(req.user, /<customer_message[^>]*>/, '</customer_message>');
      const l = labels.get(text);
      const category = l?.category ?? 'other';
      return json({ category, subtype: l?.subtype ?? '', confidence: 0.9, quote: quoteFor(text, category), reason: 'bench' }, { delayMs: LATENCY_MS });
    }
    return { content: between(req.user, /<template_reply[^>]*>/, '</template_reply>'), delayMs: LATENCY_MS };
  };
}

async function runPool<T>(items: T[], n: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] ?? NaN;

/** Figures: ms added per case, wall time, calls per case, fallback rates (healthy and flaky model). */
export async function benchLlm(): Promise<Record<string, number>> {
  const playbook = loadPlaybook();
  const logger = createSilentLogger();
  const { cases, asked: askedCases, labels } = loadCases();

  const offlineMs: number[] = [];
  for (const c of cases) {
    const t0 = performance.now();
    draftCase(c, playbook);
    offlineMs.push(performance.now() - t0);
  }

  async function run(script: (req: ScriptedRequest) => ScriptedReply, timeoutMs: number, sample: CaseInput[] = cases) {
    const server = await startScriptedServer(script);
    const llm = createLlm({ ...DEFAULT_LLM_SETTINGS, apiKey: 'test-key', baseURL: server.baseURL, model: 'scripted-1', timeoutMs, retries: 1, breakerFailures: 50 }, { sleep: async () => {} })!;
    // The first request of a process pays for loading the HTTP client and JIT (~300 ms): measured
    // apart; then one warm-up round opens the connection pool the cases will use.
    const w0 = performance.now();
    await llm.chat.complete({ prompt: llm.prompts['polish-reply'], user: 'warm-up' });
    const firstCallMs = performance.now() - w0;
    await Promise.all(Array.from({ length: CONCURRENCY * 2 }, () => llm.chat.complete({ prompt: llm.prompts['polish-reply'], user: 'warm-up' })));
    const before = server.requests.length;
    const perCase: number[] = [];
    let fallbacks = 0;
    let assisted = 0;
    let correct = 0;
    const t0 = performance.now();
    await runPool(sample, CONCURRENCY, async (c) => {
      const s = performance.now();
      const { draft, llm: audit } = await draftForCase(c, { playbook, logger, assist: llm.assist, polish: llm.polish });
      if (draft.category === labels.get(c.message)?.category) correct += 1;
      perCase.push(performance.now() - s);
      const assistFailed = String(audit?.classifyReason ?? '').startsWith('model_');
      if (audit?.polished !== 'llm' || assistFailed) fallbacks += 1;
      if (audit?.classifiedBy === 'llm' || audit?.classifiedBy === 'combined') assisted += 1;
    });
    const wall = performance.now() - t0;
    const calls = server.requests.length - before;
    await server.close();
    return { perCase, wall, fallbacks, assisted, calls, firstCallMs, correct };
  }

  // One untimed pass first: the JIT warms up on the drafting and verification code too.
  await run(honestModel(labels), 2000);
  const healthy = await run(honestModel(labels), 2000);
  const unsure = await run(honestModel(labels), 2000, askedCases);
  let n = 1 + CONCURRENCY * 2; // the warm-up calls come first
  const honest = honestModel(labels);
  const flaky = await run((req) => {
    n += 1;
    if (n % 4 === 0) return { status: 500, delayMs: LATENCY_MS };
    if (n % 7 === 0) return { content: 'late', delayMs: 1500 };
    return honest(req);
  }, 1000);

  // How often the assist would be asked at all, over the whole labelled corpus (no server needed).
  const corpus = ['train', 'heldout', 'blind'].flatMap((f) => readFileSync(join(ROOT, `test/fixtures/corpus/${f}.jsonl`), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Labelled));
  const asked = corpus.filter(assistAsked).length;

  const offlineMean = mean(offlineMs);
  return {
    cases: cases.length,
    latencyMs: LATENCY_MS,
    concurrency: CONCURRENCY,
    addedMsPerCaseMean: Math.round(mean(healthy.perCase) - offlineMean),
    addedMsPerCaseP95: Math.round(p95(healthy.perCase) - offlineMean),
    wallMsFor20: Math.round(healthy.wall),
    firstCallMs: Math.round(healthy.firstCallMs),
    callsPerCase: Math.round((healthy.calls / cases.length) * 100) / 100,
    unsureCases: askedCases.length,
    unsureAddedMsPerCaseMean: Math.round(mean(unsure.perCase) - offlineMean),
    unsureCallsPerCase: Math.round((unsure.calls / Math.max(1, askedCases.length)) * 100) / 100,
    unsureCategoryCorrectRules: askedCases.filter((c) => classify({ text: c.message, lang: c.lang }).category === labels.get(c.message)?.category).length,
    unsureCategoryCorrectWithLlm: unsure.correct,
    unsureAssistAdoptedRate: Math.round((unsure.assisted / Math.max(1, askedCases.length)) * 100) / 100,
    assistAskedRateCorpus: Math.round((asked / corpus.length) * 1000) / 1000,
    fallbackRateHealthy: Math.round((healthy.fallbacks / cases.length) * 100) / 100,
    flakyAddedMsPerCaseMean: Math.round(mean(flaky.perCase) - offlineMean),
    flakyAddedMsPerCaseP95: Math.round(p95(flaky.perCase) - offlineMean),
    fallbackRateFlaky: Math.round((flaky.fallbacks / cases.length) * 100) / 100,
  };
}
