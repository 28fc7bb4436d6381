import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import {
  closePlatform,
  createLogger,
  openPlatform,
  preparePlatform,
  loadPlatformConfig,
  type Platform,
} from '@callboard/platform';
import { AccountEventFeed } from '@callboard/accounts';
import {
  createRealtimeServer,
  realtimeEnvironmentSchema,
  type RealtimeDependencies,
  type RealtimeServer,
} from '../../src/index.js';

type RelayTestDependencies = Omit<RealtimeDependencies, 'accountEvents'> &
  Partial<Pick<RealtimeDependencies, 'accountEvents'>>;

export interface RelayTestServer {
  /** Base URL for the WebsocketProvider: ws://127.0.0.1:<port>/yjs */
  yjsUrl: string;
  port: number;
  platform: Platform;
  realtime: RealtimeServer;
  close(): Promise<void>;
}

/** The real relay on port 0 against a test database (and Redis when given). */
export async function startRelayTestServer(options: {
  databaseUrl: string;
  /**
   * The accounts side: fakes, or a function building the real one on the relay's platform.
   * Without an account-event feed, one is made on the relay's bus.
   */
  deps: RelayTestDependencies | ((platform: Platform) => RelayTestDependencies);
  redis?: { url: string; prefix: string } | null;
  env?: Record<string, string>;
  /** A fixed port, to restart a relay where its clients reconnect; default any free port. */
  port?: number;
  /** Where the relay's JSON log lines go, for tests that check what was logged. */
  logDestination?: Writable;
}): Promise<RelayTestServer> {
  const env = {
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redis?.url ?? '',
    REDIS_PREFIX: options.redis?.prefix ?? 'test:',
    LOG_LEVEL: 'silent',
    ...options.env,
  };
  const platform = await openPlatform(
    loadPlatformConfig(env),
    createLogger({ level: env.LOG_LEVEL, format: 'json', destination: options.logDestination }),
  );
  // Marks the platform ready (the test database is already migrated) so the API answers too.
  await preparePlatform(platform);
  const given = typeof options.deps === 'function' ? options.deps(platform) : options.deps;
  const feed = given.accountEvents ? null : new AccountEventFeed(platform.bus, platform.logger);
  await feed?.start();
  const realtime = createRealtimeServer(platform, realtimeEnvironmentSchema.parse(env), {
    ...given,
    accountEvents: given.accountEvents ?? feed!,
  });
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (request, socket, head) => {
    if (!realtime.handleUpgrade(request, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    yjsUrl: `ws://127.0.0.1:${port}/yjs`,
    port,
    platform,
    realtime,
    async close() {
      server.close();
      await realtime.close();
      server.closeAllConnections();
      feed?.close();
      await closePlatform(platform);
    },
  };
}
