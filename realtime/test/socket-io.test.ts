import {
  addTestMember,
  apiRequest,
  createTestCalendar,
  createTestProject,
  registerTestUser,
  type TestUser,
} from '@callboard/api/testing';
import { createTestDatabase, createTestRedis, waitFor } from '@callboard/db/testing';
import { createEvent, updateEvent } from '@callboard/domain';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSocket, send } from './support/socket-io-test-client.js';
import { startRealtimeInstance, type RealtimeInstance } from './support/socket-io-test-server.js';
import { connectYjsClient, waitForSync } from './support/yjs-test-client.js';

const testDatabase = await createTestDatabase();
const redis = testDatabase ? await createTestRedis() : null;

describe.skipIf(!testDatabase || !redis)('socket.io across two instances', () => {
  let one: RealtimeInstance;
  let two: RealtimeInstance;
  const sockets: Socket[] = [];
  const cleanups: (() => void)[] = [];

  beforeAll(async () => {
    const options = { databaseUrl: testDatabase!.url, redis: redis! };
    [one, two] = await Promise.all([
      startRealtimeInstance(options),
      startRealtimeInstance(options),
    ]);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const cleanup of cleanups) cleanup();
    await Promise.all([one?.close(), two?.close()]);
    await testDatabase?.drop();
  });

  function connect(instance: RealtimeInstance, user: TestUser): Promise<Socket> {
    const { socket, connected } = connectSocket(instance.url, user.cookie);
    sockets.push(socket);
    return connected;
  }

  async function production() {
    const app = one.api;
    const owner = await registerTestUser(app, { name: 'Owner Olive' });
    const editor = await registerTestUser(app, { name: 'Editor Ed' });
    const project = await createTestProject(app, owner);
    await addTestMember(app, owner, project.id, editor, 'editor');
    const calendar = await createTestCalendar(app, owner, project.id);
    return { owner, editor, project, calendar };
  }

  it('refuses a connection without a valid session', async () => {
    const { socket, connected } = connectSocket(one.url);
    sockets.push(socket);
    await expect(connected).rejects.toThrow('unauthenticated');
  });

  it('shares presence between followers on both instances', async () => {
    const { owner, editor, project, calendar } = await production();
    const ownerSocket = await connect(one, owner);
    const editorSocket = await connect(two, editor);
    const seen: {
      members: { userId: string; calendarId: string | null; editing: string | null }[];
    }[] = [];
    ownerSocket.on('presence', (payload) => seen.push(payload));
    expect(await send(ownerSocket, 'project:follow', { projectId: project.id })).toEqual({
      ok: true,
    });
    expect(await send(editorSocket, 'project:follow', { projectId: project.id })).toEqual({
      ok: true,
    });
    expect(
      await send(editorSocket, 'presence:set', {
        projectId: project.id,
        calendarId: calendar.id,
        editing: 'event-1',
      }),
    ).toEqual({ ok: true });
    await waitFor(
      () =>
        seen.some((p) =>
          p.members.some(
            (m) =>
              m.userId === editor.user.id &&
              m.calendarId === calendar.id &&
              m.editing === 'event-1',
          ),
        ),
      'the editor’s presence on the owner’s instance',
    );
  });

  it('sends calendar:changed, derived from a /yjs edit on one instance, to followers on the other, coalesced', async () => {
    const { owner, editor, calendar } = await production();
    const follower = await connect(two, owner);
    expect(await send(follower, 'calendar:follow', { calendarId: calendar.id })).toEqual({
      ok: true,
    });
    const received: { changes: { eventId: string; change: string }[]; by: { userId: string } }[] =
      [];
    follower.on('calendar:changed', (payload) => received.push(payload));

    const yjsUrl = `${one.url.replace('http', 'ws')}/yjs`;
    const writer = connectYjsClient(yjsUrl, calendar.id, { cookie: editor.cookie });
    cleanups.push(() => writer.destroy());
    await waitForSync(writer);
    const id = createEvent(writer.doc, {
      title: 'Sc. 9',
      kind: 'shoot',
      start: '2026-12-01T08:00',
      end: '2026-12-01T09:00',
      allDay: false,
      location: '',
      notes: '',
    });
    // A drag: many small moves of one event.
    for (let minute = 1; minute <= 30; minute++) {
      updateEvent(writer.doc, id, { start: `2026-12-01T08:${String(minute).padStart(2, '0')}` });
    }
    await waitFor(() => received.length > 0, 'calendar:changed on the other instance');
    await waitFor(
      () => received.flatMap((r) => r.changes).some((c) => c.eventId === id),
      'the change of the event',
    );
    expect(received.length).toBeLessThan(5);
    expect(received[0]!.by.userId).toBe(editor.user.id);
    expect(received[0]!.changes).toContainEqual({ eventId: id, change: 'created' });
  });

  it('cuts followers and /yjs connections on both instances off at once when a project is deleted', async () => {
    const { owner, editor, project, calendar } = await production();
    const follower = await connect(two, editor);
    expect(await send(follower, 'project:follow', { projectId: project.id })).toEqual({ ok: true });
    expect(await send(follower, 'calendar:follow', { calendarId: calendar.id })).toEqual({
      ok: true,
    });
    const revoked: { projectId: string; reason: string }[] = [];
    follower.on('access:revoked', (payload) => revoked.push(payload));
    const writers = [one, two].map((instance) => {
      const client = connectYjsClient(`${instance.url.replace('http', 'ws')}/yjs`, calendar.id, {
        cookie: editor.cookie,
      });
      cleanups.push(() => client.destroy());
      return client;
    });
    await Promise.all(writers.map(waitForSync));

    const deleted = await apiRequest(one.api, 'DELETE', `/api/projects/${project.id}`, {
      cookie: owner.cookie,
    });
    expect(deleted.status).toBe(204);
    await waitFor(() => revoked.length > 0, 'access:revoked on the other instance');
    expect(revoked).toEqual([{ projectId: project.id, reason: 'project deleted' }]);
    for (const writer of writers) {
      await waitFor(
        () => writer.closes.some((close) => close.code === 4404),
        'the /yjs connection to close with 4404',
      );
    }
    expect(writers[1]!.closes.at(-1)?.reason).toBe('project deleted');
  });

  it('refuses to let a user follow another project’s rooms', async () => {
    const a = await production();
    const b = await production();
    const socket = await connect(one, a.owner);
    expect(await send(socket, 'project:follow', { projectId: b.project.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await send(socket, 'calendar:follow', { calendarId: b.calendar.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await send(socket, 'project:follow', { projectId: 'not-a-uuid' })).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
    });
    expect(
      await send(socket, 'presence:set', { projectId: b.project.id, calendarId: null }),
    ).toMatchObject({ ok: false });
  });

  it('closes the socket.io connections of a session that logs out, on every instance', async () => {
    const { owner } = await production();
    const onOne = await connect(one, owner);
    const onTwo = await connect(two, owner);
    const reasons: string[] = [];
    onTwo.on('session:revoked', ({ reason }: { reason: string }) => reasons.push(reason));
    const logout = await apiRequest(one.api, 'POST', '/api/auth/logout', { cookie: owner.cookie });
    expect(logout.status).toBe(204);
    await waitFor(() => onOne.disconnected && onTwo.disconnected, 'both connections closed');
    expect(reasons).toEqual(['signed out']);
  });
});
