import type { ApiEnv } from './http/api-env.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { createApiServices } from './api-services.js';
import type { ApiSettings } from './config/api.config.js';
import { registerAuthRoutes } from './auth/auth.handlers.js';
import { sessionMiddleware } from './auth/session.middleware.js';
import { sessionCookieName, type Accounts } from '@callboard/accounts';
import { registerCalendarRoutes } from './calendars/calendars.handlers.js';
import {
  registerHealthRoutes,
  createApp,
  originPolicy,
  AppError,
  PayloadTooLargeError,
} from '@callboard/platform';
import type { Platform } from '@callboard/platform';
import { csrfMiddleware } from './http/csrf.middleware.js';
import { rateLimitMiddleware } from './http/rate-limit.middleware.js';
import { registerInviteRoutes } from './invites/invites.handlers.js';
import { registerMemberRoutes } from './members/members.handlers.js';
import { registerProjectRoutes } from './projects/projects.handlers.js';
import { registerVersionRoutes } from './versions/versions.handlers.js';

export const openApiInfo = {
  openapi: '3.1.0',
  info: {
    title: 'Callboard API',
    version: '1.0.0',
    description:
      'Accounts, projects, calendars and operations endpoints of a Callboard install. ' +
      'Authentication is the session cookie (`__Host-session` under https, `session` over http); ' +
      'state-changing requests must come from the app origin.',
  },
};

/** JSON bodies of the API are small; anything larger is refused before it is parsed. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Builds the whole HTTP API for one process: operations routes at the root, the rest under
 * /api, over the process's one accounts instance (shared with its realtime tier, if any).
 */
export function buildApiApp(
  platform: Platform,
  accounts: Accounts,
  settings: ApiSettings,
): OpenAPIHono<ApiEnv> {
  const app = createApp<{ session: ApiEnv['Variables']['session'] }>(platform);
  const services = createApiServices(platform, accounts, settings);
  const cookies = {
    secure: platform.config.secureCookies,
    maxAgeSeconds: services.sessions.ttlSeconds,
  };

  app.use('/api/*', rateLimitMiddleware(platform, settings.API_RATE_LIMIT_PER_MINUTE));
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new PayloadTooLargeError(MAX_BODY_BYTES);
    },
  });
  // Only requests that may carry a body: touching the body of a GET makes @hono/node-server
  // build a full Request object, which cost most of the throughput of authenticated reads.
  app.use('/api/*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD'
      ? next()
      : limitBody(c, next).catch((error: unknown) => {
          // A chunked body stops arriving when its client goes away: the client's fault, not ours.
          if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') throw error;
          throw new AppError(400, 'bad_request', 'The request body was cut off.');
        }),
  );
  app.use('/api/*', csrfMiddleware(originPolicy(platform.config)));
  app.use('/api/*', sessionMiddleware(services.sessions, cookies));

  registerHealthRoutes(app, platform);
  registerAuthRoutes(app, services.auth, cookies);
  registerProjectRoutes(app, services.projects);
  registerMemberRoutes(app, services.members);
  registerInviteRoutes(app, services.invites);
  registerCalendarRoutes(app, services.calendars);
  registerVersionRoutes(app, services.versions);

  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: sessionCookieName(platform.config.secureCookies),
  });
  app.doc31('/api/openapi.json', openApiInfo);
  return app;
}
