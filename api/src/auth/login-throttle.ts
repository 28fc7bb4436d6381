import { createHash } from 'node:crypto';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { ServiceUnavailableError, TooManyRequestsError, type Platform } from '@callboard/platform';

export interface LoginThrottleOptions {
  /** Wrong passwords for one account from one address per window before that pair is refused. */
  maxFailuresPerAccountAndIp: number;
  /** Wrong passwords for one account from every address per window before it is slowed down. */
  maxFailuresPerAccount: number;
  /** Once an account is slowed down, the seconds between two password checks of it. */
  slowdownSeconds: number;
  /** Wrong passwords from one address per window, whatever the account. */
  maxFailuresPerIp: number;
  windowSeconds: number;
  /** Sign-ups from one address per registration window. */
  maxRegistrationsPerIp: number;
  registrationWindowSeconds: number;
}

type Limiter = RateLimiterAbstract;

/** Counters are keyed by a digest, so what was typed as an email never sits in Redis. */
const digest = (account: string) => createHash('sha256').update(account).digest('base64url');

function retryIn(ms: number): string {
  return ms < 60_000 ? `${Math.ceil(ms / 1000)} second(s)` : `${Math.ceil(ms / 60_000)} minute(s)`;
}

/**
 * Limits what costs an argon2 run. A password guess spends a point per account and address, per
 * address, and per account from every address; above that last ceiling the account is slowed to
 * one check per `slowdownSeconds` rather than locked, so a stranger cannot lock its owner out.
 * Sign-ups spend a point per address. Counters live in Redis when configured, so every API
 * instance sees the same numbers.
 */
export class LoginThrottle {
  readonly #byPair: Limiter;
  readonly #byIp: Limiter;
  readonly #byAccount: Limiter;
  readonly #slowed: Limiter;
  readonly #registrations: Limiter;

  constructor(
    platform: Pick<Platform, 'redis' | 'config'>,
    private readonly options: LoginThrottleOptions,
  ) {
    const make = (keyPrefix: string, points: number, duration: number) =>
      platform.redis
        ? new RateLimiterRedis({
            storeClient: platform.redis,
            useRedisPackage: true,
            keyPrefix: `${platform.config.REDIS_PREFIX}${keyPrefix}`,
            points,
            duration,
          })
        : new RateLimiterMemory({ keyPrefix, points, duration });
    const window = options.windowSeconds;
    this.#byPair = make('login-fail-pair', options.maxFailuresPerAccountAndIp, window);
    this.#byIp = make('login-fail-ip', options.maxFailuresPerIp, window);
    this.#byAccount = make('login-fail-account', options.maxFailuresPerAccount, window);
    this.#slowed = make('login-slowed', 1, options.slowdownSeconds);
    this.#registrations = make(
      'register-ip',
      options.maxRegistrationsPerIp,
      options.registrationWindowSeconds,
    );
  }

  /**
   * Runs `check` (a password verification) only once a guess is spent on every counter, so
   * parallel guesses cannot outrun the limits; a right guess gives its points back and clears
   * the pair. Throws 429 with Retry-After when a limit is used up, 503 when Redis is unreachable.
   */
  async guard<T extends { valid: boolean }>(
    account: string,
    ip: string,
    check: () => Promise<T>,
  ): Promise<T> {
    const accountKey = digest(account);
    const pairKey = `${accountKey}:${ip}`;
    await this.#spendGuess(accountKey, pairKey, ip);
    const result = await check();
    if (result.valid) {
      // A refund that fails only leaves a counter higher: the safe direction.
      await Promise.all([
        this.#byPair.delete(pairKey),
        this.#byIp.reward(ip, 1),
        this.#byAccount.reward(accountKey, 1),
      ]).catch(() => undefined);
    }
    return result;
  }

  /** Spends one sign-up of the address before the password is hashed; throws 429 when used up. */
  async spendRegistration(ip: string): Promise<void> {
    await this.#spend(this.#registrations, ip, 'Too many sign-ups from this address.');
  }

  async #spendGuess(accountKey: string, pairKey: string, ip: string): Promise<void> {
    const tooMany = 'Too many failed sign-in attempts.';
    // A refused attempt checks no password, so the counters that let it through get their point back.
    const spent: [Limiter, string][] = [];
    try {
      await this.#spend(this.#byPair, pairKey, tooMany);
      spent.push([this.#byPair, pairKey]);
      await this.#spend(this.#byIp, ip, tooMany);
      spent.push([this.#byIp, ip]);
      const account = await this.#store(() => this.#byAccount.penalty(accountKey, 1));
      spent.push([this.#byAccount, accountKey]);
      if (account.consumedPoints > this.options.maxFailuresPerAccount) {
        await this.#spend(this.#slowed, accountKey, 'Many sign-in attempts reach this account.');
      }
    } catch (error) {
      await Promise.all(spent.map(([limiter, key]) => limiter.reward(key, 1))).catch(
        () => undefined,
      );
      throw error;
    }
  }

  async #spend(limiter: Limiter, key: string, reason: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw this.#unavailable();
      const waitMs = Math.max(error.msBeforeNext, 1000);
      throw new TooManyRequestsError(waitMs / 1000, `${reason} Try again in ${retryIn(waitMs)}.`);
    }
  }

  async #store<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch {
      throw this.#unavailable();
    }
  }

  // The shared counters are unreachable: refuse rather than let guessing run unchecked.
  #unavailable(): ServiceUnavailableError {
    return new ServiceUnavailableError('Sign-in is temporarily unavailable. Try again shortly.');
  }
}
