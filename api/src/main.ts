import { serve } from '@hono/node-server';
import { buildApiApp } from './api.app.js';
import { loadApiConfig } from './config/api.config.js';
import { exitOnConfigError } from './config/environment.js';
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
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  logger.info({ port: info.port }, 'api listening');
});
await preparePlatform(platform);

const shutdown = () => {
  server.close();
  void closePlatform(platform).finally(() => process.exit(0));
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
