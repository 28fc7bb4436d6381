import { z } from 'zod';

const MIN_SECRET_LENGTH = 32;
/**
 * Of the Shannon estimate, which reads below the true entropy of short random strings: over
 * 300,000 values of `openssl rand -hex 16` (128 bits) it never fell below 92, and 0.1% fell
 * below 100, the bar before, which refused them now and then.
 */
const MIN_SECRET_BITS = 80;
/** What survives unescaped inside a postgres:// URL and a shell line. */
const URL_SAFE = /^[A-Za-z0-9._~-]+$/;
const HOW_TO_MAKE = 'make one with `openssl rand -hex 32`';

/** The length of the shortest prefix that the whole value repeats (its own length if none). */
function repeatingPeriod(value: string): number {
  for (let period = 1; period < value.length; period += 1) {
    let repeats = true;
    for (let i = period; i < value.length && repeats; i += 1)
      repeats = value[i] === value[i - period];
    if (repeats) return period;
  }
  return value.length;
}

/**
 * Shannon estimate of a string's randomness in bits: the entropy of its character frequencies
 * times the length of the part that does not merely repeat. Low for repeats and words; about
 * 3.5 bits a character for random hex of this length (a frequency count from 32 characters
 * reads a little under the 4 bits each one holds).
 */
export function estimatedEntropyBits(value: string): number {
  const unique = value.slice(0, repeatingPeriod(value));
  const counts = new Map<string, number>();
  for (const char of unique) counts.set(char, (counts.get(char) ?? 0) + 1);
  let perChar = 0;
  for (const count of counts.values()) {
    const p = count / unique.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * unique.length;
}

const secret = z.string({ error: `is missing: ${HOW_TO_MAKE}` }).superRefine((value, ctx) => {
  if (value === '')
    return void ctx.addIssue({ code: 'custom', message: `is empty: ${HOW_TO_MAKE}` });
  if (!URL_SAFE.test(value))
    ctx.addIssue({
      code: 'custom',
      message: `may hold only letters, digits and . _ ~ - (it goes into a URL): ${HOW_TO_MAKE}`,
    });
  else if (value.length < MIN_SECRET_LENGTH)
    ctx.addIssue({
      code: 'custom',
      message: `is too short: ${value.length} characters, at least ${MIN_SECRET_LENGTH}: ${HOW_TO_MAKE}`,
    });
  else if (estimatedEntropyBits(value) < MIN_SECRET_BITS)
    ctx.addIssue({
      code: 'custom',
      message: `is too predictable: about ${Math.round(estimatedEntropyBits(value))} bits, at least ${MIN_SECRET_BITS}: ${HOW_TO_MAKE}`,
    });
});

const LABEL = '[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?';
const HOSTNAME = new RegExp(`^(?=.{1,253}$)${LABEL}(\\.${LABEL})+$`);

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .refine((v) => Number(v) >= min && Number(v) <= max, `must be from ${min} to ${max}`);

/**
 * ops/.env.production: what docker-compose.prod.yml reads for one install. Unknown names are
 * refused, since a misspelt one would silently fall back to a default.
 */
export const productionEnvironmentSchema = z.strictObject(
  {
    /** The host name users open, without https:// (Caddy gets its certificate for it). */
    CALLBOARD_DOMAIN: z
      .string({ error: 'is missing: the host name users open, e.g. schedule.example.com' })
      .regex(HOSTNAME, 'must be a host name such as schedule.example.com (no https://, no path)'),
    /** The account registered with this email becomes the admin; Let's Encrypt writes to it too. */
    ADMIN_EMAIL: z.email({ error: 'must be an email address' }),
    /** Password of the `callboard` Postgres role; goes into DATABASE_URL. */
    POSTGRES_PASSWORD: secret,
    /** Bearer token Prometheus sends to read /metrics. */
    METRICS_TOKEN: secret,
    /** Key of the audit log's fingerprints of unknown emails, the same on every instance. */
    LOGIN_AUDIT_KEY: secret,
    /** How many realtime processes run. Default: 2 */
    REALTIME_REPLICAS: wholeNumber(1, 32).optional(),
    /** Name of the app image, for a registry. Default: callboard */
    CALLBOARD_IMAGE: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._/:-]*$/, 'must be an image name')
      .optional(),
    /** Tag of the app image; the previous one rolls back. Default: latest */
    CALLBOARD_VERSION: z
      .string()
      .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'must be an image tag such as 1.4.0')
      .optional(),
    /** The commit the image is built from, for its OCI label. Default: unknown */
    CALLBOARD_REVISION: z.string().optional(),
    /** fatal, error, warn, info, debug or trace. Default: info */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).optional(),
    /** Days a backup is kept. Default: 14 */
    BACKUP_KEEP_DAYS: wholeNumber(1, 3650).optional(),
    /** Time of the daily backup, HH:MM in UTC. Default: 03:00 */
    BACKUP_AT: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (UTC)')
      .optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? 'is not a variable of the install' : undefined,
  },
);

/** The variables that are secrets: each made by `openssl rand -hex 32` (or `npm run ops:env`). */
export const secretVariables = Object.entries(productionEnvironmentSchema.shape)
  .filter(([, schema]) => schema === secret)
  .map(([name]) => name);

/** Variables an install must set itself: an example's value for them is a mistake. */
export const requiredVariables = Object.entries(productionEnvironmentSchema.shape)
  .filter(([, schema]) => !schema.safeParse(undefined).success)
  .map(([name]) => name);
