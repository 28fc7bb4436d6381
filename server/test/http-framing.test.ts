import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@callboard/db/testing';
import { isErrorShape, rawHttpExchange, rawPost } from '@callboard/api/testing';
import { entries, startServer } from '../src/testing/server-process.js';

const testDatabase = await createTestDatabase();

const body = JSON.stringify({ email: 'someone@example.test', password: 'not the password' });

describe.skipIf(!testDatabase)('every server process facing a wrong Content-Length', () => {
  afterAll(() => testDatabase?.drop());

  it.each([
    ['single-port', entries.combined],
    ['api', entries.api],
    ['realtime', entries.realtime],
  ])(
    'the %s server answers a body longer than its Content-Length with the JSON error shape',
    async (name, entry) => {
      const server = await startServer({ DATABASE_URL: testDatabase!.url }, entry);
      try {
        const port = Number(new URL(server.url).port);
        const responses = await rawHttpExchange(port, rawPost('/api/auth/login', body, 10));
        expect(responses.length).toBeGreaterThan(0);
        // A realtime process serves no /api, so the declared part is a 404 there.
        for (const response of responses) {
          expect(name === 'realtime' ? [400, 404] : [400]).toContain(response.status);
          expect(isErrorShape(response.body), response.body).toBe(true);
        }
        expect(responses.at(-1)!.status).toBe(400);
      } finally {
        await server.stop();
      }
    },
    120_000,
  );
});
