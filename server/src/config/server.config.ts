import { apiEnvironmentSchema } from '@callboard/api';
import { accountsEnvironmentSchema } from '@callboard/accounts';
import { parseEnvironment } from '@callboard/platform';
import { loadRealtimeConfig } from '@callboard/realtime';

/** The combined process takes the platform's, the accounts', the API's and the realtime tier's settings. */
export function loadServerConfig(env: Record<string, string | undefined>) {
  const { platform, realtime } = loadRealtimeConfig(env);
  return {
    platform,
    accounts: parseEnvironment(accountsEnvironmentSchema, env),
    api: parseEnvironment(apiEnvironmentSchema, env),
    realtime,
  };
}

export type ServerConfig = ReturnType<typeof loadServerConfig>;
