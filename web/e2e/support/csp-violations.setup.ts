import { afterEach, expect } from 'vitest';
import { takeCspViolations } from './browser.js';

// A setup file (vitest.e2e.config.ts), so that browser.ts stays free of vitest for the benches:
// a Content-Security-Policy violation reported by any page during a test fails that test.
afterEach(() => {
  expect(takeCspViolations(), 'Content-Security-Policy violations').toEqual([]);
});
