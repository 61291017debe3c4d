// Builds a TypeScript entry of this package into plain JavaScript with esbuild, once per change of
// its sources, so that `settle` runs without a TypeScript loader in the process (the tsx loader's
// thread and its copies of every transformed module cost about 45 MiB of RSS; docs/design/store-console.md, Memory).
//
// Never stale: the cache records every file the build read (esbuild's metafile) with this file and
// tsconfig.json, and a run uses the build only when the SHA-256 of all of them is unchanged;
// otherwise it builds again. Each module keeps its own `import.meta.url` / `dirname` / `filename`
// (rewritten to its source file's), so paths relative to a source file resolve as under tsx.
// Dynamic imports stay lazy (code splitting). The cache lives in node_modules/.cache/settle; when
// it cannot be written, the caller falls back to tsx.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
/** Files that shape every build besides its inputs (this file counts by its contents). */
const ALWAYS = ['tsconfig.json'];
const SELF = readFileSync(import.meta.filename);
/** Builds not used for this long are removed (a running process may still load a lazy chunk of its own build). */
const PRUNE_AFTER_MS = 24 * 3600 * 1000;

/** SHA-256 over the paths and contents of `files` (relative to the package root); undefined if one is gone. */
function digest(root, files) {
  const hash = createHash('sha256').update(SELF);
  try {
    for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
  } catch {
    return undefined;
  }
  return hash.digest('hex').slice(0, 24);
}

/**
 * Every source module keeps its own import.meta (the bundle's would point into the cache), and a
 * JSON module (the classifier's 3 MB model) stays a JSON module that Node parses at run time: as
 * JavaScript in a chunk its text would stay in memory for the life of the process.
 */
const sourceModules = {
  name: 'source-modules',
  setup(build) {
    build.onResolve({ filter: /\.json$/ }, (args) => (args.kind === 'import-statement' || args.kind === 'dynamic-import') && args.importer
      ? { path: pathToFileURL(resolve(args.resolveDir, args.path)).href, external: true }
      : undefined);
    build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const contents = source.replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_, key) => JSON.stringify(
        key === 'url' ? pathToFileURL(args.path).href : key === 'dirname' ? dirname(args.path) : args.path,
      ));
      return { contents, loader: 'ts' };
    });
  },
};

/** Removes builds and unfinished build folders not used for a day. */
function prune(cache, keep) {
  for (const name of readdirSync(cache)) {
    if (name === keep || (name.endsWith('.json') && !name.startsWith('tmp-'))) continue;
    const path = join(cache, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > PRUNE_AFTER_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another process pruned it first.
    }
  }
}

/**
 * The file URL of the built `entry` (a path relative to `root`, this package by default), built
 * first when any file of its last build changed; `name` names the output and its cache record.
 */
export async function bundled(entry, name, root = ROOT) {
  const cache = join(root, 'node_modules', '.cache', 'settle');
  const manifestPath = join(cache, `${name}.json`);
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.entry === entry && digest(root, manifest.inputs) === manifest.key) {
      const dir = join(cache, manifest.key);
      const now = new Date();
      utimesSync(dir, now, now);
      return pathToFileURL(join(dir, `${name}.js`)).href;
    }
  } catch {
    // No build yet, or it is gone: build.
  }
  mkdirSync(cache, { recursive: true });
  const tmp = join(cache, `tmp-${process.pid}-${Date.now()}`);
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { [name]: entry },
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    metafile: true,
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'error',
    plugins: [sourceModules],
  });
  await esbuild.stop();
  const inputs = [...new Set([...Object.keys(result.metafile.inputs), ...ALWAYS.filter((file) => existsSync(join(root, file)))])].sort();
  const key = digest(root, inputs);
  if (!key) throw new Error(`bundle ${name}: a source changed while it was built; run again`);
  const dir = join(cache, key);
  try {
    renameSync(tmp, dir);
  } catch {
    // Another process built the same sources first: use its build.
    rmSync(tmp, { recursive: true, force: true });
  }
  const manifestTmp = `${tmp}.json`;
  writeFileSync(manifestTmp, JSON.stringify({ entry, key, inputs }));
  renameSync(manifestTmp, manifestPath);
  prune(cache, key);
  return pathToFileURL(join(dir, `${name}.js`)).href;
}
