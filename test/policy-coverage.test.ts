/**
 * Every rule ID of POLICY.md §3 and every row of §4 must be named by a test title, so a
 * supervisor asking "where is L-5 checked?" finds the answer with grep. This reads the domain
 * document (docs/POLICY.md, a copy of ../shared/domain/POLICY.md) and the test sources.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

function testSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testSources(path);
    return name.endsWith('.test.ts') && name !== 'policy-coverage.test.ts' ? [readFileSync(path, 'utf8')] : [];
  });
}

/**
 * Test titles, approximately: every one-line string literal of three words or more in a test file
 * (`it('L-5 wrong item …')`, table rows' `name: '…'`). A bare `'L-5'` in an expected `rules`
 * array is data, not a title, so it does not count.
 */
const titles = testSources(join(ROOT, 'test'))
  .flatMap((src) => [...src.matchAll(/(['"`])((?:(?!\1)[^\n\\]|\\.)*)\1/g)].map((m) => m[2] ?? ''))
  .filter((literal) => literal.trim().split(/\s+/).length >= 3)
  .join('\n');
const policy = readFileSync(join(ROOT, 'docs/POLICY.md'), 'utf8');

const section3 = policy.slice(policy.indexOf('## 3.'), policy.indexOf('## 4.'));
const section4 = policy.slice(policy.indexOf('## 4.'), policy.indexOf('## 5.'));
const ruleIds = [...new Set([...section3.matchAll(/\*\*([LQPM]-\d+)/g)].map((m) => m[1] as string))];
const shippingRows = section4.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| situation') && !l.startsWith('|---'));

describe('POLICY.md coverage by tests', () => {
  it('finds the rules of §3 and the rows of §4 in the policy document', () => {
    expect(ruleIds.length).toBe(20);
    expect(shippingRows.length).toBe(6);
  });

  it.each(ruleIds)('rule %s is named by a test', (id) => {
    expect(titles).toMatch(new RegExp(`\\b${id}\\b`));
  });

  it.each(shippingRows.map((row, i) => [i + 1, row.split('|')[1]?.trim() ?? ''] as const))('§4 row %i (%s) is named by a test as "§4 row N"', (n) => {
    expect(titles).toMatch(new RegExp(`§4 row ${n}\\b`));
  });
});
