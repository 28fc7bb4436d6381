import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { errorBody, type Logger } from '@callboard/platform';
import { contentSecurityPolicy, securityHeaders } from '@callboard/domain';
import { createStaticAssets } from './static-assets.js';

export type WebHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Loads the SvelteKit app built by adapter-node, with its client files served by our own
 * static handler first. Imported lazily so the API and realtime tiers still start (and say
 * why) when the web build is missing.
 */
export async function loadWebHandler(logger: Logger): Promise<WebHandler | null> {
  try {
    const module = (await import('@callboard/web/handler')) as { handler: WebHandler };
    const serveStatic = createStaticAssets(
      fileURLToPath(new URL('client/', import.meta.resolve('@callboard/web/handler'))),
      logger,
    );
    return (req, res, next) => {
      const served = serveStatic(req, res, (status) => {
        if (status === 404) return next();
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify(errorBody('internal', 'Something went wrong on our side.')));
      });
      if (!served) module.handler(req, res, next);
    };
  } catch {
    return null;
  }
}

/** What a path that is neither an API route, a file nor a page gets. */
export function answerNoSuchPage(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify(errorBody('not_found', 'No such page.')));
}

/**
 * Puts the shared security headers on every response of `server`, ahead of every other
 * request listener (socket.io's long-polling included). SvelteKit replaces the CSP on pages
 * with the same policy plus its bootstrap script's hash.
 */
export function applySecurityHeaders(server: Server, publicUrl: string | undefined): void {
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy,
    ...securityHeaders(publicUrl),
  };
  server.prependListener('request', (_req, res: ServerResponse) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  });
}
