import { OpenAPIHono } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Platform } from '../platform.js';
import type { AppEnv } from './app-env.js';
import { clientAddress } from './client-address.js';
import {
  AppError,
  errorBody,
  NotFoundError,
  requestErrorFromDatabase,
  ServiceUnavailableError,
  ValidationError,
} from '../errors/errors.js';
import { assignRequestId } from './request-id.js';

/** An OpenAPIHono whose validation failures become our 400 error body. */
export function createRouter<V extends object = object>(): OpenAPIHono<AppEnv<V>> {
  return new OpenAPIHono<AppEnv<V>>({
    defaultHook: (result) => {
      // A malformed id in a path is answered like an unknown one, so ids never leak.
      if (!result.success && result.target === 'param') throw new NotFoundError();
      if (!result.success) {
        const issue = result.error.issues[0];
        const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
        throw new ValidationError(`${where}${issue?.message ?? 'Invalid input.'}`);
      }
    },
  });
}

function clientIp(platform: Platform, c: Parameters<typeof getConnInfo>[0]): string {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    // app.request() in tests has no socket.
  }
  return clientAddress(peer, c.req.header('x-forwarded-for'), platform.config.TRUST_PROXY);
}

/** The API proper answers only once migrations have run; operations routes always answer. */
const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * The one place that registers request ids, request logging, the readiness gate,
 * not-found and the error handler for every route.
 */
export function createApp<V extends object = object>(platform: Platform): OpenAPIHono<AppEnv<V>> {
  const app = createRouter<V>();

  // One middleware for what every request needs, as each layer costs a little on hot reads.
  app.use(async (context, next) => {
    // The platform's own variables, whatever an app adds beside them.
    const c = context as unknown as Context<AppEnv>;
    const started = performance.now();
    assignRequestId(c);
    c.set('clientIp', clientIp(platform, c));
    if (!platform.readiness.migrated && isApiPath(c.req.path)) throw new ServiceUnavailableError();
    await next();
    // Most installs log requests; when they do not, nothing is built for the line.
    if (!platform.logger.isLevelEnabled('info')) return;
    // Only method and path: query strings can carry link tokens, headers carry cookies.
    platform.logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });

  app.notFound((c) => c.json(errorBody('not_found', 'No such route.'), 404));
  app.onError((error, c) => {
    const known = error instanceof AppError ? error : requestErrorFromDatabase(error);
    if (known) {
      for (const [name, value] of Object.entries(known.headers)) c.header(name, value);
      return c.json(errorBody(known.code, known.message), known.status);
    }
    if (error instanceof HTTPException && error.status < 500) {
      const [code, message] =
        error.status === 413
          ? ['payload_too_large', 'Request body is too large.']
          : error.status === 415
            ? ['unsupported_media_type', 'Send the body as application/json.']
            : ['bad_request', 'Malformed request: the body is not valid JSON.'];
      return c.json(errorBody(code, message), error.status);
    }
    platform.logger.error({ err: error, requestId: c.get('requestId') }, 'unhandled error');
    return c.json(errorBody('internal', 'Something went wrong on our side.'), 500);
  });
  return app;
}
