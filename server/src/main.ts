import { createLogger, exitOnConfigError, logUnhandledRejections } from '@callboard/platform';
import { loadServerConfig, type ServerConfig } from './config/server.config.js';
import { startCallboardServer } from './callboard.server.js';

let config: ServerConfig;
try {
  config = loadServerConfig(process.env);
} catch (error) {
  exitOnConfigError(error);
}
const logger = createLogger({
  level: config.platform.LOG_LEVEL,
  format: config.platform.logFormat,
});
logUnhandledRejections(logger);

let running;
try {
  running = await startCallboardServer(config, logger);
} catch (error) {
  logger.fatal({ err: error }, 'could not start');
  process.exit(1);
}
const database = config.platform.DATABASE_URL
  ? 'Postgres at DATABASE_URL'
  : `embedded PGlite in ${config.platform.DATA_DIR}`;
const fanOut = config.platform.REDIS_URL ? 'Redis at REDIS_URL' : 'in-process';
logger.info(`database: ${database}; fan-out: ${fanOut}`);
logger.info(`Callboard is running at ${running.url}`);

// SIGTERM must finish within 10 s: flush, close sockets with 1001, exit.
let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  setTimeout(() => process.exit(1), 9_000).unref();
  running.close().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.once('SIGTERM', () => stop('SIGTERM'));
process.once('SIGINT', () => stop('SIGINT'));
