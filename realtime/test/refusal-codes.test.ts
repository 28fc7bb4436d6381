import {
  apiRequest,
  createTestCalendar,
  registerTestUser,
  TEST_ORIGIN,
} from '@callboard/api/testing';
import { createTestDatabase } from '@callboard/db/testing';
import { ERROR_CODES } from '@callboard/domain';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectSocket, send } from './support/socket-io-test-client.js';
import { useSocketIoTestFile } from './support/socket-io-test-file.js';

// One instance with the API, /yjs and socket.io on one port and the real accounts tier; the
// limits are small so that each transport's rate limit is reached in a few requests.
const testDatabase = await createTestDatabase();
const file = useSocketIoTestFile(testDatabase, {
  API_RATE_LIMIT_PER_MINUTE: '300',
  REALTIME_MAX_CONNECTIONS_PER_USER: '1',
  REALTIME_SOCKET_EVENTS_PER_SECOND: '1',
  REALTIME_SOCKET_EVENT_BURST: '2',
});

/** The status and error code of a refused /yjs upgrade. */
function yjsRefusal(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; code: string }> {
  const url = file.instance().url.replace('http', 'ws');
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url}${path}`, { headers });
    ws.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, code: JSON.parse(body).error.code });
        ws.terminate();
      });
    });
    ws.on('open', () => reject(new Error(`${path} was accepted`)));
    ws.on('error', () => undefined);
  });
}

/** The error code a socket.io handshake was refused with. */
async function socketRefusal(cookie: string | undefined, origin?: string): Promise<string> {
  const { socket, connected } = connectSocket(
    file.instance().url,
    cookie,
    origin ? { origin } : {},
  );
  try {
    await connected;
    throw new Error('the handshake was accepted');
  } catch (error) {
    return (error as Error).message;
  } finally {
    socket.disconnect();
  }
}

async function httpCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe.skipIf(!testDatabase)('refusal codes across HTTP, /yjs and socket.io', () => {
  it('says unauthenticated without a session, on every transport', async () => {
    const { calendar } = await file.production();
    const http = await fetch(`${file.instance().url}/api/projects`);
    expect([http.status, await httpCode(http)]).toEqual([401, ERROR_CODES.unauthenticated]);
    expect(await yjsRefusal(`/yjs/${calendar.id}`, { origin: TEST_ORIGIN })).toEqual({
      status: 401,
      code: ERROR_CODES.unauthenticated,
    });
    expect(await socketRefusal(undefined)).toBe(ERROR_CODES.unauthenticated);
  });

  it('ends an upgrade to a path no transport serves, next to socket.io', async () => {
    const url = file.instance().url.replace('http', 'ws');
    for (const path of ['/nowhere', '/socket.iox', '/socket.io']) {
      const ws = new WebSocket(`${url}${path}`);
      const outcome = await new Promise<string>((resolve) => {
        ws.on('open', () => resolve('open'));
        ws.on('unexpected-response', () => resolve('response'));
        ws.on('error', (error) => resolve(error.message));
      });
      expect(outcome, path).toBe('socket hang up');
    }
  });

  it('says not_found for a calendar or project of which the user is not a member', async () => {
    const { calendar, project } = await file.production();
    const stranger = await registerTestUser(file.instance().api);
    const http = await apiRequest(file.instance().api, 'GET', `/api/calendars/${calendar.id}`, {
      cookie: stranger.cookie,
    });
    expect([http.status, await httpCode(http)]).toEqual([404, ERROR_CODES.notFound]);
    expect(await yjsRefusal(`/yjs/${calendar.id}`, { cookie: stranger.cookie })).toEqual({
      status: 404,
      code: ERROR_CODES.notFound,
    });
    const socket = await file.connect(stranger);
    const ack = await send(socket, 'project:follow', { projectId: project.id });
    expect(ack).toMatchObject({ ok: false, error: { code: ERROR_CODES.notFound } });
  });

  it('says csrf for another site’s page, and forbidden for what the role does not allow', async () => {
    const { owner, viewer, project, calendar } = await file.production();
    const evil = 'https://evil.example.com';
    const http = await file.instance().api.request('http://localhost:3000/api/projects', {
      method: 'POST',
      headers: { origin: evil, cookie: owner.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect([http.status, await httpCode(http)]).toEqual([403, ERROR_CODES.crossOrigin]);
    expect(await yjsRefusal(`/yjs/${calendar.id}`, { cookie: owner.cookie, origin: evil })).toEqual(
      { status: 403, code: ERROR_CODES.crossOrigin },
    );
    expect(await socketRefusal(owner.cookie, evil)).toBe(ERROR_CODES.crossOrigin);

    const viewerWrite = await apiRequest(
      file.instance().api,
      'POST',
      `/api/projects/${project.id}/calendars`,
      { cookie: viewer.cookie, body: { name: 'Unit 2', timezone: 'Europe/London' } },
    );
    expect([viewerWrite.status, await httpCode(viewerWrite)]).toEqual([403, ERROR_CODES.forbidden]);
    const socket = await file.connect(viewer);
    await send(socket, 'project:follow', { projectId: project.id });
    const presence = await send(socket, 'presence:set', {
      projectId: project.id,
      calendarId: calendar.id,
    });
    expect(presence).toMatchObject({ ok: false, error: { code: ERROR_CODES.forbidden } });
  });

  it('says rate_limited past each transport’s limit', async () => {
    const { owner, project } = await file.production();
    const own = await createTestCalendar(file.instance().api, owner, project.id);

    const open = new WebSocket(`${file.instance().url.replace('http', 'ws')}/yjs/${own.id}`, {
      headers: { cookie: owner.cookie },
    });
    await new Promise((resolve, reject) => open.once('open', resolve).once('error', reject));
    expect(await yjsRefusal(`/yjs/${own.id}`, { cookie: owner.cookie })).toEqual({
      status: 429,
      code: ERROR_CODES.rateLimited,
    });
    open.close();

    const socket = await file.connect(owner);
    const acks = await Promise.all(
      Array.from({ length: 3 }, () => send(socket, 'project:follow', { projectId: project.id })),
    );
    expect(acks.map((ack) => (ack.ok ? 'ok' : ack.error.code))).toContain(ERROR_CODES.rateLimited);

    // Last: the per-address API budget is shared by every test of this file.
    let http: Response;
    do
      http = await apiRequest(file.instance().api, 'GET', '/api/projects', {
        cookie: owner.cookie,
      });
    while (http.status === 200);
    expect([http.status, await httpCode(http)]).toEqual([429, ERROR_CODES.rateLimited]);
  });
});
