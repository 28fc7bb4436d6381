import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import {
  closePlatform,
  createLogger,
  loadApiConfig,
  openPlatform,
  preparePlatform,
  type Platform,
} from '@callboard/api';
import {
  createRealtimeServer,
  realtimeEnvironmentSchema,
  type RealtimeDependencies,
  type RealtimeServer,
} from '../../src/index.js';

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
  /** The accounts side: fakes, or a function building the real one on the relay's platform. */
  deps: RealtimeDependencies | ((platform: Platform) => RealtimeDependencies);
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
    loadApiConfig(env),
    createLogger({ level: env.LOG_LEVEL, format: 'json', destination: options.logDestination }),
  );
  // Marks the platform ready (the test database is already migrated) so the API answers too.
  await preparePlatform(platform);
  const deps = typeof options.deps === 'function' ? options.deps(platform) : options.deps;
  const realtime = createRealtimeServer(platform, realtimeEnvironmentSchema.parse(env), deps);
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
      await closePlatform(platform);
    },
  };
}
