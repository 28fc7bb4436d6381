import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.js';
import { ForbiddenError } from './errors.js';
import { originAllowed, type OriginPolicy } from './origin-policy.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing requests that carry cookies, or say where they come from, must come from
 * our own origin (see origin-policy.ts).
 */
export function csrfMiddleware(policy: OriginPolicy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    const hasCookie = Boolean(c.req.header('cookie'));
    if (!origin && !hasCookie) return next();
    if (!origin || !originAllowed(origin, policy, new URL(c.req.url).host)) {
      throw new ForbiddenError('Cross-origin request refused.', 'csrf');
    }
    await next();
  };
}
