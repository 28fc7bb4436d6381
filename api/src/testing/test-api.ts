import { createAccounts, type Accounts } from '@callboard/accounts';
import type { Platform } from '@callboard/platform';
import { openTestPlatform, type TestPlatform } from '@callboard/platform/testing';
import { buildApiApp } from '../api.app.js';
import { loadApiConfig } from '../config/api.config.js';

export interface TestApi extends TestPlatform {
  app: ReturnType<typeof buildApiApp>;
  accounts: Accounts;
}

/** The API as its process builds it, on a migrated test platform configured from `env`. */
export async function openTestApi(env: Record<string, string | undefined>): Promise<TestApi> {
  const test = await openTestPlatform(env);
  const config = loadApiConfig(env);
  const accounts = createAccounts(test.platform, config.accounts);
  return {
    ...test,
    app: buildApiApp(test.platform, accounts, config.api),
    accounts,
    async close() {
      accounts.close();
      await test.close();
    },
  };
}

/**
 * The API on a platform and accounts instance a test already has, as the combined server
 * builds it beside the realtime tier; settings from `env`.
 */
export function buildTestApi(
  platform: Platform,
  accounts: Accounts,
  env: Record<string, string | undefined> = {},
): TestApi['app'] {
  return buildApiApp(platform, accounts, loadApiConfig(env).api);
}
