export * from './config/environment.js';
export * from './config/platform.config.js';
export {
  createLogger,
  logUnhandledRejections,
  redactedPaths,
  type Logger,
} from './logging/logger.js';
export { connectRedis, disconnectRedis, redisReady, type Redis } from './redis/redis.js';
export type { EventBus, BusMessage, BusHandler } from './events/event-bus.js';
export { InProcessEventBus } from './events/in-process-event-bus.js';
export { RedisEventBus } from './events/redis-event-bus.js';
export { createMetricsRegistry, type Registry } from './metrics/metrics.registry.js';
export * from './errors/errors.js';
export { openPlatform, preparePlatform, closePlatform, type Platform } from './platform.js';
export { Readiness } from './health/readiness.js';
export { checkHealth, type HealthReport } from './health/health.service.js';
export { registerHealthRoutes } from './health/health.handlers.js';
export { createHealthApp } from './health/health.app.js';
export { assertMetricsAccess } from './health/metrics-policy.js';
export type { AppEnv, PlatformVariables } from './http/app-env.js';
export { createApp, createRouter } from './http/create-app.js';
export { createHttpServer, honoRequestListener } from './http/http-server.js';
export * from './http/openapi.js';
export { originAllowed, originPolicy, type OriginPolicy } from './http/origin-policy.js';
export { clientAddress, parseTrustedProxies, type TrustedProxies } from './http/client-address.js';
export * from './events/document-log-events.js';
