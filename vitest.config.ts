import { defineConfig } from 'vitest/config';

/**
 * Pure tests — no child processes, no SQLite, no servers, no process-wide state — share worker
 * threads; everything else runs in forks, one test file to a process. A new pure test file goes
 * in PURE (or a folder listed there); anything unlisted runs in forks, which is always safe.
 */
const PURE = [
  'test/core/**/*.test.ts',
  'test/playbook/**/*.test.ts',
  'test/policy-coverage.test.ts',
  'test/config.test.ts',
  'test/adapters/shared/**/*.test.ts',
  'test/chat/queue-order.test.ts',
  'test/adapters/slack/blocks/**/*.test.ts',
  'test/adapters/console/parse-command.test.ts',
  'test/adapters/console/text-width.test.ts',
  'test/llm/combine-classification.test.ts',
  'test/llm/read-amounts.test.ts',
  'test/llm/sanitize.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'pure', include: PURE, pool: 'threads' } },
      // SQLite files, loopback servers and child processes: one test file to a process.
      { extends: true, test: { name: 'io', include: ['test/**/*.test.ts'], exclude: PURE, pool: 'forks' } },
    ],
  },
});
