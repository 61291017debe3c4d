import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/core/training/report.ts';
import type { Scorecard } from '../../src/core/training/score-transcript.ts';
import { openTrainingFile } from './open-training-file.ts';

function card(total: number, empathy: 1 | 2 | 3 | 4 | 5): Scorecard {
  return {
    scenario: 'missing-item-zh', total, violations: [], replyTimes: [], revealed: [],
    criteria: [{ id: 'empathy', score: empathy, evidence: 'x' }, { id: 'listening', score: 3, evidence: 'y' }],
    policy: { category: 'logistics', subtype: 'missing_item', rules: [], offers: [], shipping: { outbound: 'seller', return: 'none' }, escalate: false, approval: 'agent', reply: { lang: 'zh', text: '' }, checklist: [] },
  };
}

function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'settle-train-')), 'sub', 'settle.db');
}

describe('training store (SQLite file)', () => {
  it('keeps sessions and ratings across reopening the file, and reports progress per trainee', async () => {
    const path = tempDb();
    const a = openTrainingFile(path);
    await a.saveSession({ id: 's1', trainee: 'lin', scenarioId: 'missing-item-zh', lang: 'zh', mode: 'play', startedAt: '2026-11-24T01:00:00Z', scorecard: card(40, 2), transcript: [{ role: 'customer', text: '少发了' }] });
    await a.saveSession({ id: 's2', trainee: 'lin', scenarioId: 'missing-item-zh', lang: 'zh', mode: 'play', startedAt: '2026-11-24T02:00:00Z', scorecard: card(80, 5), transcript: [] });
    await a.saveSession({ id: 's3', trainee: 'amy', scenarioId: null, lang: 'en', mode: 'swap', startedAt: '2026-11-24T03:00:00Z', transcript: [] });
    await a.rate('s1', 'lin', 'self', { empathy: 4 }, new Date('2026-11-24T01:10:00Z'));
    await a.rate('s1', 'amy', 'peer', { empathy: 2, listening: 3 }, new Date('2026-11-24T01:20:00Z'));
    await a.rate('s1', 'amy', 'peer', { empathy: 3 }, new Date('2026-11-24T01:30:00Z'));
    await a.rate('s2', 'teacher', 'instructor', { listening: 2 }, new Date('2026-11-24T02:30:00Z'));
    await a.close();

    const b = openTrainingFile(path);
    expect((await b.getSession('s1')).transcript).toEqual([{ role: 'customer', text: '少发了' }]);
    const [amy, lin] = buildReport(await b.sessions(), await b.ratings());
    await b.close();
    expect(amy?.sessions).toBe(1);
    expect(lin).toMatchObject({ trainee: 'lin', sessions: 2, averageTotal: 60, totals: [40, 80], trend: 40 });
    expect(lin?.criteria.find((c) => c.id === 'empathy')).toEqual({ id: 'empathy', scored: 3.5, self: 4, peer: 3, instructor: null });
    expect(lin?.criteria.find((c) => c.id === 'listening')).toEqual({ id: 'listening', scored: 3, self: null, peer: 3, instructor: 2 });
  });

  it('refuses a rating outside 1–5 and an unknown session, and writes nothing', async () => {
    const path = tempDb();
    const s = openTrainingFile(path);
    await s.saveSession({ id: 's1', trainee: 'lin', scenarioId: null, lang: 'zh', mode: 'play', startedAt: '2026-11-24T01:00:00Z', transcript: [] });
    await expect(s.rate('s1', 'lin', 'self', { empathy: 6 }, new Date())).rejects.toThrow(/1–5/);
    await expect(s.rate('nope', 'lin', 'self', { empathy: 3 }, new Date())).rejects.toThrow(/no training session 'nope'/);
    expect(await s.ratings()).toEqual([]);
    await s.close();
  });

  it('keeps its training_* tables in the case file, from the shared migrations', async () => {
    const path = tempDb();
    await openTrainingFile(path).close();
    const db = new Database(path, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    db.close();
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['training_ratings', 'training_sessions', 'cases', 'schema_version']));
  });
});
