/**
 * Reads the role-play scenarios from disk: `_training.json` (shared settings and the customer's
 * default lines) and every other `*.json` in the folder, one scenario per file, validated with
 * zod. A bad file stops with its name, the key and the reason (UserError 'playbook_invalid').
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename, join, resolve } from 'node:path';
import { formatFileIssues } from '../core/playbook/format-issues.ts';
import { UserError } from '../core/errors.ts';
import type { Scenario, TrainingSettings } from '../core/training/scenario.ts';
import { parseScenario, trainingSettingsSchema } from '../core/training/scenario.ts';
import type { Lang } from '../core/types.ts';

/** The bundled scenarios, found from this file so `settle train` works from any directory. */
export const DEFAULT_SCENARIO_DIR = resolve(fileURLToPath(new URL('../../playbooks/scenarios', import.meta.url)));
export const SETTINGS_FILE = '_training.json';

export interface ScenarioLibrary {
  dir: string;
  settings: TrainingSettings;
  scenarios: Scenario[];
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError('playbook_invalid', `${basename(path)}: cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { file: path });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UserError('playbook_invalid', `${basename(path)}: not valid JSON: ${(e as Error).message}`, { file: path });
  }
}

/**
 * The scenario folder that goes with a playbook folder: its `scenarios/` when it has one (a store
 * that copied the bundled playbooks), else the bundled scenarios (a store that changed only its
 * numbers still trains). No playbook folder → the bundled scenarios.
 */
export function scenarioDirOf(playbookDir: string | undefined): string {
  if (!playbookDir) return DEFAULT_SCENARIO_DIR;
  const own = join(playbookDir, 'scenarios');
  return existsSync(own) ? own : DEFAULT_SCENARIO_DIR;
}

/** Loads and validates every scenario in `dir`; ids must be unique. */
export function loadScenarios(dir: string = DEFAULT_SCENARIO_DIR): ScenarioLibrary {
  const settingsJson = readJson(join(dir, SETTINGS_FILE));
  const parsed = trainingSettingsSchema.safeParse(settingsJson);
  if (!parsed.success) {
    const lines = formatFileIssues(SETTINGS_FILE, parsed.error.issues, settingsJson, trainingSettingsSchema);
    throw new UserError('playbook_invalid', lines.join('\n'), { file: SETTINGS_FILE, problems: lines });
  }
  const settings = parsed.data;
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('_')).sort();
  const scenarios: Scenario[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const scenario = parseScenario(readJson(join(dir, file)), settings, file);
    const other = seen.get(scenario.id);
    if (other) throw new UserError('playbook_invalid', `${file}: id: '${scenario.id}' is also the id of ${other}`, { file });
    seen.set(scenario.id, file);
    scenarios.push(scenario);
  }
  return { dir, settings, scenarios };
}

/** The scenario with this id, or UserError 'not_found' listing the ids there are. */
export function findScenario(library: ScenarioLibrary, id: string): Scenario {
  const s = library.scenarios.find((x) => x.id === id);
  if (!s) throw new UserError('not_found', `no scenario '${id}'; known: ${library.scenarios.map((x) => x.id).join(', ')}`);
  return s;
}

/** Scenarios in one language (all when `lang` is undefined). */
export function scenariosIn(library: ScenarioLibrary, lang?: Lang): Scenario[] {
  return lang ? library.scenarios.filter((s) => s.lang === lang) : library.scenarios;
}
