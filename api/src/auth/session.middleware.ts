import type { ApiEnv } from '../http/api-env.js';
import type { MiddlewareHandler } from 'hono';
import { UnauthenticatedError } from '@callboard/platform';
import { setSessionCookie, type CookiePolicy } from './session-cookie.js';
import type { SessionService, ValidatedSession } from '@callboard/accounts';
import { readSessionToken, sessionCookieName } from '@callboard/accounts';

/** Resolves the session cookie once per request and re-sends it when the expiry slid. */
export function sessionMiddleware(
  sessions: SessionService,
  cookies: CookiePolicy,
): MiddlewareHandler<ApiEnv> {
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
