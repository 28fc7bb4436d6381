import { createAccounts } from '@callboard/accounts';
import {
  closePlatform,
  createHealthApp,
  createHttpServer,
  createLogger,
  exitOnConfigError,
  honoRequestListener,
  logUnhandledRejections,
  openPlatform,
  preparePlatform,
} from '@callboard/platform';
import { loadRealtimeConfig } from './config/realtime.config.js';
import { createRealtimeServer } from './realtime.server.js';

// The realtime tier alone, as production runs several of it behind the reverse proxy.
let config;
try {
  config = loadRealtimeConfig(process.env);
} catch (error) {
  exitOnConfigError(error);
}
const logger = createLogger({
  level: config.platform.LOG_LEVEL,
  format: config.platform.logFormat,
});
logUnhandledRejections(logger);
const platform = await openPlatform(config.platform, logger);
const accounts = createAccounts(platform, config.accounts);
const realtime = createRealtimeServer(platform, config.realtime, {
  sessions: accounts.sessions,
  access: accounts.access,
  accountEvents: accounts.events,
});
// This instance's health, readiness and metrics, for the proxy and Prometheus; no API here.
const server = createHttpServer(honoRequestListener(createHealthApp(platform).fetch));
realtime.attach(server);
server.on('upgrade', (request, socket, head) => {
  if (!realtime.handleUpgrade(request, socket, head)) socket.destroy();
});
await preparePlatform(platform);
server.listen(config.platform.PORT, config.platform.HOST, () => {
  logger.info({ port: config.platform.PORT }, 'realtime listening');
});

const shutdown = async () => {
  server.close();
  await realtime.close();
  accounts.close();
  await closePlatform(platform);
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
