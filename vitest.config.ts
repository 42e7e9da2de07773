import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests talk to a real broker and database; start-up stages and retries take time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['test/support/global-setup.ts'],
    // Forks isolate native handles (sockets, pg clients) per file; 2 cores, so 2 workers.
    pool: 'forks',
    maxWorkers: 2,
    // The json report is what .ci/run counts from.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results.json' },
  },
});
