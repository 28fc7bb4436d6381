import type { AddressInfo } from 'node:net';
import { createAccounts } from '@callboard/accounts';
import {
  closePlatform,
  createHttpServer,
  createLogger,
  exitOnConfigError,
  honoRequestListener,
  logUnhandledRejections,
  openPlatform,
  preparePlatform,
} from '@callboard/platform';
import { buildApiApp } from './api.app.js';
import { loadApiConfig, type ApiConfig } from './config/api.config.js';

// The API alone, as production runs it behind the reverse proxy.
let config: ApiConfig;
try {
  config = loadApiConfig(process.env);
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
const app = buildApiApp(platform, accounts, config.api);
const server = createHttpServer(honoRequestListener(app.fetch));
server.listen(config.platform.PORT, config.platform.HOST, () => {
  logger.info({ port: (server.address() as AddressInfo).port }, 'api listening');
});
await preparePlatform(platform);

const shutdown = () => {
  server.close();
  accounts.close();
  void closePlatform(platform).finally(() => process.exit(0));
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
