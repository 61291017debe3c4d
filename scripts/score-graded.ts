/**
 * Scores a graded transcript set and/or a tagged sentence set written by someone who never saw
 * the reader (docs/training.md, "Judging the scorer"):
 *
 *   node bin/run-ts.js scripts/score-graded.ts --graded FILE.jsonl [--sentences FILE.jsonl] [--playbook DIR] [--json]
 *
 * Graded lines: {"id","family","level" (excellent|decent|poor|awful),"lang","public"?,"case": <settle
 * draft input>,"turns":[{role,text,at?}],"breaches":[{"rule","quote"}]}.
 * Sentence lines: {"id","lang","public"?,"caseCategory","solved"?,"text","rules":[...]}.
 * Prints, per family, the totals by level and whether they are in strict order; the share of
 * tagged breaches found with the right rule ID; the violations on excellent/decent transcripts;
 * and precision/recall per rule on the sentences. Exit 1 when a file has a bad line.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isUserError } from '../src/core/errors.ts';
import {
  evaluateGraded, evaluateSentences, parseGradedLine, parseSentenceLine, type GradedReport, type SentenceReport,
} from '../src/core/training/grade-eval.ts';
import { loadPlaybook } from '../src/playbook/load-playbook.ts';
import { DEFAULT_SCENARIO_DIR, loadScenarios } from '../src/training/load-scenarios.ts';

const ROOT = resolve(import.meta.dirname, '..');

function readJsonl<T>(file: string, parse: (v: unknown, line: number) => T): T[] {
  return readFileSync(file, 'utf8').split('\n').flatMap((text, i) => {
    if (!text.trim()) return [];
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new Error(`${file} line ${i + 1}: not valid JSON`);
    }
    return [parse(value, i + 1)];
  });
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${Math.round((a / b) * 1000) / 10} %`);
const fig = (x: number | null) => (x === null ? '—' : x.toFixed(3));

function printGraded(r: GradedReport): string {
  const out: string[] = ['Graded transcripts', ''];
  for (const f of r.families) {
    const totals = (['excellent', 'decent', 'poor', 'awful'] as const).map((l) => `${l} ${f.totals[l] ?? '—'}`).join(' > ');
    out.push(`  ${f.strictOrder ? '✓' : '✗'} ${f.family} (${f.lang}): ${totals}`);
  }
  out.push('', `  families in strict order: ${r.familiesInOrder}/${r.families.length}`);
  out.push(`  tagged breaches found with the right rule ID: ${r.breachesFound}/${r.breachesTagged} (${pct(r.breachesFound, r.breachesTagged)})`);
  const missed = r.transcripts.flatMap((t) => t.breaches.filter((b) => !b.found));
  for (const b of missed) out.push(`    missed ${b.rule} in ${b.id}: "${b.quote}"`);
  out.push(`  violations on excellent/decent transcripts: ${r.falseViolations.length}`);
  for (const v of r.falseViolations) out.push(`    ${v.id} (${v.level}) ${v.rule}: "${v.quote}"`);
  return out.join('\n');
}

function printSentences(r: SentenceReport): string {
  const out: string[] = ['', `Agent sentences (${r.sentences})`, '', '  rule   tp  fp  fn  precision  recall'];
  for (const x of r.rules) out.push(`  ${x.rule.padEnd(5)} ${String(x.tp).padStart(3)} ${String(x.fp).padStart(3)} ${String(x.fn).padStart(3)}  ${fig(x.precision).padStart(9)}  ${fig(x.recall).padStart(6)}`);
  for (const m of r.misses) out.push(`    ${m.kind === 'missed' ? 'missed' : 'false '} ${m.rule} ${m.id}: "${m.text}"`);
  return out.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { graded: { type: 'string' }, sentences: { type: 'string' }, playbook: { type: 'string' }, json: { type: 'boolean' } } });
  if (!values.graded && !values.sentences) {
    console.error('usage: node bin/run-ts.js scripts/score-graded.ts --graded FILE.jsonl [--sentences FILE.jsonl] [--playbook DIR] [--json]');
    return 2;
  }
  try {
    const playbook = loadPlaybook(values.playbook ?? resolve(ROOT, 'playbooks'));
    const replySeconds = loadScenarios(DEFAULT_SCENARIO_DIR).settings.replySeconds;
    const graded = values.graded ? evaluateGraded(readJsonl(values.graded, parseGradedLine), playbook, { replySeconds, now: new Date() }) : undefined;
    const sentences = values.sentences ? evaluateSentences(readJsonl(values.sentences, parseSentenceLine)) : undefined;
    if (values.json) console.log(JSON.stringify({ graded, sentences }, null, 2));
    else console.log([graded ? printGraded(graded) : '', sentences ? printSentences(sentences) : ''].filter(Boolean).join('\n'));
    return 0;
  } catch (e) {
    if (isUserError(e) || (e instanceof Error && / line \d+:/.test(e.message))) {
      console.error(`score-graded: ${(e as Error).message}`);
      return 1;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
