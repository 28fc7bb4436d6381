import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Platform } from '../platform/platform.js';
import { ServiceUnavailableError, TooManyRequestsError } from '../http/errors.js';

export interface LoginThrottleOptions {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  windowSeconds: number;
}

/**
 * Counts failed logins per account and per IP in a fixed window. Counters live in Redis
 * when configured, so every API instance sees the same numbers.
 */
export class LoginThrottle {
  readonly #byAccount: RateLimiterAbstract;
  readonly #byIp: RateLimiterAbstract;

  constructor(
    platform: Pick<Platform, 'redis' | 'config'>,
    private readonly options: LoginThrottleOptions,
  ) {
    const make = (keyPrefix: string, points: number) =>
      platform.redis
        ? new RateLimiterRedis({
            storeClient: platform.redis,
            keyPrefix: `${platform.config.REDIS_PREFIX}${keyPrefix}`,
            points,
            duration: options.windowSeconds,
          })
        : new RateLimiterMemory({ keyPrefix, points, duration: options.windowSeconds });
    this.#byAccount = make('login-fail-account', options.maxFailuresPerAccount);
    this.#byIp = make('login-fail-ip', options.maxFailuresPerIp);
  }

  /** Throws 429 with Retry-After while either counter is used up. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const [account, address] = await this.#read(() =>
      Promise.all([this.#byAccount.get(email), this.#byIp.get(ip)]),
    );
    const waits = [
      this.#blockedFor(account, this.options.maxFailuresPerAccount),
      this.#blockedFor(address, this.options.maxFailuresPerIp),
    ];
    const waitMs = Math.max(...waits);
    if (waitMs > 0) {
      throw new TooManyRequestsError(
        waitMs / 1000,
        `Too many failed sign-in attempts. Try again in ${Math.ceil(waitMs / 60_000)} minute(s).`,
      );
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await this.#read(() =>
      Promise.all([this.#byAccount.penalty(email, 1), this.#byIp.penalty(ip, 1)]),
    );
  }

  /** A successful login clears the account's failures (not the IP's). */
  async recordSuccess(email: string): Promise<void> {
    await this.#read(() => this.#byAccount.delete(email));
  }

  #blockedFor(result: RateLimiterRes | null, limit: number): number {
    if (!result || result.consumedPoints < limit) return 0;
    return Math.max(result.msBeforeNext, 1000);
  }

  async #read<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch {
      // The shared counters are unreachable: refuse rather than let guessing run unchecked.
      throw new ServiceUnavailableError('Sign-in is temporarily unavailable. Try again shortly.');
    }
  }
}
