import type { ApiEnv } from '../http/api-env.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AuthService } from './auth.service.js';
import {
  changePasswordRoute,
  loginRoute,
  logoutRoute,
  meRoute,
  registerRoute,
} from './auth.routes.js';
import { clearSessionCookie, setSessionCookie, type CookiePolicy } from './session-cookie.js';
import { requireSession } from './session.middleware.js';

export function registerAuthRoutes(
  app: OpenAPIHono<ApiEnv>,
  auth: AuthService,
  cookies: CookiePolicy,
): void {
  app.openapi(registerRoute, async (c) => {
    const { user, token } = await auth.register(c.req.valid('json'), c.get('clientIp'));
    setSessionCookie(c, token, cookies);
    return c.json({ user }, 201);
  });

  app.openapi(loginRoute, async (c) => {
    const { user, token } = await auth.login(c.req.valid('json'), c.get('clientIp'));
    setSessionCookie(c, token, cookies);
    return c.json({ user }, 200);
  });

  app.openapi(logoutRoute, async (c) => {
    const session = requireSession(c.get('session'));
    await auth.logout({ sessionId: session.sessionId, userId: session.user.id }, c.get('clientIp'));
    clearSessionCookie(c, cookies);
    return c.body(null, 204);
  });

  app.openapi(meRoute, (c) => c.json({ user: requireSession(c.get('session')).user }, 200));

  app.openapi(changePasswordRoute, async (c) => {
    const session = requireSession(c.get('session'));
    const { token } = await auth.changePassword(
      session.user.id,
      c.req.valid('json'),
      c.get('clientIp'),
    );
    setSessionCookie(c, token, cookies);
    return c.body(null, 204);
  });
}
