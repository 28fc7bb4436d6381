import { registerTestUser } from '@callboard/api/testing';
import { createTestDatabase, waitFor } from '@callboard/db/testing';
import { describe, expect, it } from 'vitest';
import type { Ack } from '../src/socket-io/socket-io.messages.js';
import { send } from './support/socket-io-test-client.js';
import { useSocketIoTestFile } from './support/socket-io-test-file.js';

const testDatabase = await createTestDatabase();
const file = useSocketIoTestFile(testDatabase, {
  REALTIME_SOCKET_EVENTS_PER_SECOND: '5',
  REALTIME_SOCKET_EVENT_BURST: '10',
});
const { connect, production } = file;

describe.skipIf(!testDatabase)('socket.io message limits', () => {
  it('refuses events over the per-socket rate with rate_limited and disconnects a socket that keeps flooding', async () => {
    const { owner, project } = await production();
    const flooder = await connect(owner);
    const calm = await connect(owner);
    expect(await send(flooder, 'project:follow', { projectId: project.id })).toEqual({ ok: true });
    const acks: Ack[] = [];
    for (let i = 0; i < 500; i += 1) {
      flooder.emit(
        'presence:set',
        { projectId: project.id, calendarId: null, editing: `event-${i}` },
        (ack: Ack) => acks.push(ack),
      );
    }
    await waitFor(() => flooder.disconnected, 'the flooding socket to be disconnected');
    expect(acks.some((ack) => !ack.ok && ack.error.code === 'rate_limited')).toBe(true);
    expect(acks.filter((ack) => ack.ok).length).toBeLessThan(500);
    expect(await send(calm, 'project:follow', { projectId: project.id })).toEqual({ ok: true });
  });

  it('validates every client event, sizes included, and refuses unknown events', async () => {
    const { owner, project, calendar } = await production();
    const socket = await connect(owner);
    const refusals = [
      ['project:follow', { projectId: 'not-a-uuid' }],
      ['project:unfollow', 'not an object'],
      ['calendar:follow', {}],
      ['calendar:unfollow', { calendarId: calendar.id, extra: true }],
      ['presence:set', { projectId: project.id, calendarId: null, editing: 'x'.repeat(101) }],
    ] as const;
    for (const [event, payload] of refusals) {
      expect(await send(socket, event, payload), event).toMatchObject({
        ok: false,
        error: { code: 'validation_failed' },
      });
    }
    expect(await send(socket, 'project:delete', { projectId: project.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(socket.connected).toBe(true);
  });

  it('does nothing when a socket unfollows a project or calendar it does not follow', async () => {
    const { owner, editor, project, calendar } = await production();
    const stranger = await registerTestUser(file.instance().api);
    const follower = await connect(owner);
    const presences: unknown[] = [];
    follower.on('presence', (payload) => presences.push(payload));
    expect(await send(follower, 'project:follow', { projectId: project.id })).toEqual({ ok: true });
    const before = presences.length;
    for (const user of [stranger, editor]) {
      const other = await connect(user);
      expect(await send(other, 'project:unfollow', { projectId: project.id })).toEqual({
        ok: true,
      });
      expect(await send(other, 'calendar:unfollow', { calendarId: calendar.id })).toEqual({
        ok: true,
      });
    }
    // The follower's own acknowledgement comes after anything the unfollows sent it.
    expect(
      await send(follower, 'presence:set', { projectId: project.id, calendarId: calendar.id }),
    ).toEqual({ ok: true });
    expect(presences.length - before).toBe(1);
  });
});
