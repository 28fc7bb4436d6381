import type { ApiEnv } from './api-env.js';
import type { MiddlewareHandler } from 'hono';
import { CrossOriginError, originAllowed, type OriginPolicy } from '@callboard/platform';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing requests that carry cookies, or say where they come from, must come from
 * our own origin (see origin-policy.ts).
 */
export function csrfMiddleware(policy: OriginPolicy): MiddlewareHandler<ApiEnv> {
  const check: MiddlewareHandler<ApiEnv> = async (c, next) => {
    const origin = c.req.header('origin');
    const hasCookie = Boolean(c.req.header('cookie'));
    if (!origin && !hasCookie) return next();
    if (!origin || !originAllowed(origin, policy, new URL(c.req.url).host)) {
      throw new CrossOriginError();
    }
    await next();
  };
  // Reads pass straight through, without an async layer of their own.
  return (c, next) => (SAFE_METHODS.has(c.req.method) ? next() : check(c, next));
}
