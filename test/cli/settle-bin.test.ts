/**
 * The `settle` command as a store's script uses it: a real child process, JSON Lines on stdin,
 * JSON Lines on stdout, exit codes per CONTRACT.md.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OFFER_KINDS } from '../../src/core/types.ts';

const BIN = resolve(import.meta.dirname, '../../bin/settle.js');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON answers, checked field by field below
type Answer = Record<string, any>;

function settle(args: string[], input: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 60_000 });
  const lines = r.stdout.trim() ? r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Answer) : [];
  return { code: r.status, lines, stderr: r.stderr };
}

const ORDER = { id: 'T1', currency: 'CNY', items: [{ sku: 'A', name: '卫衣', unitPrice: 129, qty: 1 }], total: 129, region: '浙江', status: 'delivered' };

describe('settle classify', () => {
  it('answers one line per input line, in order, and exits 1 when a line is bad', () => {
    const r = settle(['classify'], ['{"id":"a","text":"我买了三件只收到两件"}', 'not json', '{"id":"b","text":"The kettle leaks from the bottom."}'].join('\n'));
    expect(r.code).toBe(1);
    expect(r.lines.map((l) => l.id)).toEqual(['a', undefined, 'b']);
    expect(r.lines[0]).toMatchObject({ category: 'logistics', subtype: 'missing_item', lang: 'zh' });
    expect(r.lines[1]?.error.code).toBe('invalid_json');
    expect(r.lines[2]).toMatchObject({ category: 'quality', lang: 'en' });
  });

  it('exits 0 when every line is good, and 2 on a usage error', () => {
    expect(settle(['classify'], '{"id":"a","text":"谢谢亲"}\n').code).toBe(0);
    expect(settle(['classify', '--bogus'], '').code).toBe(2);
    expect(settle(['nope'], '').code).toBe(2);
  });
});

describe('settle draft', () => {
  it('drafts a contract-shaped answer for the smoke case (wrong item)', () => {
    const r = settle(['draft', '--now', '2026-11-24T10:00:00+08:00'], JSON.stringify({ id: 'c1', message: '发错货了,我要的是黑色的', order: ORDER }));
    expect(r.code).toBe(0);
    const d = r.lines[0]!;
    expect(d).toMatchObject({ id: 'c1', category: 'logistics', subtype: 'wrong_item', escalate: false });
    expect(d.rules).toContain('L-5');
    for (const o of d.offers) {
      expect(OFFER_KINDS).toContain(o.kind);
      expect(o.amountMinor === null || Number.isInteger(o.amountMinor)).toBe(true);
    }
    expect(d.reply.lang).toBe('zh');
    expect(d.reply.text.length).toBeGreaterThan(20);
    expect(d.questions.map((q: { fact: string }) => q.fact)).toContain('customerOrderedThis');
  });

  it('survives hostile input: empty, huge, emoji, wrong types, unknown fields', () => {
    const lines = [
      JSON.stringify({ id: 'empty', message: '' }),
      JSON.stringify({ id: 'huge', message: '退款'.repeat(25_000) }),
      JSON.stringify({ id: 'emoji', message: '😡😡😡 where is my parcel??? 🙄📦' }),
      JSON.stringify({ id: 'type', message: 'broken', order: { id: 'T', items: 'lots' } }),
      JSON.stringify({ id: 'extra', message: 'The lamp arrived broken', order: { ...ORDER, colour: 'red' } }),
      '{"id":"trunc", "message": "unterminated',
    ].join('\n');
    const r = settle(['draft'], lines);
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(6);
    const byId = (id: string) => r.lines.find((l) => l.id === id)!;
    expect(byId('empty').error).toEqual({ code: 'empty_message', message: expect.stringContaining('empty') });
    expect(byId('huge').error.code).toBe('message_too_long');
    expect(byId('emoji').reply.lang).toBe('en');
    expect(byId('type').error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('order.items') });
    expect(byId('extra').warnings).toEqual(['order.colour: unknown field, ignored']);
    expect(r.lines[5]!.error.code).toBe('invalid_json');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('stops with a clear message naming file and key when the playbook is broken', () => {
    const r = settle(['draft', '--playbook', resolve(import.meta.dirname, '../fixtures/playbooks/typo')], '{"id":"a","message":"x"}\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.json/);
    expect(r.lines).toEqual([]);
  });
});
