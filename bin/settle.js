#!/usr/bin/env node
// The `settle` command. Runs the TypeScript sources through tsx, so `npx settle …` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
