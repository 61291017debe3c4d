import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // SQLite files, loopback servers and child processes: keep a test file to one worker thread.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
