import { randomBytes } from 'node:crypto';
import { checkService, testRedisUrl } from './service-availability.js';

export interface TestRedis {
  url: string;
  /** A key and channel prefix unique to this test file, so files never see each other's data. */
  prefix: string;
}

/** Returns the shared test Redis with a fresh prefix, or null (tests skip) when unreachable. */
export async function createTestRedis(): Promise<TestRedis | null> {
  if (!(await checkService('Redis', testRedisUrl, 6379))) return null;
  return { url: testRedisUrl, prefix: `test:${randomBytes(6).toString('hex')}:` };
}
