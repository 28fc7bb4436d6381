import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestRedis } from '@callboard/db/testing';
import { entries, startServer } from '../src/testing/server-process.js';

const testDatabase = await createTestDatabase();
const testRedis = testDatabase ? await createTestRedis() : null;

// Production runs each tier as its own process behind the reverse proxy.
afterAll(() => testDatabase?.drop());

describe.skipIf(!testDatabase)('each tier running alone', () => {
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

describe.skipIf(!testDatabase || !testRedis)(
  'a realtime process alone, on Postgres and Redis',
  () => {
    it('answers /health, /ready and /metrics, serves no API, and reads none of its settings', async () => {
      const server = await startServer(
        {
          DATABASE_URL: testDatabase!.url,
          REDIS_URL: testRedis!.url,
          REDIS_PREFIX: testRedis!.prefix,
          // API-only settings with values the API would refuse: a realtime process never reads them.
          LOGIN_MAX_FAILURES_PER_ACCOUNT: 'not a number',
          API_RATE_LIMIT_PER_MINUTE: '-1',
          ADMIN_EMAIL: 'x',
        },
        entries.realtime,
      );
      try {
        const health = await fetch(`${server.url}/health`);
        expect(await health.json()).toMatchObject({ checks: { database: 'ok', redis: 'ok' } });
        expect((await fetch(`${server.url}/ready`)).status).toBe(200);
        const metrics = await fetch(`${server.url}/metrics`);
        expect(await metrics.text()).toContain('callboard_');
        const api = await fetch(`${server.url}/api/projects`);
        expect(api.status).toBe(404);
        expect(await api.json()).toMatchObject({ error: { code: 'not_found' } });
      } finally {
        expect(await server.stop('SIGTERM')).toBe(0);
      }
    }, 120_000);
  },
);
