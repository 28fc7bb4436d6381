import { defineProject } from 'vitest/config';

/** The test settings every backend package shares: sources via the workspace condition, real services. */
export default defineProject({
  resolve: { conditions: ['callboard-source'] },
  ssr: { resolve: { conditions: ['callboard-source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
