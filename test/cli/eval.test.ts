import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

const HELDOUT = resolve(import.meta.dirname, '../fixtures/corpus/heldout.jsonl');

async function run(args: string[], isTTY = false): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c) => out.push(String(c)));
  stderr.on('data', (c) => err.push(String(c)));
  const io: CliIO = { stdin: Readable.from([]), stdout, stderr, isTTY, env: {} };
  const code = await main(['eval', ...args], io);
  return { code, out: out.join(''), err: err.join('') };
}

function tempFile(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'settle-eval-'));
  const file = join(dir, 'labelled.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('settle eval', () => {
  it('prints per-class figures, macro-F1 per language, malicious precision and the confusion matrix', async () => {
    const { code, out, err } = await run([HELDOUT]);
    expect(code).toBe(0);
    expect(err).toBe('');
    for (const c of ['logistics', 'quality', 'price', 'malicious', 'other']) expect(out).toMatch(new RegExp(`^${c} +\\d\\.\\d{3} +\\d\\.\\d{3} +\\d\\.\\d{3} +\\d+$`, 'm'));
    expect(out).toMatch(/^macro-F1 +\d\.\d{3} +\(zh \d\.\d{3}, en \d\.\d{3}\)$/m);
    expect(out).toMatch(/^malicious precision +\d\.\d{3}/m);
    expect(out).toContain('confusion matrix (rows: labelled, columns: predicted)');
    expect(out).toMatch(/^non-disputes read as disputes \d\.\d{3}$/m);
    expect(out).toMatch(/^calibration ECE \d\.\d{3}/m);
    expect(out).toMatch(/^ {2}0\.\d–(0\.\d|1\.0) +\d+ +\d\.\d{3} +\d\.\d{3}$/m);
  });

  it('--json carries the calibration: ECE and a reliability table that counts every message', async () => {
    const { out } = await run([HELDOUT, '--json']);
    const report = JSON.parse(out);
    expect(report.calibration.ece).toBeGreaterThanOrEqual(0);
    expect(report.calibration.ece).toBeLessThanOrEqual(1);
    expect(report.calibration.table.reduce((a: number, b: { count: number }) => a + b.count, 0)).toBe(report.overall.count);
    expect(report.otherToDispute).toBeGreaterThanOrEqual(0);
  });

  it('--json gives the same figures as data', async () => {
    const { code, out } = await run([HELDOUT, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    const lines = readFileSync(HELDOUT, 'utf8').split('\n').filter((l) => l.trim());
    expect(report.overall.count).toBe(lines.length);
    expect(report.overall.confusion.matrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(lines.length);
    // The accuracy gate is test/core/classify/gate.test.ts (held-out is training data now).
    expect(report.byLang.zh.count + report.byLang.en.count).toBe(lines.length);
    expect(report.maliciousPrecision).toBe(report.overall.perClass.malicious.precision);
    expect(report.badLines).toEqual([]);
  });

  it('--lang keeps only that language', async () => {
    const { out } = await run([HELDOUT, '--json', '--lang', 'en']);
    const report = JSON.parse(out);
    const en = readFileSync(HELDOUT, 'utf8').split('\n').filter((l) => l.trim() && JSON.parse(l).lang === 'en').length;
    expect(report.overall.count).toBe(en);
    expect(Object.keys(report.byLang)).toEqual(['en']);
  });

  it('reports bad lines with their line numbers, still scores the good ones, exits 1', async () => {
    const file = tempFile([
      '{"id":"a","text":"少发了一件","lang":"zh","category":"logistics","subtype":"missing_item"}',
      'not json',
      '{"id":"b","text":"hi","category":"weather","subtype":""}',
      '{"id":"c","text":"broken","category":"quality","subtype":"extortion"}',
      '{"id":"d","text":42,"category":"other","subtype":""}',
    ]);
    const { code, out, err } = await run([file]);
    expect(code).toBe(1);
    expect(out).toContain(': 1 messages');
    expect(out).toContain('4 bad lines skipped');
    expect(err).toMatch(/labelled\.jsonl:2: not valid JSON/);
    expect(err).toMatch(/labelled\.jsonl:3: category/);
    expect(err).toMatch(/labelled\.jsonl:4: subtype: 'extortion' is not a subtype of quality/);
    expect(err).toMatch(/labelled\.jsonl:5: text/);
  });

  it('a missing file is a usage error with a clear message', async () => {
    const { code, err } = await run(['/nonexistent/heldout.jsonl']);
    expect(code).toBe(2);
    expect(err).toContain("cannot read '/nonexistent/heldout.jsonl': no such file");
  });

  it.each([
    ['no FILE', [], 'missing FILE'],
    ['a bad --lang', [HELDOUT, '--lang', 'fr'], '--lang must be zh or en'],
    ['an unknown option', [HELDOUT, '--fast'], "Unknown option '--fast'"],
  ])('%s is a usage error (exit 2)', async (_name, args, message) => {
    const { code, err } = await run(args as string[]);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain('usage: settle eval FILE');
  });

  it('draws a progress bar on stderr only when it is a terminal', async () => {
    const tty = await run([HELDOUT], true);
    expect(tty.err).toMatch(/\[#+-*\] \d+\/\d+/);
    expect(tty.out).not.toContain('#');
    const pipe = await run([HELDOUT], false);
    expect(pipe.err).toBe('');
  });
});
