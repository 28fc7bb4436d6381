import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@callboard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, honoRequestListener } from '@callboard/platform';
import { isErrorShape, rawHttpExchange, rawPost, type RawResponse } from '../src/testing/index.js';
import { startApiUnderTest } from './support/api-under-test.js';

// Request lines are logged at info, so a test can see how the app finished a request.
const api = await startApiUnderTest({ LOG_LEVEL: 'info' });

function expectJsonErrors(responses: RawResponse[], status: number): void {
  expect(responses.length, 'at least one answer').toBeGreaterThan(0);
  for (const response of responses) {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(isErrorShape(response.body), response.body).toBe(true);
  }
}

const login = JSON.stringify({ email: 'someone@example.test', password: 'not the password' });

describe.skipIf(!api)('an API server facing requests it cannot frame', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    // A short request timeout so a body that never arrives is answered during the test.
    server = createHttpServer(honoRequestListener(api!.app.fetch), {
      requestTimeout: 1_000,
      connectionsCheckingInterval: 200,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers a body longer than its Content-Length with the JSON error shape', async () => {
    expectJsonErrors(await rawHttpExchange(port, rawPost('/api/auth/login', login, 10)), 400);
  });

  it('answers a body shorter than its Content-Length with the JSON error shape once the client stops sending', async () => {
    const responses = await rawHttpExchange(
      port,
      rawPost('/api/auth/login', login, login.length + 50),
      {
        halfClose: true,
      },
    );
    expectJsonErrors(responses, 400);
  });

  it('answers a body that never arrives with a JSON 408 instead of waiting for ever', async () => {
    expectJsonErrors(
      await rawHttpExchange(port, rawPost('/api/auth/login', login, login.length + 50)),
      408,
    );
  });

  it('answers bytes that are not HTTP, and a bad chunk size, with a JSON 400', async () => {
    expectJsonErrors(await rawHttpExchange(port, 'HELLO THERE\r\n\r\n'), 400);
    expectJsonErrors(
      await rawHttpExchange(
        port,
        'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      ),
      400,
    );
  });

  it("treats a chunked body cut off by the client as the client's fault, not an internal error", async () => {
    const request =
      'POST /api/projects HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      'Transfer-Encoding: chunked\r\n\r\n5\r\n{"nam\r\nzz\r\n';
    expectJsonErrors(await rawHttpExchange(port, request), 400);
    const finished = () =>
      api!.test
        .logs()
        .split('\n')
        .find(
          (line) => line.includes('"path":"/api/projects"') && line.includes('"msg":"request"'),
        );
    await waitFor(() => finished() !== undefined, 'the app to finish the cut-off request');
    expect(finished()).not.toContain('"status":500');
    expect(api!.test.logs()).not.toContain('unhandled error');
  });

  it('answers oversized headers with a JSON 431', async () => {
    const request = `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`;
    expectJsonErrors(await rawHttpExchange(port, request), 431);
  });

  it('answers a Host header or request target it cannot turn into a URL with a JSON 400', async () => {
    for (const request of [
      'GET /api/auth/me HTTP/1.1\r\nHost: exa mple\r\nConnection: close\r\n\r\n',
      'GET /api\\..\\health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
    ]) {
      expectJsonErrors(await rawHttpExchange(port, request), 400);
    }
  });

  it('still serves a well-formed request on the same server', async () => {
    const [response] = await rawHttpExchange(
      port,
      'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
    );
    expect(response?.status).toBe(200);
  });
});
