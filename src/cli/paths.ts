import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** The package root, so `settle` finds its bundled playbooks and prompts from any working directory. */
export const PACKAGE_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DEFAULT_PLAYBOOK_DIR = resolve(PACKAGE_ROOT, 'playbooks');
