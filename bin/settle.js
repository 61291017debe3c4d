#!/usr/bin/env node
// The `settle` command, right after `npm ci`. It runs the TypeScript sources as the JavaScript
// bin/bundle.js builds from them (again whenever one changed), so no TypeScript loader sits in the
// process; where that build cannot be written (a read-only install), it runs them through tsx.
let entry;
try {
  entry = await (await import('./bundle.js')).bundled('src/cli/main.ts', 'settle');
} catch (error) {
  // A file-system refusal (EACCES, EROFS, ENOSPC…) falls back; a build error is the sources' and is shown.
  if (typeof error?.code !== 'string') throw error;
  const { register } = await import('tsx/esm/api');
  register();
  entry = '../src/cli/main.ts';
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
