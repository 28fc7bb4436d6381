import type { AddressInfo } from 'node:net';
import { buildApiApp } from './api.app.js';
import { loadApiConfig } from './config/api.config.js';
import { exitOnConfigError } from './config/environment.js';
import { createHttpServer, honoRequestListener } from './platform/http-server.js';
import { createLogger, logUnhandledRejections } from './platform/logger.js';
import { closePlatform, openPlatform, preparePlatform } from './platform/platform.js';

// The API alone, as production runs it behind the reverse proxy.
let config;
try {
  config = loadApiConfig(process.env);
} catch (error) {
  exitOnConfigError(error);
}
const logger = createLogger({ level: config.LOG_LEVEL, format: config.logFormat });
logUnhandledRejections(logger);
const platform = await openPlatform(config, logger);
const app = buildApiApp(platform);
const server = createHttpServer(honoRequestListener(app.fetch));
server.listen(config.PORT, config.HOST, () => {
  logger.info({ port: (server.address() as AddressInfo).port }, 'api listening');
});
await preparePlatform(platform);

const shutdown = () => {
  server.close();
  void closePlatform(platform).finally(() => process.exit(0));
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
