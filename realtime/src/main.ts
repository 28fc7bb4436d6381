import {
  buildApiApp,
  closePlatform,
  createAccessResolver,
  createHttpServer,
  createLogger,
  createSessionValidator,
  exitOnConfigError,
  honoRequestListener,
  logUnhandledRejections,
  openPlatform,
  preparePlatform,
} from '@callboard/api';
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
const realtime = createRealtimeServer(platform, config.realtime, {
  sessions: createSessionValidator(platform),
  access: createAccessResolver(platform),
});
// Health, readiness and metrics of this instance, for the proxy and Prometheus.
const server = createHttpServer(honoRequestListener(buildApiApp(platform).fetch));
realtime.attach(server);
server.on('upgrade', (request, socket, head) => {
  if (request.url?.startsWith('/socket.io')) return;
  if (!realtime.handleUpgrade(request, socket, head)) socket.destroy();
});
await preparePlatform(platform);
server.listen(config.platform.PORT, config.platform.HOST, () => {
  logger.info({ port: config.platform.PORT }, 'realtime listening');
});

const shutdown = async () => {
  server.close();
  await realtime.close();
  await closePlatform(platform);
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
