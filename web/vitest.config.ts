import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['callboard-source'] },
  ssr: { resolve: { conditions: ['callboard-source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    passWithNoTests: true,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
