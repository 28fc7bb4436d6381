import { describe, expect, it } from 'vitest';
import { runServer } from '../src/testing/server-process.js';

describe('configuration errors at start-up', () => {
  it.each([
    ['DATABASE_URL', 'nonsense'],
    ['PORT', 'abc'],
    ['REDIS_URL', 'http://example.com'],
    ['PUBLIC_URL', 'not a url'],
  ])(
    'exits 1 with one readable line naming %s when it is %s',
    async (variable, value) => {
      const { exitCode, output } = await runServer({ [variable]: value });
      expect(exitCode).toBe(1);
      const lines = output.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(variable);
      expect(output).not.toMatch(/\n\s+at /);
    },
    60_000,
  );
});
