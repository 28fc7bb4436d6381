import { z } from 'zod';
import {
  booleanFlag,
  optionalString,
  parseEnvironment,
  port,
  positiveInt,
  postgresUrl,
  redisUrl,
} from './environment.js';

export const apiEnvironmentSchema = z.object({
  /** 'production' switches logs to JSON. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** TCP port the HTTP server listens on. */
  PORT: port.default(3000),
  /** Interface to bind; 0.0.0.0 for every interface. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** The URL users open; its origin is the only one allowed to change state, and https makes cookies Secure. */
  PUBLIC_URL: z.url({ message: 'expected an absolute http(s) URL' }).optional(),
  /** Postgres connection URL; unset = embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), postgresUrl.optional()),
  /** Where the embedded database keeps its files. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** Database connections per process (real Postgres only). */
  DATABASE_POOL_SIZE: positiveInt.default(10),
  /** Redis URL for fan-out, presence and shared rate limits; unset = in-process. */
  REDIS_URL: z.preprocess((v) => (v === '' ? undefined : v), redisUrl.optional()),
  /** Prefix for every Redis key and channel, so installs can share a Redis. */
  REDIS_PREFIX: z.string().default('callboard:'),
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** 'json' or 'pretty'; defaults to pretty outside production. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** The account registered with this email is the instance admin. */
  ADMIN_EMAIL: optionalString,
  /** Days a session lives without use; renewed when half used. */
  SESSION_TTL_DAYS: positiveInt.default(30),
  /** Failed logins for one account within the window before 429. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: positiveInt.default(5),
  /** Failed logins from one IP within the window before 429. */
  LOGIN_MAX_FAILURES_PER_IP: positiveInt.default(20),
  /** Length of the failed-login window, in minutes. */
  LOGIN_WINDOW_MINUTES: positiveInt.default(15),
  /** Requests per minute one IP may make to the API. */
  API_RATE_LIMIT_PER_MINUTE: positiveInt.default(1200),
  /** Trust X-Forwarded-For from the reverse proxy for client IPs. */
  TRUST_PROXY: booleanFlag.default(false),
});

export type ApiEnvironment = z.output<typeof apiEnvironmentSchema>;

export interface ApiConfig extends ApiEnvironment {
  /** Origin allowed to make state-changing cookie requests. */
  publicOrigin: string;
  /** Whether cookies carry the Secure attribute. */
  secureCookies: boolean;
  logFormat: 'json' | 'pretty';
}

export function loadApiConfig(env: Record<string, string | undefined>): ApiConfig {
  const parsed = parseEnvironment(apiEnvironmentSchema, env);
  const publicUrl = new URL(parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`);
  return {
    ...parsed,
    publicOrigin: publicUrl.origin,
    secureCookies: publicUrl.protocol === 'https:',
    logFormat: parsed.LOG_FORMAT ?? (parsed.NODE_ENV === 'production' ? 'json' : 'pretty'),
  };
}
