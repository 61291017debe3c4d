/** `settle score` per CONTRACT.md: transcripts in, scorecards out, one per line, as a child process. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/settle.js');

function settle(args: string[], input: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 60_000 });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked field by field below
  const lines = r.stdout.trim() ? r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>) : [];
  return { code: r.status, lines, stderr: r.stderr };
}

interface Pair { criterion: string; lang: string; good: { scenario: string; turns: unknown[] }; bad: { scenario: string; turns: unknown[] } }
const pairs = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/training/criteria-pairs.json'), 'utf8')) as Pair[];
const taboo = pairs.find((p) => p.criterion === 'taboo' && p.lang === 'zh')!;

describe('settle score', () => {
  it('answers {id, total, criteria, violations} per line, in order; a bad line gets an error line and exit 1', () => {
    const input = [
      JSON.stringify({ id: 'good', scenario: taboo.good.scenario, lang: 'zh', turns: taboo.good.turns }),
      'not json',
      JSON.stringify({ id: 'no-turns', scenario: 'missing-item-zh', turns: [] }),
      JSON.stringify({ id: 'unknown', scenario: 'no-such-scenario', turns: taboo.good.turns }),
      JSON.stringify({ id: 'bad', scenario: taboo.bad.scenario, lang: 'zh', turns: taboo.bad.turns }),
    ].join('\n');
    const r = settle(['score'], input);
    expect(r.code).toBe(1);
    expect(r.lines.map((l) => l.id)).toEqual(['good', undefined, 'no-turns', 'unknown', 'bad']);
    const [good, notJson, noTurns, unknown, bad] = r.lines;
    expect(good?.criteria.map((c: { id: string }) => c.id)).toEqual(['empathy', 'listening', 'analysis', 'solution', 'commitment', 'taboo', 'compliance', 'privacy', 'timeliness']);
    for (const c of good?.criteria ?? []) {
      expect(c.score).toBeGreaterThanOrEqual(1);
      expect(c.score).toBeLessThanOrEqual(5);
      expect(typeof c.evidence).toBe('string');
    }
    expect(good?.total).toBeGreaterThan(bad?.total);
    expect(good?.violations).toEqual([]);
    expect(bad?.violations).toContainEqual({ rule: 'T-3', quote: '没办法' });
    expect(notJson?.error.code).toBe('invalid_json');
    expect(noTurns?.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('turns') });
    expect(unknown?.error).toMatchObject({ code: 'not_found', message: expect.stringContaining('no-such-scenario') });
  });

  it('scores a transcript with no scenario and no timestamps, exit 0', () => {
    const line = { id: 7, lang: 'en', turns: [
      { role: 'customer', text: 'My parcel arrived crushed and the vase inside is broken.' },
      { role: 'agent', text: "I'm so sorry your vase arrived broken, that's really upsetting. I'll reship a new one today and send you the tracking number within 1 hour." },
    ] };
    const r = settle(['score', '--now', '2026-11-24T10:00:00Z'], `${JSON.stringify(line)}\n`);
    expect(r.code).toBe(0);
    expect(r.lines[0]).toMatchObject({ id: '7', violations: [] });
    expect(r.lines[0]?.criteria.find((c: { id: string }) => c.id === 'empathy').score).toBe(5);
  });

  it('usage errors exit 2', () => {
    expect(settle(['score', '--bogus'], '').code).toBe(2);
    expect(settle(['score', '--scenarios', '/nonexistent-dir'], '').code).toBe(2);
  });
});
