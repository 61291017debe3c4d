/**
 * bin/bundle.js, which `settle` starts through: the built JavaScript behaves as the sources do
 * (each module's own import.meta, lazy imports), and a changed source is never run stale.
 * Each run is a fresh `node` process with no TypeScript loader, as `settle` is.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const BUNDLE = pathToFileURL(resolve(import.meta.dirname, '../../bin/bundle.js')).href;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'settle-bundle-'));
  dirs.push(root);
  mkdirSync(join(root, 'src/lib'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{"type":"module"}');
  writeFileSync(join(root, 'src/main.ts'), [
    "import { word } from './lib/word.ts';",
    'export const here: string = import.meta.dirname;',
    'export const url: string = import.meta.url;',
    'export const text: string = word;',
    "export const later = async (): Promise<string> => (await import('./lib/later.ts')).later;",
  ].join('\n'));
  writeFileSync(join(root, 'src/lib/word.ts'), "export const word: string = 'one';\n");
  writeFileSync(join(root, 'src/lib/later.ts'), "export const later: string = import.meta.filename;\n");
  return root;
}

/** Builds (or reuses) src/main.ts of `root` in a fresh process and reports what the built module says. */
function run(root: string) {
  const script = `const { bundled } = await import(${JSON.stringify(BUNDLE)});
    const built = await bundled('src/main.ts', 'main', ${JSON.stringify(root)});
    const m = await import(built);
    console.log(JSON.stringify({ built, here: m.here, url: m.url, text: m.text, later: await m.later() }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { built: string; here: string; url: string; text: string; later: string };
}

describe('bin/bundle.js', () => {
  it('runs the sources as built JavaScript with each module’s own import.meta and lazy imports', () => {
    const root = project();
    const r = run(root);
    expect(r.built).toContain('/node_modules/.cache/settle/');
    expect(r.text).toBe('one');
    expect(r.here).toBe(join(root, 'src'));
    expect(r.url).toBe(pathToFileURL(join(root, 'src/main.ts')).href);
    expect(r.later).toBe(join(root, 'src/lib/later.ts'));
  });

  it('reuses the build while nothing changed and rebuilds when any source did', () => {
    const root = project();
    const first = run(root);
    expect(run(root).built).toBe(first.built);
    writeFileSync(join(root, 'src/lib/word.ts'), "export const word: string = 'two';\n");
    const second = run(root);
    expect(second.text).toBe('two');
    expect(second.built).not.toBe(first.built);
    // Only finished builds and their records stay in the cache.
    expect(readdirSync(join(root, 'node_modules/.cache/settle')).filter((f) => f.startsWith('tmp-'))).toEqual([]);
  });
});
