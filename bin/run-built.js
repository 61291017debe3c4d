#!/usr/bin/env node
// Runs one TypeScript file the way `settle` runs its sources: built by bin/bundle.js, no TypeScript
// loader in the process (bench/files.ts measures the RSS of filing this way). Its dynamic imports
// must be literal paths; bin/run-ts.js (tsx) runs anything.
//   node bin/run-built.js FILE.ts [args…]
import { basename, relative, resolve } from 'node:path';
import { bundled } from './bundle.js';

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bin/run-built.js FILE.ts [args…]');
  process.exit(2);
}
const root = resolve(import.meta.dirname, '..');
const entry = relative(root, resolve(file));
process.argv = [process.argv[0], resolve(file), ...rest];
await import(await bundled(entry, basename(entry).replace(/\.[cm]?ts$/, '')));
