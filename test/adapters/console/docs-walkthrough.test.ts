import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

/** The walk-through in docs/console.md must keep working as written. */
describe('docs/console.md walk-through', () => {
  it('its commands, run on a new store, give the flow the document shows', () => {
    const doc = readFileSync(join(ROOT, 'docs/console.md'), 'utf8');
    const block = doc.slice(doc.indexOf("$ printf '%s\\n'"));
    const commandText = block.slice(0, block.indexOf('| npx settle console'));
    const commands = [...commandText.matchAll(/'([^']+)'/g)].map((m) => m[1] as string).filter((c) => c !== '%s\\n');
    expect(commands.length).toBeGreaterThan(5);
    const shown = block.slice(block.indexOf('\n') + 1, block.indexOf('```'));

    const dir = mkdtempSync(join(tmpdir(), 'settle-docs-'));
    const env = { ...process.env, SETTLE_DB_PATH: join(dir, 'settle.db'), SETTLE_LOG_FILE: join(dir, 'settle.log') };
    const imported = spawnSync(process.execPath, ['bin/settle.js', 'orders', 'import', 'test/fixtures/orders/orders.csv'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(imported.status).toBe(0);
    const r = spawnSync(process.execPath, ['bin/settle.js', 'console'], { cwd: ROOT, env, input: commands.map((c) => `${c}\n`).join(''), encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1); // the document explains the one refused command
    const normalise = (t: string) => t.replace(/rel_[0-9a-f-]{36}/g, 'rel_ID').replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g, 'TIME').replace(/sha256:[0-9a-f]+/g, 'sha256:H');
    const actual = normalise(r.stdout);
    // Every prompt, outcome and history line of the document appears in the real run.
    const flow = normalise(shown).split('\n').filter((l) => / › |^✓|^✗|already released|^ {2}TIME {2}\w+/.test(l));
    expect(flow.length).toBeGreaterThan(10);
    for (const line of flow) expect(actual, line).toContain(line.replace(/ · playbook sha256:H$/, ''));
  });
});
