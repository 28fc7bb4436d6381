import { loadRealtimeConfig } from '@callboard/realtime';

/** The combined process takes the API's and the realtime tier's settings; nothing more. */
export function loadServerConfig(env: Record<string, string | undefined>) {
  return loadRealtimeConfig(env);
}

export type ServerConfig = ReturnType<typeof loadServerConfig>;
