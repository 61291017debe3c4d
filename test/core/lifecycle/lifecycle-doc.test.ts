/** docs/lifecycle.md's state diagram is the transition table: parsed, compared both ways. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIFECYCLE_ACTIONS, LIFECYCLE_STATES, LIFECYCLE_TABLE } from '../../../src/core/workflow/lifecycle.ts';

const doc = readFileSync(new URL('../../../docs/lifecycle.md', import.meta.url), 'utf8');

function diagramEdges(markdown: string): { from: string; to: string; label: string }[] {
  const block = /```mermaid\n(stateDiagram-v2\n[\s\S]*?)```/.exec(markdown)?.[1];
  if (!block) throw new Error('docs/lifecycle.md has no mermaid stateDiagram-v2 block');
  return block.split('\n').slice(1).map((l) => l.trim()).filter(Boolean).map((line) => {
    const m = /^(\S+) --> (\S+)(?:: (.+))?$/.exec(line);
    if (!m) throw new Error(`not a transition line: ${line}`);
    return { from: m[1]!, to: m[2]!, label: m[3] ?? '' };
  });
}

describe('docs/lifecycle.md', () => {
  const edges = diagramEdges(doc);
  const inner = edges.filter((e) => e.from !== '[*]' && e.to !== '[*]');

  it('draws exactly the rows of LIFECYCLE_TABLE, with the action and who may take it', () => {
    const drawn = inner.map((e) => {
      const m = /^(\w+) \((agent|supervisor)\)$/.exec(e.label);
      if (!m) throw new Error(`label "${e.label}" is not "action (role)"`);
      return `${e.from} --${m[1]}/${m[2]}--> ${e.to}`;
    });
    const table = LIFECYCLE_TABLE.map((t) => `${t.from} --${t.action}/${t.who}--> ${t.to}`);
    expect(drawn.sort()).toEqual(table.sort());
  });

  it('enters at released (the approval) and uses only known states and actions', () => {
    expect(edges.filter((e) => e.from === '[*]')).toEqual([{ from: '[*]', to: 'released', label: 'approve' }]);
    for (const e of inner) {
      expect(LIFECYCLE_STATES).toContain(e.from);
      expect(LIFECYCLE_STATES).toContain(e.to);
    }
    expect(new Set(LIFECYCLE_TABLE.map((t) => t.action))).toEqual(new Set(LIFECYCLE_ACTIONS));
  });

  it('would notice a row missing from the diagram', () => {
    const cut = doc.replace('    reopened --> executed: execute (agent)\n', '');
    const drawn = diagramEdges(cut).filter((e) => e.from !== '[*]' && e.to !== '[*]');
    expect(drawn).toHaveLength(LIFECYCLE_TABLE.length - 1);
  });
});
