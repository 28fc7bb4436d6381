import { openDatabase, type Database } from '@callboard/db';
import type { PlatformConfig } from './config/platform.config.js';
import type { EventBus } from './events/event-bus.js';
import { InProcessEventBus } from './events/in-process-event-bus.js';
import { RedisEventBus } from './events/redis-event-bus.js';
import { createMetricsRegistry, type Registry } from './metrics/metrics.registry.js';
import type { Logger } from './logging/logger.js';
import { Readiness } from './health/readiness.js';
import { connectRedis, disconnectRedis, type Redis } from './redis/redis.js';

/** The shared infrastructure of one process, opened once and handed to every part. */
export interface Platform {
  config: PlatformConfig;
  logger: Logger;
  database: Database;
  /** Command connection; null when REDIS_URL is unset (in-process mode). */
  redis: Redis | null;
  bus: EventBus;
  metrics: Registry;
  readiness: Readiness;
}

export async function openPlatform(config: PlatformConfig, logger: Logger): Promise<Platform> {
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  let redis: Redis | null = null;
  let bus: EventBus;
  if (config.REDIS_URL) {
    redis = connectRedis(config.REDIS_URL, { name: 'callboard' });
    let wasDown = false;
    redis.on('error', (error: Error) => {
      if (!wasDown) logger.warn({ err: error.message }, 'redis connection lost');
      wasDown = true;
    });
    redis.on('ready', () => {
      if (wasDown) logger.info('redis connection restored');
      wasDown = false;
    });
    bus = new RedisEventBus(config.REDIS_URL, `${config.REDIS_PREFIX}bus:`);
  } else {
    bus = new InProcessEventBus();
  }
  return {
    config,
    logger,
    database,
    redis,
    bus,
    metrics: createMetricsRegistry(),
    readiness: new Readiness(),
  };
}

/** Runs migrations and marks the process ready. */
export async function preparePlatform(platform: Platform): Promise<void> {
  await platform.database.migrate();
  platform.readiness.markMigrated();
}

export async function closePlatform(platform: Platform): Promise<void> {
  await platform.bus.close();
  if (platform.redis) disconnectRedis(platform.redis);
  await platform.database.close();
}
