import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { UnauthenticatedError } from '../http/errors.js';
import { setSessionCookie, type CookiePolicy } from './session-cookie.js';
import type { SessionService, ValidatedSession } from './session.service.js';
import { readSessionToken, sessionCookieName } from './session-token.js';

/** Resolves the session cookie once per request and re-sends it when the expiry slid. */
export function sessionMiddleware(
  sessions: SessionService,
  cookies: CookiePolicy,
): MiddlewareHandler<AppEnv> {
  const cookieName = sessionCookieName(cookies.secure);
  return async (c, next) => {
    const token = readSessionToken(c.req.header('cookie'), cookieName);
    const cached = token && sessions.cachedSession(token);
    if (cached) {
      c.set('session', cached);
      return next();
    }
    const validated = token ? await sessions.validateToken(token) : null;
    if (validated) {
      const { renewed, ...session } = validated;
      c.set('session', session);
      if (renewed) setSessionCookie(c, token!, cookies);
    }
    await next();
  };
}

/** The session of a request that requires one; 401 otherwise. */
export function requireSession(session: ValidatedSession | undefined): ValidatedSession {
  if (!session) throw new UnauthenticatedError();
  return session;
}
