import { z } from 'zod';
import { parseTrustedProxies } from '../http/client-address.js';
import {
  optionalSecret,
  parseEnvironment,
  port,
  positiveInt,
  postgresUrl,
  redisUrl,
} from './environment.js';

/** The settings every Callboard process shares: where it listens, its database, Redis, logs. */
export const platformEnvironmentSchema = z.object({
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

export type PlatformEnvironment = z.output<typeof platformEnvironmentSchema>;

export interface PlatformConfig extends PlatformEnvironment {
  /** Origin allowed to make state-changing cookie requests. */
  publicOrigin: string;
  /** Whether cookies carry the Secure attribute. */
  secureCookies: boolean;
  logFormat: 'json' | 'pretty';
}

export function loadPlatformConfig(env: Record<string, string | undefined>): PlatformConfig {
  const parsed = parseEnvironment(platformEnvironmentSchema, env);
  const publicUrl = new URL(parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`);
  return {
    ...parsed,
    publicOrigin: publicUrl.origin,
    secureCookies: publicUrl.protocol === 'https:',
    logFormat: parsed.LOG_FORMAT ?? (parsed.NODE_ENV === 'production' ? 'json' : 'pretty'),
  };
}
