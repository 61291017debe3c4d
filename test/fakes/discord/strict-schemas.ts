/**
 * The `discord-api-spec` zod schemas in strict mode (unknown keys rejected).
 *
 * The package builds every schema at import time with `z.object`; its `setStrictObject(true)`
 * only affects schemas created after the call, i.e. none. So we load a copy of the generated
 * module with `z.strictObject` swapped in, written to a temp dir and imported from there. The
 * schemas themselves are untouched: this is Discord's published OpenAPI spec, only stricter.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A zod-mini schema, as much of it as the fake needs. */
export interface SpecSchema {
  safeParse(data: unknown): { success: true } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

export type StrictSpec = Record<string, SpecSchema>;

let loading: Promise<StrictSpec> | undefined;

/** Loads (once per process) the strict copy of `discord-api-spec/zod`. */
export function loadStrictSpec(): Promise<StrictSpec> {
  loading ??= importStrictCopy();
  return loading;
}

async function importStrictCopy(): Promise<StrictSpec> {
  const modules = findNodeModules(path.dirname(fileURLToPath(import.meta.url)));
  const source = fs.readFileSync(path.join(modules, 'discord-api-spec/build/discord-api-spec.zod.js'), 'utf8');
  const zodMini = pathToFileURL(path.join(modules, 'zod/mini/index.js')).href;
  const marker = 'let zObject = z.object;';
  if (!source.includes(marker)) throw new Error('discord-api-spec layout changed: cannot make its schemas strict');
  const strict = source
    .replace(marker, 'let zObject = z.strictObject;')
    .replace(/from "zod\/mini"/g, `from ${JSON.stringify(zodMini)}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-discord-spec-'));
  const file = path.join(dir, 'discord-api-spec.strict.mjs');
  fs.writeFileSync(file, strict);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as StrictSpec;
}

function findNodeModules(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules');
    if (fs.existsSync(path.join(candidate, 'discord-api-spec'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error('node_modules/discord-api-spec not found');
  }
}
