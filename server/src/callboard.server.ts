import type { AddressInfo } from 'node:net';
import { createAccounts } from '@callboard/accounts';
import { buildApiApp } from '@callboard/api';
import {
  createHttpServer,
  closePlatform,
  honoRequestListener,
  openPlatform,
  preparePlatform,
  type Logger,
} from '@callboard/platform';
import { createRealtimeServer } from '@callboard/realtime';
import type { ServerConfig } from './config/server.config.js';
import { answerNoSuchPage, applySecurityHeaders, loadWebHandler } from './web-handler.js';

/** Paths the Hono app answers; everything else but /socket.io goes to the web app. */
const API_PATH = /^\/(api(\/|$)|health$|ready$|metrics$)/;

export interface RunningServer {
  url: string;
  port: number;
  /** Graceful stop: no new connections, pending writes flushed, sockets closed with 1001. */
  close(): Promise<void>;
}

/** Starts the API, the realtime tier and the web app on one port, the default way to run. */
export async function startCallboardServer(
  config: ServerConfig,
  logger: Logger,
): Promise<RunningServer> {
  const platform = await openPlatform(config.platform, logger);
  // One session service, access service and account-event feed, shared by both tiers.
  const accounts = createAccounts(platform, config.accounts);
  const api = honoRequestListener(buildApiApp(platform, accounts, config.api).fetch);
  const realtime = createRealtimeServer(platform, config.realtime, {
    sessions: accounts.sessions,
    access: accounts.access,
    accountEvents: accounts.events,
  });
  const web = await loadWebHandler(logger);
  if (!web)
    logger.warn('web app build not found (run `npm run build`); serving API and realtime only');

  const server = createHttpServer((req, res) => {
    const path = req.url ?? '/';
    if (API_PATH.test(path.split('?')[0]!)) return api(req, res);
    if (web) return web(req, res, () => answerNoSuchPage(res));
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ error: { code: 'unavailable', message: 'The web app is not built.' } }),
    );
  });
  realtime.attach(server);
  applySecurityHeaders(server, config.platform.PUBLIC_URL);
  server.on('upgrade', (request, socket, head) => {
    if (!realtime.handleUpgrade(request, socket, head)) socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.platform.PORT, config.platform.HOST, () => resolve());
  });
  await preparePlatform(platform);
  const port = (server.address() as AddressInfo).port;
  const publicUrl = config.platform.PUBLIC_URL ?? `http://localhost:${port}`;

  return {
    url: publicUrl.replace(/\/$/, ''),
    port,
    async close() {
      server.close();
      await realtime.close();
      server.closeAllConnections();
      accounts.close();
      await closePlatform(platform);
    },
  };
}
