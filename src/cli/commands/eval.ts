import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { classify } from '../../core/classify/classify.ts';
import { detectLang } from '../../core/classify/detect-lang.ts';
import { parseLabelledMessage, type LabelledMessage } from '../../core/classify/labelled-message.ts';
import { computeCalibration, computeMetricsByLang, type Metrics, type Outcome } from '../../core/classify/metrics.ts';
import { isUserError } from '../../core/errors.ts';
import type { Lang } from '../../core/types.ts';
import type { CliIO, Command } from '../io.ts';
import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_USAGE } from '../io.ts';

const HELP = `usage: settle eval FILE [--json] [--lang zh|en]

Classifies every line of a labelled JSON Lines file
  {"id", "text", "lang"?, "customer"?, "category", "subtype"}
and prints per-class precision / recall / F1, the confusion matrix, macro-F1 overall and per
language, malicious precision, the share of non-disputes read as disputes, and calibration:
expected calibration error (ECE) and a reliability table of confidence against accuracy. --lang keeps only messages of that language. --json prints
the figures as one JSON object. Bad lines are reported on stderr and make the exit code 1.
`;

interface BadLine {
  line: number;
  message: string;
}

/** `settle eval FILE` — figures for a labelled corpus (issue 2, item 6). */
export const evalCommand: Command = async (args, io) => {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { json: { type: 'boolean' }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (e) {
    return usageError(io, (e as Error).message);
  }
  if (parsed.values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file) return usageError(io, 'missing FILE (a labelled JSON Lines file)');
  if (extra.length > 0) return usageError(io, `unexpected argument '${extra[0]}'`);
  const langFilter = parsed.values.lang;
  if (langFilter !== undefined && langFilter !== 'zh' && langFilter !== 'en') return usageError(io, `--lang must be zh or en, not '${langFilter}'`);

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    io.stderr.write(`settle eval: cannot read '${file}': ${why}\n`);
    return EXIT_USAGE;
  }

  const { messages, bad } = readLabelled(text);
  for (const b of bad) io.stderr.write(`settle eval: ${file}:${b.line}: ${b.message}\n`);
  const outcomes = classifyAll(messages, io).filter((o) => !langFilter || o.lang === langFilter);
  const langDetect = messages.filter((m) => m.input.lang).map((m) => detectLang(m.input.text) === m.input.lang);
  const figures = computeMetricsByLang(outcomes);
  const calibration = computeCalibration(outcomes);
  const otherToDispute = otherReadAsDispute(outcomes);

  if (parsed.values.json) {
    const langDetection = { checked: langDetect.length, correct: langDetect.filter(Boolean).length };
    io.stdout.write(`${JSON.stringify({ file, lang: langFilter ?? null, ...figures, maliciousPrecision: figures.overall.perClass.malicious.precision, otherToDispute, calibration, langDetection, badLines: bad })}\n`);
  } else {
    io.stdout.write(formatReport(file, figures.overall, figures.byLang, langDetect, bad.length));
    io.stdout.write(formatCalibration(calibration, otherToDispute));
  }
  return bad.length > 0 ? EXIT_INPUT_ERROR : EXIT_OK;
};

function usageError(io: CliIO, message: string): number {
  io.stderr.write(`settle eval: ${message}\n\n${HELP}`);
  return EXIT_USAGE;
}

function readLabelled(text: string): { messages: LabelledMessage[]; bad: BadLine[] } {
  const messages: LabelledMessage[] = [];
  const bad: BadLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      bad.push({ line: i + 1, message: `not valid JSON: ${(e as Error).message}` });
      return;
    }
    try {
      messages.push(parseLabelledMessage(value));
    } catch (e) {
      if (!isUserError(e)) throw e;
      bad.push({ line: i + 1, message: e.message });
    }
  });
  return { messages, bad };
}

/** Classifies each message; a progress bar on stderr only when it is a terminal. */
function classifyAll(messages: readonly LabelledMessage[], io: CliIO): Outcome[] {
  const step = Math.max(1, Math.floor(messages.length / 50));
  const outcomes = messages.map((m, i) => {
    const c = classify(m.input);
    if (io.isTTY && (i % step === 0 || i === messages.length - 1)) io.stderr.write(progressBar(i + 1, messages.length));
    return { actual: m.category, predicted: c.category, actualSubtype: m.subtype, predictedSubtype: c.subtype, lang: (m.input.lang ?? c.lang) as Lang, confidence: c.confidence };
  });
  if (io.isTTY && messages.length > 0) io.stderr.write('\r\x1b[K');
  return outcomes;
}

function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
}

const f3 = (x: number): string => x.toFixed(3);

/** Share of non-disputes (`other`) read as a dispute; null when there are none. */
function otherReadAsDispute(outcomes: readonly Outcome[]): number | null {
  const others = outcomes.filter((o) => o.actual === 'other');
  return others.length ? others.filter((o) => o.predicted !== 'other').length / others.length : null;
}

function formatCalibration(c: ReturnType<typeof computeCalibration>, otherToDispute: number | null): string {
  const out = ['', `non-disputes read as disputes ${otherToDispute === null ? '-' : f3(otherToDispute)}`, `calibration ECE ${f3(c.ece)}   (reliability: confidence bin, messages, mean confidence, accuracy)`];
  for (const b of c.table) {
    if (b.count === 0) continue;
    out.push(`  ${b.lo.toFixed(1)}–${b.hi.toFixed(1)}${String(b.count).padStart(7)}${f3(b.confidence).padStart(8)}${f3(b.accuracy).padStart(8)}`);
  }
  return `${out.join('\n')}\n`;
}

function formatReport(file: string, overall: Metrics, byLang: Partial<Record<Lang, Metrics>>, langDetect: boolean[], badCount: number): string {
  const out: string[] = [];
  const langCounts = (['zh', 'en'] as const).filter((l) => byLang[l]).map((l) => `${l} ${byLang[l]?.count}`).join(', ');
  out.push(`settle eval ${file}: ${overall.count} messages${langCounts ? ` (${langCounts})` : ''}${badCount ? `, ${badCount} bad lines skipped` : ''}`, '');
  out.push(`${'class'.padEnd(11)}${'precision'.padStart(10)}${'recall'.padStart(8)}${'F1'.padStart(7)}${'support'.padStart(9)}`);
  for (const c of overall.confusion.labels) {
    const m = overall.perClass[c];
    out.push(`${c.padEnd(11)}${f3(m.precision).padStart(10)}${f3(m.recall).padStart(8)}${f3(m.f1).padStart(7)}${String(m.support).padStart(9)}`);
  }
  out.push('');
  const perLang = (['zh', 'en'] as const).filter((l) => byLang[l]).map((l) => `${l} ${f3(byLang[l]?.macroF1 ?? 0)}`).join(', ');
  out.push(`macro-F1            ${f3(overall.macroF1)}${perLang ? `   (${perLang})` : ''}`);
  out.push(`accuracy            ${f3(overall.accuracy)}   subtype accuracy ${f3(overall.subtypeAccuracy)}`);
  const mal = overall.perClass.malicious;
  out.push(`malicious precision ${f3(mal.precision)}   (${mal.predicted} predicted malicious, ${mal.support} labelled)`);
  if (langDetect.length) out.push(`language detection  ${f3(langDetect.filter(Boolean).length / langDetect.length)}   (${langDetect.filter(Boolean).length}/${langDetect.length})`);
  out.push('', 'confusion matrix (rows: labelled, columns: predicted)');
  const labels = overall.confusion.labels;
  const w = Math.max(...labels.map((l) => l.length)) + 1;
  out.push(`${''.padEnd(w)}${labels.map((l) => l.padStart(w)).join('')}`);
  overall.confusion.matrix.forEach((row, i) => out.push(`${(labels[i] as string).padEnd(w)}${row.map((n) => String(n).padStart(w)).join('')}`));
  return `${out.join('\n')}\n`;
}
