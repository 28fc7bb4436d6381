import { z } from 'zod';

/** Empty strings in the environment mean "not set", as in most .env tooling. */
export const optionalString = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.string().optional(),
);

/** A secret that may be unset; when set, long enough not to be guessed. */
export const optionalSecret = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.string().min(16, 'must be at least 16 characters').optional(),
);

export const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\/.+/.test(v) && URL.canParse(v), {
    message: 'expected a postgres:// or postgresql:// URL',
  });

export const redisUrl = z.string().refine((v) => /^rediss?:\/\/.+/.test(v) && URL.canParse(v), {
  message: 'expected a redis:// or rediss:// URL',
});

export const port = z.coerce
  .number({ message: 'expected a port number' })
  .int('expected a whole port number')
  .min(0, 'expected a port from 0 to 65535')
  .max(65535, 'expected a port from 0 to 65535');

export const positiveInt = z.coerce.number().int().positive();

export class ConfigError extends Error {}

/**
 * Parses the environment against a schema. On a bad value, throws a ConfigError whose
 * message is one readable line naming the variable and what is expected.
 */
export function parseEnvironment<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const variable = issue.path.join('.') || 'environment';
  const value = env[variable];
  const shown =
    value === undefined ? '' : ` (got "${value.length > 40 ? `${value.slice(0, 40)}…` : value}")`;
  throw new ConfigError(`Invalid configuration: ${variable}: ${issue.message}${shown}`);
}

/** Entry points call this: prints the one line and exits 1, with no stack trace. */
export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
