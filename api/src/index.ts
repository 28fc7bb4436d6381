export { buildApiApp, openApiInfo } from './api.app.js';
export { loadApiConfig, apiEnvironmentSchema, type ApiConfig } from './config/api.config.js';
export * from './config/environment.js';
export {
  createLogger,
  logUnhandledRejections,
  redactedPaths,
  type Logger,
} from './platform/logger.js';
export {
  openPlatform,
  preparePlatform,
  closePlatform,
  type Platform,
} from './platform/platform.js';
export { connectRedis, disconnectRedis, redisReady, type Redis } from './platform/redis.js';
export { createHttpServer, honoRequestListener } from './platform/http-server.js';
export type { EventBus, BusMessage, BusHandler } from './events/event-bus.js';
export { InProcessEventBus } from './events/in-process-event-bus.js';
export { RedisEventBus } from './events/redis-event-bus.js';
export { createMetricsRegistry } from './metrics/metrics.registry.js';
export * from './http/errors.js';
export {
  ACCOUNT_EVENTS_CHANNEL,
  AccountEventSchema,
  type AccountEvent,
} from './events/account-events.js';
export { parseAccountEvent } from './events/account-event-feed.js';
export {
  createSessionValidator,
  type AuthenticatedUser,
  type SessionValidator,
  type ValidatedSession,
} from './auth/session.service.js';
export { readSessionToken, sessionCookieName, sessionIdFromToken } from './auth/session-token.js';
export {
  createAccessResolver,
  type AccessResolver,
  type CalendarAccess,
} from './access/access.service.js';
export { createAccountServices, type AccountServices } from './account-services.js';
export { originAllowed, originPolicy, type OriginPolicy } from './http/origin-policy.js';
export { clientAddress, type TrustedProxies } from './http/client-address.js';
