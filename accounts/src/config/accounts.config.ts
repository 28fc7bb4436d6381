import { parseEnvironment, positiveInt } from '@callboard/platform';
import { z } from 'zod';

/** Settings of sessions and access, read by every process that checks them. */
export const accountsEnvironmentSchema = z.object({
  /** Days a session lives without use; renewed when half used. */
  SESSION_TTL_DAYS: positiveInt.default(30),
});

export type AccountsConfig = z.output<typeof accountsEnvironmentSchema>;

export function loadAccountsConfig(env: Record<string, string | undefined>): AccountsConfig {
  return parseEnvironment(accountsEnvironmentSchema, env);
}
