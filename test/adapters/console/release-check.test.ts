/**
 * Through the console: an edited reply with any release breach, or with money written in any
 * form that no offer backs, is refused with the rule and the quote; the draft is kept as it was
 * and a supervisor can still release it.
 */
import { PassThrough, Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { runConsole } from '../../../src/adapters/console/run-console.ts';
import { openDesk, type DeskFixture } from '../../app/desk-fixture.ts';
import { AMOUNT_FORMS, BREACHES, EXTORTION_BREACHES } from '../../core/read-agent/release-breaches.ts';

let fx: DeskFixture;
afterEach(async () => {
  await fx?.store.close();
});

async function session(lines: string[]): Promise<{ out: string; errors: number }> {
  const input = new PassThrough();
  let out = '';
  const output = new Writable({ write(c, _e, cb) { out += String(c); cb(); } });
  input.end(lines.map((l) => `${l}\n`).join(''));
  const r = await runConsole({ desk: fx.desk, input, output, interactive: false, color: false, width: 200, logger: pino({ level: 'silent' }), getOrder: (id) => fx.store.getOrder(id), clock: () => new Date('2026-11-24T04:30:00Z') });
  return { out, errors: r.errors };
}

describe('console: release check', () => {
  it('refuses every breach and every way of writing unbacked money, then releases the untouched draft', async () => {
    fx = await openDesk();
    const { out, errors } = await session([
      '/as supervisor wang',
      '/new --order T1003 耳机外壳有一点划痕，小瑕疵，不影响使用',
      ...BREACHES.map((b) => `/edit c1 reply ${b.text}`),
      ...AMOUNT_FORMS.map((f) => `/edit c1 reply 非常抱歉给您带来不便。${f}`),
      '/new --order T1001 不给我赔500块我就给你们差评，天天投诉你们',
      ...EXTORTION_BREACHES.map((b) => `/edit c2 reply ${b.text}`),
      '/as supervisor chen',
      '/show c1', // an approver approves the revision they saw (issue 13)
      '/approve c1',
    ]);
    const refusals = out.split('\n').filter((l) => l.includes('(release_refused)'));
    expect(refusals).toHaveLength(BREACHES.length + AMOUNT_FORMS.length + EXTORTION_BREACHES.length);
    for (const b of [...BREACHES, ...EXTORTION_BREACHES]) expect({ b, found: refusals.some((l) => l.includes(`（${b.rule}）`) && l.includes(b.text.normalize("NFKC").slice(0, 6))) }).toEqual({ b, found: true });
    expect(out).toContain('“我们会退您¥5,000现金。”');
    expect(refusals.join('\n')).not.toContain('110101199003074514');
    expect(errors).toBe(refusals.length);
    expect(out).toContain('✓ c1 released');
    expect((await fx.desk.get('c1')).revision).toBe(1);
  });
});
