import { afterAll, describe, expect, it } from 'vitest';
import { checkService, createTestDatabase, testRedisUrl, waitFor } from '@callboard/db/testing';
import { startServer } from '../src/testing/server-process.js';
import { ThrowawayRedis } from './support/throwaway-redis.js';

const testDatabase = await createTestDatabase();
// The throw-away Redis below needs redis-server, which comes with the shared Redis service.
const redisAvailable = await checkService('Redis', testRedisUrl, 6379);

describe.skipIf(!testDatabase || !redisAvailable)('with DATABASE_URL and REDIS_URL', () => {
  afterAll(() => testDatabase?.drop());

  it('reports both as ok, names redis while it is down, and recovers without a restart', async () => {
    const redis = await ThrowawayRedis.start();
    const server = await startServer({ DATABASE_URL: testDatabase!.url, REDIS_URL: redis.url });
    const health = async () => {
      const response = await fetch(`${server.url}/health`);
      return { status: response.status, body: await response.json() };
    };
    try {
      expect(await health()).toEqual({
        status: 200,
        body: { status: 'ok', checks: { database: 'ok', redis: 'ok' } },
      });

      await redis.stop();
      await waitFor(async () => (await health()).status === 503, '/health to turn 503', 15_000);
      expect((await health()).body).toEqual({
        status: 'degraded',
        checks: { database: 'ok', redis: 'down' },
      });

      await redis.restart();
      await waitFor(async () => (await health()).status === 200, '/health to recover', 15_000);
    } finally {
      await server.stop();
      await redis.stop();
    }
  }, 120_000);
});
