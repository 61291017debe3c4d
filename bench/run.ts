/**
 * `npm run bench` — prints figures, asserts nothing. Sections:
 *   core   the classifier model's load time and RSS delta (in a child started as Settle starts), classify median µs, classify and
 *          draft throughput (cases/s, one core) and p50/p99 latency over the labelled corpus
 *          repeated to ≥ 100 000 cases, and peak RSS;
 *   store, slack, llm, files, fuzz, kill   when those modules are present (bench/store.ts, bench/slack.ts, bench/llm.ts, bench/files.ts, bench/fuzz.ts, bench/kill.ts).
 * `npm run bench -- core` runs one section.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CaseInput, Lang } from '../src/core/types.ts';
import { loadPlaybook } from '../src/playbook/load-playbook.ts';
import { startNodeOptions } from './files.ts';

const ROOT = resolve(import.meta.dirname, '..');
const TARGET_CASES = 100_000;

interface CorpusLine { text: string; lang?: Lang }

function loadCorpus(): CorpusLine[] {
  const dirs = [join(ROOT, 'test/fixtures/corpus'), join(ROOT, 'test/fixtures/corpus/authors')];
  return dirs.flatMap((dir) => readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim()))
    .map((l) => JSON.parse(l) as CorpusLine));
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Times `fn` over `n` calls cycling through inputs; returns throughput and latency percentiles (ms). */
function measure<T>(inputs: T[], n: number, fn: (x: T) => unknown) {
  for (let i = 0; i < Math.min(2_000, n); i++) fn(inputs[i % inputs.length] as T); // warm-up (JIT)
  const lat = new Float64Array(n);
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    fn(inputs[i % inputs.length] as T);
    lat[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
  lat.sort();
  return { cases: n, perSecond: Math.round((n / totalMs) * 1000), p50Ms: percentile(lat, 50), p99Ms: percentile(lat, 99), maxMs: lat[n - 1] ?? NaN };
}

function sampleOrder(lang: Lang): CaseInput['order'] {
  return lang === 'zh'
    ? { id: 'B1', currency: 'CNY', items: [{ sku: 'TS-W', name: '白色T恤', unitPriceMinor: 5900, qty: 3 }], totalMinor: 17700, shippingFeeMinor: 0, freeShipping: true, region: '浙江', status: 'delivered', paidAt: '2026-11-18T10:00:00+08:00', deliveredAt: '2026-11-21T10:00:00+08:00', sevenDayReturn: true, warrantyMonths: 12 }
    : { id: 'B2', currency: 'USD', items: [{ sku: 'KT-1', name: 'Electric kettle', unitPriceMinor: 3999, qty: 1 }], totalMinor: 3999, shippingFeeMinor: 0, freeShipping: true, region: 'US', status: 'delivered', paidAt: '2026-11-10T10:00:00Z', deliveredAt: '2026-11-20T10:00:00Z', sevenDayReturn: true, warrantyMonths: 12 };
}

function fmt(r: Record<string, number>): string {
  return Object.entries(r).map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toFixed(4)}`).join('  ');
}

/**
 * The classifier model's load time and RSS delta, in a child started as `npm start` starts Settle
 * (this process runs under tsx, whose loader copies and transforms the 3 MB model file).
 */
function benchModelLoad(): void {
  const r = spawnSync(process.execPath, [...startNodeOptions(), join(ROOT, 'bin/run-built.js'), join(ROOT, 'bench/children/load-model.ts')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench model load: child failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { loadMs: number; rssBefore: number; rssAfter: number; buckets: number; classes: number };
  console.log(`  model     loadMs=${m.loadMs.toFixed(1)}  rssBeforeMiB=${(m.rssBefore / 1048576).toFixed(1)}  rssDeltaMiB=${((m.rssAfter - m.rssBefore) / 1048576).toFixed(1)}  buckets=${m.buckets}  classes=${m.classes}`);
}

async function benchCore(): Promise<void> {
  benchModelLoad();
  const { classify } = await import('../src/core/classify/classify.ts');
  const { draftCase } = await import('../src/core/settle-case.ts');
  const corpus = loadCorpus();
  const playbook = loadPlaybook(join(ROOT, 'playbooks'));
  const now = new Date('2026-11-24T02:00:00Z');
  const cases: CaseInput[] = corpus.map((c, i) => {
    const lang: Lang = c.lang ?? 'zh';
    return { id: `b${i}`, message: c.text, lang: c.lang, now, order: sampleOrder(lang), facts: {} };
  });
  console.log(`core: corpus of ${corpus.length} messages, repeated to ${TARGET_CASES} cases`);
  const cpu0 = process.cpuUsage();
  const cls = measure(corpus, TARGET_CASES, (c) => classify({ text: c.text, lang: c.lang }));
  const cpu = process.cpuUsage(cpu0);
  // CPU time per call (user + system) is what one core spends; wall-clock percentiles include waiting on a busy machine.
  const cpuUs = (cpu.user + cpu.system) / (TARGET_CASES + Math.min(2_000, TARGET_CASES));
  console.log(`  classify  medianUs=${(cls.p50Ms * 1000).toFixed(1)}  cpuUsPerCall=${cpuUs.toFixed(1)}  ${fmt(cls)}`);
  console.log(`  draft     ${fmt(measure(cases, TARGET_CASES, (c) => draftCase(c, playbook)))}`);
  console.log(`  peakRssMiB=${Math.round(process.resourceUsage().maxRSS / 1024)}`);
}

const OPTIONAL: Record<string, { file: string; fn: string }> = {
  store: { file: 'store.ts', fn: 'benchStore' },
  slack: { file: 'slack.ts', fn: 'benchSlack' },
  llm: { file: 'llm.ts', fn: 'benchLlm' },
  files: { file: 'files.ts', fn: 'benchFiles' },
  fuzz: { file: 'fuzz.ts', fn: 'benchFuzz' },
  kill: { file: 'kill.ts', fn: 'benchKill' },
};

async function main(): Promise<void> {
  const only = process.argv[2];
  if (!only || only === 'core') await benchCore();
  for (const [name, { file, fn }] of Object.entries(OPTIONAL)) {
    if (only && only !== name) continue;
    const path = join(ROOT, 'bench', file);
    if (!existsSync(path)) continue;
    const mod = (await import(path)) as Record<string, () => Promise<Record<string, number>>>;
    const run = mod[fn];
    if (!run) continue;
    console.log(`${name}:`);
    console.log(`  ${fmt(await run())}`);
  }
  console.log(`peakRssMiB=${Math.round(process.resourceUsage().maxRSS / 1024)}`);
}

await main();
