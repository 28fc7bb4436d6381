import { createTestDatabase, type TestDatabase } from '@callboard/db/testing';
import { afterAll } from 'vitest';
import { openTestApi, type TestApi } from '../../src/testing/index.js';

export interface ApiUnderTest {
  app: TestApi['app'];
  test: TestApi;
  database: TestDatabase;
}

/**
 * A real API on a fresh database of this test file, or null when Postgres is unreachable
 * (the file's tests then skip). Closed after the file's tests.
 */
export async function startApiUnderTest(
  env: Record<string, string> = {},
): Promise<ApiUnderTest | null> {
  const database = await createTestDatabase();
  if (!database) return null;
  const test = await openTestApi({ DATABASE_URL: database.url, ...env });
  afterAll(async () => {
    await test.close();
    await database.drop();
  });
  return { app: test.app, test, database };
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
