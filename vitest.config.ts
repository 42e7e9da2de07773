import process from 'node:process';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The short chaos run (minutes, three RabbitMQ nodes, three app processes) is left out of
    // `npm test` until it has passed three runs in a row; VITEST_CHAOS=1 runs it:
    // `VITEST_CHAOS=1 npx vitest run test/chaos --maxWorkers=1`.
    exclude: [...configDefaults.exclude, ...(process.env.VITEST_CHAOS === '1' ? [] : ['test/chaos/**'])],
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
