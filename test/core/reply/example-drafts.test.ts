/**
 * docs/example-drafts.md is real output: it must be byte-identical to what the pipeline drafts
 * today (`node bin/run-ts.js scripts/example-drafts.ts > docs/example-drafts.md` regenerates it).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, renderExampleDrafts } from '../../../scripts/example-drafts.ts';

const DOC = resolve(import.meta.dirname, '../../../docs/example-drafts.md');

describe('docs/example-drafts.md', () => {
  it('is exactly the current output of scripts/example-drafts.ts (regenerate it when this fails)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(renderExampleDrafts());
  });

  it('holds a case for each rule of issue 15: L-1 penalty and variant, L-3 ×3, L-6, L-8, Q-5 ×3, P-2, §4 rows 1/5/6, M-2, safety', () => {
    const titles = EXAMPLES.map((e) => e.title).join('\n');
    for (const id of ['L-1', 'L-3', 'L-6', 'L-8', 'Q-5', 'P-2', '§4 row 1', '§4 row 5', '§4 row 6', 'M-2', 'safety']) expect(titles).toContain(id);
  });
});
