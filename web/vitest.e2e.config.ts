import { defineConfig } from 'vitest/config';

// Browser tests: one file at a time, since each drives Chromium against a real server.
export default defineConfig({
  resolve: { conditions: ['callboard-source'] },
  ssr: { resolve: { conditions: ['callboard-source'] } },
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    setupFiles: ['e2e/support/csp-violations.setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/e2e.json' },
  },
});
