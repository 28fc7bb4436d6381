import type { Platform } from '../platform.js';

export type CheckState = 'ok' | 'embedded' | 'down';

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: { database: CheckState; redis: CheckState };
}

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS).unref(),
    ),
  ]);
}

/** Checks each dependency the process needs to serve requests. */
export async function checkHealth(
  platform: Pick<Platform, 'database' | 'redis'>,
): Promise<HealthReport> {
  const [database, redis] = await Promise.all([
    withTimeout(platform.database.ping()).then(
      (): CheckState => 'ok',
      (): CheckState => 'down',
    ),
    platform.redis
      ? withTimeout(platform.redis.ping()).then(
          (): CheckState => 'ok',
          (): CheckState => 'down',
        )
      : Promise.resolve<CheckState>('embedded'),
  ]);
  const status = database === 'down' || redis === 'down' ? 'degraded' : 'ok';
  return { status, checks: { database, redis } };
}
