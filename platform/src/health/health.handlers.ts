import type { OpenAPIHono } from '@hono/zod-openapi';
import { errorBody } from '../errors/errors.js';
import type { AppEnv } from '../http/app-env.js';
import type { Platform } from '../platform.js';
import { healthRoute, metricsRoute, readyRoute } from './health.routes.js';
import { checkHealth } from './health.service.js';
import { assertMetricsAccess } from './metrics-policy.js';

export function registerHealthRoutes<V extends object>(
  app: OpenAPIHono<AppEnv<V>>,
  platform: Platform,
): void {
  app.openapi(healthRoute, async (c) => {
    const report = await checkHealth(platform);
    return report.status === 'ok' ? c.json(report, 200) : c.json(report, 503);
  });
  app.openapi(readyRoute, (c) =>
    platform.readiness.migrated
      ? c.json({ status: 'ready' as const }, 200)
      : c.json(errorBody('unavailable', 'Migrations have not finished.'), 503),
  );
  app.openapi(metricsRoute, async (c) => {
    assertMetricsAccess(platform.config.METRICS_TOKEN, {
      authorization: c.req.header('authorization'),
      peerAddress: c.env?.incoming?.socket.remoteAddress,
      forwarded:
        c.req.header('x-forwarded-for') !== undefined || c.req.header('forwarded') !== undefined,
    });
    return c.text(await platform.metrics.metrics(), 200, {
      'Content-Type': platform.metrics.contentType,
    });
  });
}
