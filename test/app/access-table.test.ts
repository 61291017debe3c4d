/** docs/access.md's action × role table is the code's table, cell for cell. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ACCESS_ACTIONS, ACCESS_COLUMNS, ACCESS_TABLE } from '../../src/app/access.ts';

const doc = readFileSync(fileURLToPath(new URL('../../docs/access.md', import.meta.url)), 'utf8');

function documentedTable(): { header: string[]; rows: Map<string, string[]> } {
  const block = /<!-- access-table:start -->\n([\s\S]*?)<!-- access-table:end -->/.exec(doc)?.[1] ?? '';
  const lines = block.trim().split('\n').map((l) => l.replace(/^\||\|$/g, '').split('|').map((c) => c.trim()));
  const [header = [], , ...body] = lines;
  return { header, rows: new Map(body.map((cells) => [cells[0] ?? '', cells.slice(1)])) };
}

describe('docs/access.md ↔ src/app/access.ts', () => {
  it('has the same columns and one row per action, in order', () => {
    const { header, rows } = documentedTable();
    expect(header).toEqual(['action', ...ACCESS_COLUMNS]);
    expect([...rows.keys()]).toEqual([...ACCESS_ACTIONS]);
  });

  it.each(ACCESS_ACTIONS.map((a) => [a]))('%s: every cell matches', (action) => {
    const { rows } = documentedTable();
    expect(rows.get(action)).toEqual(ACCESS_COLUMNS.map((c) => ACCESS_TABLE[action][c]));
  });
});
