import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@callboard/db/testing';
import { entries, startServer } from '../src/testing/server-process.js';

const testDatabase = await createTestDatabase();

// Production runs each tier as its own process behind the reverse proxy.
describe.skipIf(!testDatabase)('each tier running alone', () => {
  afterAll(() => testDatabase?.drop());

  it.each([
    ['api', entries.api],
    ['realtime', entries.realtime],
  ])(
    'the %s process starts, migrates and reports healthy on its own port',
    async (_name, entry) => {
      const server = await startServer({ DATABASE_URL: testDatabase!.url }, entry);
      try {
        const health = await fetch(`${server.url}/health`);
        expect(health.status).toBe(200);
        expect(await health.json()).toMatchObject({
          checks: { database: 'ok', redis: 'embedded' },
        });
        expect((await fetch(`${server.url}/metrics`)).status).toBe(200);
      } finally {
        expect(await server.stop('SIGTERM')).toBe(0);
      }
    },
    120_000,
  );
});
