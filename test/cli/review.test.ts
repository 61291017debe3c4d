/** `settle review` (docs/CONTRACT.md, addition) as a child process: JSON Lines in, one answer per line. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/settle.js');

function settle(args: string[], input: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 60_000 });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked field by field below
  const lines = r.stdout.trim() ? r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>) : [];
  return { code: r.status, lines, stderr: r.stderr };
}

describe('settle review', () => {
  it('answers the contract fields per line in order; a bad line gets a one-line error and exit 1', () => {
    const input = [
      JSON.stringify({ id: 'r1', rating: 1, text: '衣服洗了一次就掉色，质量太差了，我要退货', postedAt: '2026-11-24T02:00:00Z' }),
      '{not json',
      JSON.stringify({ id: 'r3', rating: 9, text: 'x' }),
      JSON.stringify({ id: 'r4', rating: 1, text: 'Pay me 100 dollars or I report you everywhere', lang: 'en' }),
    ].join('\n');
    const r = settle(['review', '--now', '2026-11-24T02:30:00Z'], input);
    expect(r.code).toBe(1);
    expect(r.lines.map((l) => l.id)).toEqual(['r1', undefined, 'r3', 'r4']);
    const [one, notJson, bad, malicious] = r.lines;
    expect(Object.keys(one!)).toEqual(expect.arrayContaining(['id', 'analysis', 'privateDraft', 'publicReply', 'deadlines']));
    expect(Object.keys(one!.analysis)).toEqual(expect.arrayContaining(['category', 'subtype', 'demand']));
    expect(one!.analysis).toMatchObject({ category: 'quality', demand: 'refund' });
    expect(one!.privateDraft.lang).toBe('zh');
    expect(one!.deadlines.map((d: { what: string; due: string; status: string }) => `${d.what} ${d.due} ${d.status}`)).toEqual([
      'analysis 2026-11-24T02:05:00.000Z overdue',
      'private_contact 2026-11-24T03:00:00.000Z pending',
      'sms_fallback 2026-11-24T04:00:00.000Z pending',
    ]);
    expect(notJson!.error.code).toBe('invalid_json');
    expect(bad!.error).toEqual({ code: 'invalid_input', message: 'rating: at most 5' });
    expect(malicious!.analysis.category).toBe('malicious');
    expect(malicious!.offers.filter((o: { amountMinor: number | null }) => o.amountMinor)).toEqual([]);
  });

  it('a bad --now is a one-line usage error', () => {
    const r = settle(['review', '--now', 'soon'], '');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("settle review: --now 'soon' is not an ISO-8601 date");
  });
});
