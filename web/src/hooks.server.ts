import { env } from '$env/dynamic/public';
import { securityHeaders } from '@callboard/domain';
import type { Handle, RequestEvent } from '@sveltejs/kit';

const headers = securityHeaders(env.PUBLIC_URL);

/** Pages of one resource, and the API route that says whether the visitor may see it. */
const RESOURCE_PAGES: Record<string, (params: Record<string, string>) => string> = {
  '/projects/[projectId]': (params) => `/api/projects/${encodeURIComponent(params.projectId!)}`,
  '/calendars/[calendarId]': (params) => `/api/calendars/${encodeURIComponent(params.calendarId!)}`,
  '/calendars/[calendarId]/board': (params) =>
    `/api/calendars/${encodeURIComponent(params.calendarId!)}`,
};

/** A slow API must not hold the page: the app in the browser decides either way. */
const CHECK_TIMEOUT_MS = 1_000;
/** After the API could not be reached, pages stop asking for this long. */
const UNREACHABLE_BACKOFF_MS = 60_000;
let unreachableUntil = 0;

/**
 * The origin the API answers on: PUBLIC_URL, which the proxy routes to it; without one the
 * install is plain http on the host the browser used (adapter-node would assume https).
 */
const apiOrigin = (event: RequestEvent) => env.PUBLIC_URL || `http://${event.url.host}`;

/**
 * Whether the page should answer 404: pages render in the browser (ssr is off), so the status
 * comes from asking the API, with the visitor's cookie, what the page's loader will ask. Any
 * other answer (signed out, an unreachable API, a timeout) leaves the usual 200.
 */
async function resourceMissing(event: RequestEvent): Promise<boolean> {
  const route = event.route.id && RESOURCE_PAGES[event.route.id];
  if (!route || event.request.method !== 'GET' || Date.now() < unreachableUntil) return false;
  try {
    const response = await fetch(new URL(route(event.params), apiOrigin(event)), {
      headers: { cookie: event.request.headers.get('cookie') ?? '' },
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
    return response.status === 404;
  } catch {
    // Say, a public origin this process cannot reach: do not slow every page down.
    unreachableUntil = Date.now() + UNREACHABLE_BACKOFF_MS;
    return false;
  }
}

/** Pages carry the shared security headers; SvelteKit itself sets their CSP (kit.csp). */
export const handle = (async ({ event, resolve }) => {
  event.setHeaders(headers);
  const [resolved, missing] = await Promise.all([resolve(event), resourceMissing(event)]);
  const response = missing
    ? new Response(resolved.body, { status: 404, headers: resolved.headers })
    : resolved;
  // No 304 for pages: it carries no CSP, so the server's or the proxy's default one (without
  // the bootstrap script's hash) would replace the page's in the browser cache.
  response.headers.delete('etag');
  return response;
}) satisfies Handle;
