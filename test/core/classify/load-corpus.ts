/** Reads a labelled corpus file of test/fixtures/corpus through the same parser `settle eval` uses. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseLabelledMessage, type LabelledMessage } from '../../../src/core/classify/labelled-message.ts';

export const CORPUS_DIR = resolve(import.meta.dirname, '../../fixtures/corpus');

export function loadCorpus(name: 'train' | 'heldout' | 'blind' | 'blind2'): LabelledMessage[] {
  return readFileSync(resolve(CORPUS_DIR, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => parseLabelledMessage(JSON.parse(l)));
}
