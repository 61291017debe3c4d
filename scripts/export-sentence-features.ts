/**
 * Writes the training rows of the sentence model (src/core/read-agent/sentence-model.ts) as JSON
 * lines on stdout, one per agent sentence: {id, source, lang, text, labels, x: [[bucket, value], …]},
 * the features from sentence-features.ts, so scripts/train_sentence_model.py never re-implements
 * extraction.
 *
 *   node bin/run-ts.js scripts/export-sentence-features.ts
 *
 * Sources (leave-one-source-out holds each out in turn):
 * - wt14: test/fixtures/training/agent-sentences.jsonl, written for the model in both languages;
 * - blind: sentences-blind.jsonl, the formerly sealed tagged sentences;
 * - example: sentences-example.jsonl;
 * - example: also graded-example.jsonl; graded: graded-blind.jsonl — each tagged breach quote of a reader rule is a
 *   positive sentence; every agent sentence of an excellent or decent transcript is a clean one;
 * - templates: every sentence of the bundled reply templates (playbooks/replies.*.json), clean —
 *   the playbook loader refuses a template the reader flags, so they are the clean side's anchor;
 * - t1, t2: t1-/t2-sentences.jsonl and t1-/t2-graded.jsonl, written by two more authors who saw only
 *   ../shared/domain (scored once before they were added: docs/training.md).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sentencesOf } from '../src/core/read-agent/normalize-text.ts';
import { SENTENCE_RULES, vectorizeSentence } from '../src/core/read-agent/sentence-features.ts';

const ROOT = resolve(import.meta.dirname, '..');
const FIX = resolve(ROOT, 'test/fixtures/training');
const lines = (file: string) => readFileSync(resolve(FIX, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);

interface Row { id: string; source: string; lang: string; text: string; labels: string[] }

function sentenceRows(file: string, source: string): Row[] {
  return lines(file).map((l) => ({ id: String(l.id), source, lang: String(l.lang), text: String(l.text), labels: (l.rules as string[]).filter((r) => (SENTENCE_RULES as readonly string[]).includes(r)) }));
}

function gradedRows(file: string, source: string): Row[] {
  const out: Row[] = [];
  for (const g of lines(file)) {
    const breaches = (g.breaches as { rule: string; quote: string }[]).filter((b) => (SENTENCE_RULES as readonly string[]).includes(b.rule));
    const byQuote = new Map<string, string[]>();
    for (const b of breaches) byQuote.set(b.quote, [...(byQuote.get(b.quote) ?? []), b.rule]);
    let i = 0;
    for (const [quote, rules] of byQuote) out.push({ id: `${String(g.id)}#b${++i}`, source, lang: String(g.lang), text: quote, labels: [...new Set(rules)] });
    if (g.level !== 'excellent' && g.level !== 'decent') continue;
    let k = 0;
    for (const t of g.turns as { role: string; text: string }[]) {
      if (t.role !== 'agent') continue;
      for (const s of sentencesOf(t.text)) if (s.text.trim()) out.push({ id: `${String(g.id)}#s${++k}`, source, lang: String(g.lang), text: s.text.trim(), labels: [] });
    }
  }
  return out;
}

function templateRows(source: string): Row[] {
  const out: Row[] = [];
  const walk = (node: unknown, lang: string, path: string): void => {
    if (typeof node === 'string') {
      let k = 0;
      for (const x of sentencesOf(node)) if (x.text.trim()) out.push({ id: `${path}#${++k}`, source, lang, text: x.text.trim(), labels: [] });
    } else if (Array.isArray(node)) node.forEach((n, i) => walk(n, lang, `${path}[${i}]`));
    else if (node && typeof node === 'object') for (const [key, v] of Object.entries(node)) if (key !== 'rules' && key !== 'lang') walk(v, lang, `${path}.${key}`);
  };
  for (const lang of ['zh', 'en']) walk(JSON.parse(readFileSync(resolve(ROOT, 'playbooks', `replies.${lang}.json`), 'utf8')), lang, `replies.${lang}`);
  return out;
}

const rows: Row[] = [...sentenceRows('agent-sentences.jsonl', 'wt14'), ...sentenceRows('sentences-blind.jsonl', 'blind'), ...sentenceRows('sentences-example.jsonl', 'example'),
    ...gradedRows('graded-blind.jsonl', 'graded'), ...gradedRows('graded-example.jsonl', 'example'),
    ...sentenceRows('t1-sentences.jsonl', 't1'), ...gradedRows('t1-graded.jsonl', 't1'), ...sentenceRows('t2-sentences.jsonl', 't2'), ...gradedRows('t2-graded.jsonl', 't2'), ...templateRows('templates')];
for (const r of rows) {
  const v = vectorizeSentence(r.text);
  process.stdout.write(`${JSON.stringify({ id: r.id, source: r.source, lang: r.lang, text: r.text, labels: r.labels, x: v.indices.map((i, j) => [i, v.values[j]]) })}\n`);
}
