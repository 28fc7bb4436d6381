import { TEST_ORIGIN } from '@callboard/api/testing';

/**
 * Sends what @callboard/api/testing's helpers send to an app in memory to a running server
 * instead, so a test of processes registers users and creates projects with the same helpers.
 * Requests claim `origin`, which must be the server's PUBLIC_URL (default: TEST_ORIGIN, the one
 * the helpers claim in memory).
 */
export function remoteApp(baseUrl: string, origin = TEST_ORIGIN) {
  return {
    request(input: string | Request | URL, init?: RequestInit): Promise<Response> {
      const url = new URL(input instanceof Request ? input.url : input);
      if (url.origin !== TEST_ORIGIN) throw new Error(`not a test request: ${url.href}`);
      const headers = new Headers(init?.headers);
      if (headers.has('origin')) headers.set('origin', origin);
      return fetch(`${baseUrl}${url.pathname}${url.search}`, { ...init, headers });
    },
  };
}
