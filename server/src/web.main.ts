import {
  createHttpServer,
  createLogger,
  exitOnConfigError,
  loadPlatformConfig,
  logUnhandledRejections,
  type PlatformConfig,
} from '@callboard/platform';
import { answerNoSuchPage, applySecurityHeaders, loadWebHandler } from './web-handler.js';

// The web tier alone (the `web` service of docker-compose.prod.yml), behind the reverse proxy.
// adapter-node's own entry serves client files with sirv, whose unguarded read stream lets
// one file deleted during a redeploy end the process; this one serves them as the
// single-port server does.
// Only the platform's settings: this tier has no API, sessions or relay of its own.
let config: PlatformConfig;
try {
  config = loadPlatformConfig(process.env);
} catch (error) {
  exitOnConfigError(error);
}
const logger = createLogger({ level: config.LOG_LEVEL, format: config.logFormat });
logUnhandledRejections(logger);

const web = await loadWebHandler(logger);
if (!web) {
  logger.fatal('web app build not found: run `npm run build`');
  process.exit(1);
}
const LIVENESS = /^\/(health|ready)(\?|$)/;
const server = createHttpServer((req, res) => {
  // For the proxy's and the orchestrator's checks: this tier has no dependency to report.
  if (LIVENESS.test(req.url ?? '')) {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ status: 'ok' }));
  }
  web(req, res, () => answerNoSuchPage(res));
});
applySecurityHeaders(server, config.PUBLIC_URL);
server.listen(config.PORT, config.HOST, () => logger.info({ port: config.PORT }, 'web listening'));

const stop = () => {
  setTimeout(() => process.exit(1), 9_000).unref();
  server.close(() => process.exit(0));
  server.closeIdleConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
