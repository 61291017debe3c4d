/**
 * Writes the classifier's training rows for scripts/train_classifier.py, so Python never
 * re-implements feature extraction: one JSON object per line,
 *   {"id", "author", "lang", "label", "x": [[bucket, value], …], "input", "verdict", "malice", "tooShort", "remedyOnly", "remedyCandidate"}
 * where label is the subtype ('other' for non-disputes), x the hashed vector of features.ts and
 * input what `classify` reads (the training script copies a few into the fixture scores) and
 * verdict, malice and tooShort what classify.ts's post-rules read (features.ts), so the training
 * script's figures are those of the shipped decision.
 *
 *   node bin/run-ts.js scripts/export-features.ts train   > rows.jsonl   # the training corpus
 *   node bin/run-ts.js scripts/export-features.ts FILE…   > rows.jsonl   # any labelled files
 *
 * The training corpus is every file of test/fixtures/corpus/training.json, then every
 * test/fixtures/corpus/authors/*.jsonl; lines without an `author` take the file's author.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { extractFeatures, vectorize } from '../src/core/classify/features.ts';
import { parseLabelledMessage } from '../src/core/classify/labelled-message.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, 'test/fixtures/corpus');

interface Source { file: string; author: string }

/** The training files and their authors: training.json's list, then every authors/<author>.jsonl. */
function trainingSources(): Source[] {
  const table = JSON.parse(readFileSync(resolve(CORPUS, 'training.json'), 'utf8')) as { files: Source[] };
  const authors = readdirSync(resolve(CORPUS, 'authors')).filter((f) => f.endsWith('.jsonl')).sort();
  return [
    ...table.files.map((s) => ({ file: resolve(CORPUS, s.file), author: s.author })),
    ...authors.map((f) => ({ file: resolve(CORPUS, 'authors', f), author: basename(f, '.jsonl') })),
  ];
}

const args = process.argv.slice(2);
const sources: Source[] = args.length === 1 && args[0] === 'train'
  ? trainingSources()
  : args.map((f) => ({ file: resolve(f), author: basename(f, '.jsonl') }));
if (sources.length === 0) {
  console.error('usage: node bin/run-ts.js scripts/export-features.ts train | FILE.jsonl …');
  process.exit(2);
}

const out: string[] = [];
for (const { file, author } of sources) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const obj = JSON.parse(line) as Record<string, unknown>;
    const m = parseLabelledMessage(obj);
    const f = extractFeatures(m.input);
    const v = vectorize(f);
    const x = v.indices.map((i, k) => [i, v.values[k]]);
    const lang = m.input.lang ?? 'en';
    const input = { text: m.input.text, lang, ...(m.input.customer ? { customer: m.input.customer } : {}) };
    out.push(JSON.stringify({ id: m.id, author: typeof obj.author === 'string' ? obj.author : author, lang, label: m.subtype || 'other', x, input, verdict: f.verdict?.subtype ?? null, malice: f.maliceEvidence, tooShort: f.tooShort, remedyOnly: f.remedyOnly, remedyCandidate: f.remedyCandidate }));
  }
}
process.stdout.write(`${out.join('\n')}\n`);
