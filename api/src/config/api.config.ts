import { accountsEnvironmentSchema, type AccountsConfig } from '@callboard/accounts';
import {
  loadPlatformConfig,
  optionalSecret,
  optionalString,
  parseEnvironment,
  positiveInt,
  type PlatformConfig,
} from '@callboard/platform';
import { z } from 'zod';

/** What only the HTTP API reads: sign-in and registration rules, request limits. */
export const apiEnvironmentSchema = z.object({
  /** The account registered with this email is the instance admin. */
  ADMIN_EMAIL: optionalString,
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
  /** Automatic versions (taken before a restore or an import) kept per schedule; older ones go. */
  VERSIONS_KEEP_AUTOMATIC: positiveInt.default(50),
});

export type ApiSettings = z.output<typeof apiEnvironmentSchema>;

/** The API process's settings: the platform's, the accounts', and its own. */
export interface ApiConfig {
  platform: PlatformConfig;
  accounts: AccountsConfig;
  api: ApiSettings;
}

export function loadApiConfig(env: Record<string, string | undefined>): ApiConfig {
  return {
    platform: loadPlatformConfig(env),
    accounts: parseEnvironment(accountsEnvironmentSchema, env),
    api: parseEnvironment(apiEnvironmentSchema, env),
  };
}
