import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/adapters/console/parse-command.ts';

describe('console command line', () => {
  it.each([
    ['顾客说少发了一件', { kind: 'new', text: '顾客说少发了一件', bare: true }],
    ['/new --order T1001 少发了一件 白色', { kind: 'new', text: '少发了一件 白色', orderId: 'T1001' }],
    ['/new --lang en --order=A1 where is it', { kind: 'new', text: 'where is it', orderId: 'A1', lang: 'en' }],
    ['/as supervisor wang', { kind: 'as', role: 'supervisor', name: 'wang' }],
    ['/as agent 李雷', { kind: 'as', role: 'agent', name: '李雷' }],
    ['/answer 1 yes', { kind: 'answer', target: '1', value: 'yes' }],
    ['/answer c3 priceNow 49.9', { kind: 'answer', caseId: 'c3', target: 'priceNow', value: '49.9' }],
    ['/edit #4 offer 2 12.50', { kind: 'edit-offer', caseId: 'c4', offer: 2, amount: '12.50' }],
    ['/edit reply 亲，已为您补发。', { kind: 'edit-reply', text: '亲，已为您补发。' }],
    ['/approve c12', { kind: 'approve', caseId: 'c12' }],
    ['/approve', { kind: 'approve' }],
    ['/reject c2 duplicate of c1', { kind: 'reject', caseId: 'c2', reason: 'duplicate of c1' }],
    ['/queue mine', { kind: 'queue', mine: true, page: 1 }],
    ['/queue 3', { kind: 'queue', mine: false, page: 3 }],
    ['/queue mine 2', { kind: 'queue', mine: true, page: 2 }],
    ['/history', { kind: 'history' }],
    ['/label c4 price price_drop', { kind: 'label', caseId: 'c4', category: 'price', subtype: 'price_drop' }],
    ['/label other', { kind: 'label', category: 'other' }],
    ['   ', { kind: 'empty' }],
  ])('%s', (line, expected) => {
    expect(parseCommand(line)).toEqual(expected);
  });

  it.each(['/as boss wang', '/as agent', '/answer 1', '/edit offer x 1', '/reject c1', '/new --order', '/frobnicate', '/queue 0', '/queue next', '/label', '/label c1 a b c'])('refuses %s with a usage hint', (line) => {
    const r = parseCommand(line);
    expect(r.kind).toBe('error');
    if (r.kind === 'error') expect(r.message.length).toBeGreaterThan(10);
  });
});
