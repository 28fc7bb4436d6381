import { TEST_ORIGIN } from '@callboard/api/testing';

/**
 * Sends what @callboard/api/testing's helpers send to an app in memory to a running server
 * instead, so a test of processes registers users and creates projects with the same helpers.
 * The server must take TEST_ORIGIN as its PUBLIC_URL, since the helpers claim that origin.
 */
export function remoteApp(baseUrl: string) {
  return {
    request(input: string | Request | URL, init?: RequestInit): Promise<Response> {
      const url = new URL(input instanceof Request ? input.url : input);
      if (url.origin !== TEST_ORIGIN) throw new Error(`not a test request: ${url.href}`);
      return fetch(`${baseUrl}${url.pathname}${url.search}`, init);
    },
  };
}
