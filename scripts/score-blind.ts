/**
 * Scores the classifier on labelled blind sets the way issue 11 asks, through the public
 * `settle classify` command (JSON Lines in and out, the store's playbook, no label passed in):
 *
 *   node bin/run-ts.js scripts/score-blind.ts test/fixtures/corpus/blind-e.jsonl [more.jsonl …] [--json]
 *
 * Per file and pooled: macro-F1 overall and per language, per-class P/R/F1, subtype accuracy where
 * the category is right, malicious precision and recall, the share of non-disputes read as
 * disputes, and the hard lines' accuracy. Lines: {id, text, lang, category, subtype, hard?, customer?}.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { computeMetrics, type Outcome } from '../src/core/classify/metrics.ts';
import { CATEGORIES, type Category } from '../src/core/types.ts';

interface Line { id: string; text: string; lang: 'zh' | 'en'; category: string; subtype: string; hard?: boolean; customer?: object }
interface Answer { id: string; category?: string; subtype?: string; error?: unknown }
interface Scored { line: Line; got: Answer }

const CATS = CATEGORIES;
// SETTLE_BIN scores another checkout's settle (e.g. the release before a change) on the same file.
const BIN = process.env.SETTLE_BIN ? resolve(process.env.SETTLE_BIN) : resolve(import.meta.dirname, '../bin/settle.js');

function classifyAll(lines: Line[]): Scored[] {
  const input = lines.map((l) => JSON.stringify({ id: l.id, text: l.text, ...(l.customer ? { customer: l.customer } : {}) })).join('\n');
  const r = spawnSync(process.execPath, [BIN, 'classify'], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  const answers = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Answer);
  if (answers.length !== lines.length) throw new Error(`settle classify answered ${answers.length} of ${lines.length} lines: ${r.stderr}`);
  return lines.map((line, i) => ({ line, got: answers[i]! }));
}

/** The classifier's own figures (src/core/classify/metrics.ts), plus what issue 11 asks beyond them. */
function summarise(rows: Scored[]) {
  const outcomes: Outcome[] = rows.map((s) => ({ actual: s.line.category as Category, predicted: (s.got.category ?? 'other') as Category, actualSubtype: s.line.subtype, predictedSubtype: s.got.subtype ?? '', lang: s.line.lang }));
  const m = computeMetrics(outcomes);
  const rightCat = rows.filter((s) => s.line.category === s.got.category && s.line.category !== 'other');
  const others = rows.filter((s) => s.line.category === 'other');
  const hard = rows.filter((s) => s.line.hard);
  return {
    lines: m.count,
    accuracy: m.accuracy,
    macroF1: m.macroF1,
    perClass: m.perClass,
    subtypeAccuracyWhereCategoryRight: rightCat.filter((s) => s.line.subtype === s.got.subtype).length / (rightCat.length || 1),
    maliciousPrecision: m.perClass.malicious.precision,
    maliciousRecall: m.perClass.malicious.recall,
    maliciousLines: m.perClass.malicious.support,
    otherReadAsDispute: others.filter((s) => s.got.category !== 'other').length / (others.length || 1),
    hardLines: hard.length,
    hardAccuracy: hard.filter((s) => s.line.category === s.got.category).length / (hard.length || 1),
  };
}

function report(name: string, rows: Scored[]) {
  return { name, all: summarise(rows), zh: summarise(rows.filter((s) => s.line.lang === 'zh')), en: summarise(rows.filter((s) => s.line.lang === 'en')) };
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const files = args.filter((a) => !a.startsWith('--'));
if (files.length === 0) {
  process.stderr.write('usage: node bin/run-ts.js scripts/score-blind.ts FILE.jsonl [FILE.jsonl …] [--json]\n');
  process.exit(2);
}
const all: Scored[] = [];
const reports = files.map((f) => {
  const lines = readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Line);
  const rows = classifyAll(lines);
  all.push(...rows);
  return report(f, rows);
});
if (files.length > 1) reports.push(report('pooled', all));
if (json) {
  process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
} else {
  const pct = (x: number) => x.toFixed(3);
  for (const r of reports) {
    process.stdout.write(`\n${r.name}\n`);
    for (const k of ['all', 'zh', 'en'] as const) {
      const m = r[k];
      process.stdout.write(`  ${k.padEnd(3)} n=${String(m.lines).padStart(4)}  macro-F1 ${pct(m.macroF1)}  acc ${pct(m.accuracy)}  subtype|cat ${pct(m.subtypeAccuracyWhereCategoryRight)}  malicious P ${pct(m.maliciousPrecision)} R ${pct(m.maliciousRecall)} (n=${m.maliciousLines})  other→dispute ${pct(m.otherReadAsDispute)}  hard acc ${pct(m.hardAccuracy)} (n=${m.hardLines})\n`);
    }
    process.stdout.write(`  per class: ${CATS.map((c) => `${c} P ${pct(r.all.perClass[c].precision)} R ${pct(r.all.perClass[c].recall)} F1 ${pct(r.all.perClass[c].f1)}`).join(' · ')}\n`);
  }
}
