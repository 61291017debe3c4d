import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { loadConfig } from '../config.ts';

/** The package root, so `settle` finds its bundled playbooks and prompts from any working directory. */
export const PACKAGE_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DEFAULT_PLAYBOOK_DIR = resolve(PACKAGE_ROOT, 'playbooks');

/**
 * The playbook folder a command uses: its `--playbook` flag, else SETTLE_PLAYBOOK_DIR (read
 * through the config, like every key), else the bundled playbooks. Throws UserError('config_invalid').
 */
export function playbookDirFor(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag ?? loadConfig(env).playbookDir ?? DEFAULT_PLAYBOOK_DIR;
}
