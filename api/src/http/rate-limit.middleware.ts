import type { ApiEnv } from './api-env.js';
import type { MiddlewareHandler } from 'hono';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { TooManyRequestsError, type Platform } from '@callboard/platform';

/** A general per-IP request budget for the API, shared across instances through Redis. */
export function rateLimitMiddleware(
  platform: Pick<Platform, 'redis' | 'config' | 'logger'>,
  /** API_RATE_LIMIT_PER_MINUTE */
  points: number,
): MiddlewareHandler<ApiEnv> {
  const limiter = platform.redis
    ? new RateLimiterRedis({
        storeClient: platform.redis,
        useRedisPackage: true,
        keyPrefix: `${platform.config.REDIS_PREFIX}api-rate`,
        points,
        duration: 60,
        // Counting in memory first keeps the hot path off Redis for a few hundred ms at a time.
        inMemoryBlockOnConsumed: points,
      })
    : new RateLimiterMemory({ keyPrefix: 'api-rate', points, duration: 60 });
  return async (c, next) => {
    try {
      await limiter.consume(c.get('clientIp'));
    } catch (error) {
      if (error instanceof RateLimiterRes)
        throw new TooManyRequestsError(error.msBeforeNext / 1000);
      // Redis is down: the general limit fails open; login throttling still fails closed.
      platform.logger.warn({ err: (error as Error).message }, 'api rate limiter unavailable');
    }
    await next();
  };
}
