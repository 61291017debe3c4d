/**
 * Build a playbook directory in a temp dir: the real playbooks/ files, overlaid with the files of
 * one fixture (test/fixtures/playbooks/<name>/), so fixtures hold only what they change.
 */
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function fixtureDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `settle-playbook-${name}-`));
  for (const f of readdirSync('playbooks')) if (f.endsWith('.json')) copyFileSync(join('playbooks', f), join(dir, f));
  const fx = join('test/fixtures/playbooks', name);
  for (const f of readdirSync(fx)) copyFileSync(join(fx, f), join(dir, f));
  return dir;
}
