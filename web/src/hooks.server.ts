import { env } from '$env/dynamic/public';
import { securityHeaders } from '@callboard/domain';
import type { Handle } from '@sveltejs/kit';

const headers = securityHeaders(env.PUBLIC_URL);

/** Pages carry the shared security headers; SvelteKit itself sets their CSP (kit.csp). */
export const handle = (async ({ event, resolve }) => {
  event.setHeaders(headers);
  const response = await resolve(event);
  // No 304 for pages: it carries no CSP, so the server's or the proxy's default one (without
  // the bootstrap script's hash) would replace the page's in the browser cache.
  response.headers.delete('etag');
  return response;
}) satisfies Handle;
