import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAccounts, loadAccountsConfig } from '@callboard/accounts';
import { buildTestApi } from '@callboard/api/testing';
import {
  closePlatform,
  createLogger,
  loadPlatformConfig,
  openPlatform,
  preparePlatform,
} from '@callboard/platform';
import { getRequestListener } from '@hono/node-server';
import {
  createRealtimeServer,
  realtimeEnvironmentSchema,
  type RealtimeServer,
} from '../../src/index.js';

export interface RealtimeInstance {
  url: string;
  api: ReturnType<typeof buildTestApi>;
  realtime: RealtimeServer;
  close(): Promise<void>;
}

/**
 * One whole realtime instance as production runs it: the real accounts tier, /yjs, socket.io
 * and the API on one port, against a shared test database and (optionally) Redis.
 */
export async function startRealtimeInstance(options: {
  databaseUrl: string;
  redis: { url: string; prefix: string } | null;
  /** Realtime settings for this test, e.g. a quick access re-check. */
  env?: Record<string, string>;
}): Promise<RealtimeInstance> {
  const env = {
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redis?.url ?? '',
    REDIS_PREFIX: options.redis?.prefix ?? 'test:',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://localhost:3000',
    ...options.env,
  };
  const platform = await openPlatform(
    loadPlatformConfig(env),
    createLogger({ level: 'silent', format: 'json' }),
  );
  await preparePlatform(platform);
  // One accounts instance for the API and the realtime tier, as the combined server has.
  const accounts = createAccounts(platform, loadAccountsConfig(env));
  const api = buildTestApi(platform, accounts, env);
  const realtime = createRealtimeServer(platform, realtimeEnvironmentSchema.parse(env), {
    sessions: accounts.sessions,
    access: accounts.access,
    accountEvents: accounts.events,
  });
  const listener = getRequestListener(api.fetch);
  const server = http.createServer((req, res) => void listener(req, res));
  realtime.attach(server);
  server.on('upgrade', (request, socket, head) => {
    if (!realtime.handleUpgrade(request, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    api,
    realtime,
    async close() {
      await realtime.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      accounts.close();
      await closePlatform(platform);
    },
  };
}
