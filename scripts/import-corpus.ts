/**
 * Imports corpus files written by independent authors into test/fixtures/corpus/authors/<author>.jsonl.
 *
 *   node bin/run-ts.js scripts/import-corpus.ts /path/to/a1.jsonl [/path/to/a2.jsonl …]
 *   … --out DIR      write DIR/<author>.jsonl instead (tests)
 *
 * Import every author's file in one run: duplicates are found across the files of that run.
 *
 * Each line must be a labelled message (labelled-message.ts: text, lang, category and a POLICY.md
 * §1 subtype of that category, '' for other) with an `author` field; `secondary`, `hard`, `tags`
 * and `customer` are kept. A line is rejected, with a one-line reason on stderr, when it is not
 * JSON, its labels are wrong, its author is missing, or its text (normalised) repeats a line
 * already kept — from any author, or from the old single-author files (train, heldout, blind,
 * blind2). Lines are written in input order, so re-importing the same files gives the same bytes.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseLabelledMessage } from '../src/core/classify/labelled-message.ts';
import { normalizeText } from '../src/core/classify/normalize.ts';
import { isUserError } from '../src/core/errors.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, 'test/fixtures/corpus');
const AUTHOR = /^[a-z][a-z0-9_-]{0,31}$/;

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const OUT = outAt >= 0 ? resolve(args[outAt + 1] ?? '.') : resolve(CORPUS, 'authors');
const files = outAt >= 0 ? args.filter((_, i) => i !== outAt && i !== outAt + 1) : args;
if (files.length === 0) {
  console.error('usage: node bin/run-ts.js scripts/import-corpus.ts [--out DIR] FILE.jsonl [FILE.jsonl …]');
  process.exit(2);
}

const key = (text: string): string => normalizeText(text).replace(/[\s\p{P}\p{S}]/gu, '');
const seen = new Map<string, string>();
const ids = new Set<string>();
for (const f of readdirSync(CORPUS).filter((n) => n.endsWith('.jsonl')).sort()) {
  for (const line of readFileSync(resolve(CORPUS, f), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const o = JSON.parse(line) as { id: string; text: string };
    seen.set(key(o.text), `${f}:${o.id}`);
    ids.add(o.id);
  }
}

const byAuthor = new Map<string, string[]>();
let rejected = 0;
for (const file of files) {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (!line) return;
    const where = `${basename(file)}:${i + 1}`;
    const reject = (why: string): void => {
      rejected++;
      console.error(`import-corpus: ${where}: ${why}`);
    };
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(line) as Record<string, unknown>;
    } catch {
      // The last line of a file still being written may be cut off.
      return reject(i >= lines.length - 2 ? 'not valid JSON (incomplete last line?)' : 'not valid JSON');
    }
    const author = obj.author;
    if (typeof author !== 'string' || !AUTHOR.test(author)) return reject(`author must be a short lower-case id, not ${JSON.stringify(author)}`);
    if (obj.lang !== 'zh' && obj.lang !== 'en') return reject(`lang must be zh or en, not ${JSON.stringify(obj.lang)}`);
    try {
      parseLabelledMessage(obj);
    } catch (e) {
      if (!isUserError(e)) throw e;
      return reject(e.message);
    }
    if (obj.secondary !== undefined && !(Array.isArray(obj.secondary) && obj.secondary.every((s) => ['logistics', 'quality', 'price', 'malicious'].includes(s as string)))) {
      return reject(`secondary must list dispute categories, not ${JSON.stringify(obj.secondary)}`);
    }
    const id = String(obj.id);
    if (ids.has(id)) return reject(`duplicate id ${id}`);
    const k = key(String(obj.text));
    const dup = seen.get(k);
    if (dup) return reject(`same text as ${dup}`);
    seen.set(k, `${author}:${id}`);
    ids.add(id);
    const list = byAuthor.get(author) ?? [];
    list.push(JSON.stringify(obj));
    byAuthor.set(author, list);
  });
}

mkdirSync(OUT, { recursive: true });
for (const [author, lines] of [...byAuthor].sort(([a], [b]) => a.localeCompare(b))) {
  writeFileSync(resolve(OUT, `${author}.jsonl`), `${lines.join('\n')}\n`);
  const zh = lines.filter((l) => (JSON.parse(l) as { lang: string }).lang === 'zh').length;
  console.log(`${author}: ${lines.length} lines (zh ${zh}, en ${lines.length - zh}) → ${resolve(OUT, `${author}.jsonl`)}`);
}
console.log(`rejected: ${rejected}`);
