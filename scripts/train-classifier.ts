/**
 * Trains the naive Bayes fallback of the classifier from the TRAIN split of the corpus and writes
 * src/core/classify/nb-model.generated.ts; then scores lexicon-only, model-only and the hybrid
 * (what `classify` ships) on every labelled file, so the choice between them is made on figures.
 *
 *   node bin/run-ts.js scripts/train-classifier.ts            # train, write, compare
 *   node bin/run-ts.js scripts/train-classifier.ts --check    # fail if the committed model is stale
 *
 * Deterministic: same corpus in, byte-identical model out. Malicious messages are left out of the
 * training set: the model never decides `malicious`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseLabelledMessage, type LabelledMessage } from '../src/core/classify/labelled-message.ts';
import { computeMetricsByLang, type Outcome } from '../src/core/classify/metrics.ts';
import { NaiveBayes } from '../src/core/classify/naive-bayes.ts';
import { normalizeText } from '../src/core/classify/normalize.ts';
import { renderModelModule, trainNaiveBayes } from '../src/core/classify/train-naive-bayes.ts';
import { categoryOf, type Subtype } from '../src/core/types.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, 'test/fixtures/corpus');
const OUT = resolve(ROOT, 'src/core/classify/nb-model.generated.ts');
/** Folds of the cross-validation that reports how the model alone generalises within TRAIN. */
const FOLDS = 5;

function load(name: string): LabelledMessage[] {
  return readFileSync(resolve(CORPUS, `${name}.jsonl`), 'utf8').split('\n').filter((l) => l.trim()).map((l) => parseLabelledMessage(JSON.parse(l)));
}

/** Model-only k-fold cross-validation on TRAIN (malicious left out, as in training). */
function crossValidate(messages: LabelledMessage[]): number {
  const usable = messages.filter((m) => m.category !== 'malicious');
  const outcomes: Outcome[] = [];
  for (let k = 0; k < FOLDS; k++) {
    const nb = new NaiveBayes(trainNaiveBayes(usable.filter((_, i) => i % FOLDS !== k)));
    usable.forEach((m, i) => {
      if (i % FOLDS !== k) return;
      const p = nb.predict(normalizeText(m.input.text));
      const subtype = p.label === 'other' ? '' : p.label;
      outcomes.push({ actual: m.category, predicted: subtype ? categoryOf(subtype as Subtype) : 'other', actualSubtype: m.subtype, predictedSubtype: subtype, lang: m.input.lang ?? 'en' });
    });
  }
  return computeMetricsByLang(outcomes).overall.macroF1;
}
const model = trainNaiveBayes(load('train'));
const text = renderModelModule(model);
if (process.argv.includes('--check')) {
  const current = readFileSync(OUT, 'utf8');
  if (current !== text) {
    console.error('nb-model.generated.ts is stale: run node bin/run-ts.js scripts/train-classifier.ts');
    process.exit(1);
  }
  console.log('nb-model.generated.ts is up to date');
  process.exit(0);
}
writeFileSync(OUT, text);
console.log(`wrote ${OUT}: ${model.classes.length} classes, ${model.vocabularySize} features, ${(text.length / 1024).toFixed(0)} KiB`);
console.log(`model alone, ${FOLDS}-fold cross-validation on train (no malicious): macro-F1 ${crossValidate(load('train')).toFixed(3)}`);

// Imported only now, so it sees the model just written.
const { classifyWith } = await import('../src/core/classify/classify.ts');
const modes = { lexicon: { lexicon: true, model: false }, model: { lexicon: false, model: true }, hybrid: { lexicon: true, model: true } } as const;
for (const split of ['train', 'heldout', 'blind', 'blind2']) {
  const messages = load(split);
  const row = Object.entries(modes).map(([name, options]) => {
    const outcomes: Outcome[] = messages.map((m) => {
      const c = classifyWith(m.input, options);
      return { actual: m.category, predicted: c.category, actualSubtype: m.subtype, predictedSubtype: c.subtype, lang: m.input.lang ?? c.lang };
    });
    const { overall, byLang } = computeMetricsByLang(outcomes);
    const f = (x: number | undefined): string => (x ?? 0).toFixed(3);
    return `${name} macro-F1 ${f(overall.macroF1)} (zh ${f(byLang.zh?.macroF1)}, en ${f(byLang.en?.macroF1)}) acc ${f(overall.accuracy)} mal-P ${f(overall.perClass.malicious.precision)}`;
  });
  console.log(`${split.padEnd(8)} n=${messages.length}\n  ${row.join('\n  ')}`);
}
