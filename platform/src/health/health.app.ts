import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.js';
import { createApp } from '../http/create-app.js';
import type { Platform } from '../platform.js';
import { registerHealthRoutes } from './health.handlers.js';

/**
 * /health, /ready and /metrics alone, with the shared request logging and error shape: what a
 * process that serves no API (a realtime instance) answers on HTTP; anything else is a 404.
 */
export function createHealthApp(platform: Platform): OpenAPIHono<AppEnv> {
  const app = createApp(platform);
  registerHealthRoutes(app, platform);
  return app;
}
