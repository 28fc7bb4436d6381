import { z } from 'zod';
import { parseTrustedProxies } from '../http/client-address.js';
import {
  optionalSecret,
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
  /** Bearer token Prometheus sends to read /metrics; unset = /metrics answers loopback peers only. */
  METRICS_TOKEN: optionalSecret,
  /** The account registered with this email is the instance admin. */
  ADMIN_EMAIL: optionalString,
  /** Days a session lives without use; renewed when half used. */
  SESSION_TTL_DAYS: positiveInt.default(30),
  /** Wrong passwords for one account from one IP within the window before that pair gets 429. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: positiveInt.default(5),
  /** Wrong passwords for one account from all IPs within the window before it is slowed (never locked). */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: positiveInt.default(100),
  /** Above the per-account ceiling, the account takes one password check per this many seconds. */
  LOGIN_SLOWDOWN_SECONDS: positiveInt.default(10),
  /** Wrong passwords from one IP within the window, whatever the account, before 429. */
  LOGIN_MAX_FAILURES_PER_IP: positiveInt.default(20),
  /** Length of the failed-login window, in minutes. */
  LOGIN_WINDOW_MINUTES: positiveInt.default(15),
  /** Key of the fingerprint that stands for an unknown email in the audit log; unset = new per process. */
  LOGIN_AUDIT_KEY: optionalSecret,
  /** Sign-ups from one IP within the registration window before 429 (each costs an argon2 hash). */
  REGISTER_MAX_PER_IP: positiveInt.default(50),
  /** Length of the registration window, in minutes. */
  REGISTER_WINDOW_MINUTES: positiveInt.default(60),
  /** Requests per minute one IP may make to the API. */
  API_RATE_LIMIT_PER_MINUTE: positiveInt.default(1200),
  /** Proxies whose X-Forwarded-For is believed: false, true (one hop), a hop count, or addresses/CIDRs. */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, ctx) => {
      try {
        return parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
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
