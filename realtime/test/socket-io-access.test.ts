import type { TestUser } from '@callboard/api/testing';
import { createTestDatabase, waitFor } from '@callboard/db/testing';
import { createEvent } from '@callboard/domain';
import type { Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { PresenceMember } from '../src/socket-io/socket-io.messages.js';
import { send } from './support/socket-io-test-client.js';
import { useSocketIoTestFile } from './support/socket-io-test-file.js';
import { connectYjsClient, waitForSync, type YjsTestClient } from './support/yjs-test-client.js';

const testDatabase = await createTestDatabase();
// A quick re-check, so the tests of changes made behind the API's back do not wait a minute.
const file = useSocketIoTestFile(testDatabase, { REALTIME_ACCESS_RECHECK_MS: '200' });
const { connect, production } = file;
/** Sessions are cached for up to 5 s, so a change made in the database shows after that. */
const RECHECK_DEADLINE_MS = 15_000;

const eventFields = {
  title: 'Sc. 4',
  kind: 'shoot' as const,
  start: '2026-12-01T08:00',
  end: '2026-12-01T09:00',
  allDay: false,
  location: '',
  notes: '',
};

function collect<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

describe.skipIf(!testDatabase)('socket.io access when an account change misses the bus', () => {
  const writers: YjsTestClient[] = [];
  afterAll(() => {
    for (const writer of writers) writer.destroy();
  });

  async function writerFor(user: TestUser, calendarId: string): Promise<YjsTestClient> {
    const yjsUrl = `${file.instance().url.replace('http', 'ws')}/yjs`;
    const writer = connectYjsClient(yjsUrl, calendarId, { cookie: user.cookie });
    writers.push(writer);
    await waitForSync(writer);
    return writer;
  }

  const eventIds = (changes: { changes: { eventId: string }[] }[]) =>
    changes.flatMap((change) => change.changes.map(({ eventId }) => eventId));

  it('stops sending calendar:changed to a member removed in the database, at the next re-check', async () => {
    const { owner, editor, project, calendar } = await production();
    const removed = await connect(editor);
    const bystander = await connect(owner);
    for (const socket of [removed, bystander]) {
      expect(await send(socket, 'calendar:follow', { calendarId: calendar.id })).toEqual({
        ok: true,
      });
    }
    expect(await send(removed, 'project:follow', { projectId: project.id })).toEqual({ ok: true });
    const toRemoved = collect<{ changes: { eventId: string }[] }>(removed, 'calendar:changed');
    const toBystander = collect<{ changes: { eventId: string }[] }>(bystander, 'calendar:changed');
    const revoked = collect<{ projectId: string; reason: string }>(removed, 'access:revoked');
    const writer = await writerFor(owner, calendar.id);
    const before = createEvent(writer.doc, eventFields);
    await waitFor(() => eventIds(toRemoved).includes(before), 'the change before the removal');

    await testDatabase!.sql`
      delete from project_members where project_id = ${project.id} and user_id = ${editor.user.id}
    `;
    await waitFor(() => revoked.length > 0, 'the re-check to revoke access', RECHECK_DEADLINE_MS);
    expect(revoked).toEqual([{ projectId: project.id, reason: 'removed from project' }]);
    const after = createEvent(writer.doc, eventFields);
    await waitFor(() => eventIds(toBystander).includes(after), 'the change to reach a member');
    expect(eventIds(toRemoved)).not.toContain(after);
    expect(removed.connected).toBe(true);
  });

  it('disconnects a socket whose session was deleted in the database, at the next re-check', async () => {
    const { owner } = await production();
    const socket = await connect(owner);
    const reasons = collect<{ reason: string }>(socket, 'session:revoked');
    await testDatabase!.sql`delete from sessions where user_id = ${owner.user.id}`;
    await waitFor(() => socket.disconnected, 'the socket to be disconnected', RECHECK_DEADLINE_MS);
    expect(reasons).toHaveLength(1);
  });

  it('disconnects a socket whose session expired, at the next re-check', async () => {
    const { editor } = await production();
    const socket = await connect(editor);
    await testDatabase!.sql`
      update sessions set expires_at = now() - interval '1 minute' where user_id = ${editor.user.id}
    `;
    await waitFor(() => socket.disconnected, 'the socket to be disconnected', RECHECK_DEADLINE_MS);
  });

  it('counts viewers in presence without naming them, and refuses a viewer’s presence', async () => {
    const { owner, viewer, project } = await production();
    const ownerSocket = await connect(owner);
    const viewerSocket = await connect(viewer);
    const seen = collect<{ members: PresenceMember[]; viewers: number }>(ownerSocket, 'presence');
    const seenByViewer = collect<{ members: PresenceMember[] }>(viewerSocket, 'presence');
    for (const socket of [ownerSocket, viewerSocket]) {
      expect(await send(socket, 'project:follow', { projectId: project.id })).toEqual({ ok: true });
    }
    await waitFor(
      () => seen.some((presence) => presence.viewers === 1),
      'the viewer to be counted',
    );
    expect(
      await send(viewerSocket, 'presence:set', { projectId: project.id, calendarId: null }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const everything = JSON.stringify([...seen, ...seenByViewer]);
    expect(everything).not.toContain(viewer.user.id);
    expect(everything).not.toContain(viewer.user.name);
    expect(seen.at(-1)!.members.map((member) => member.userId)).toEqual([owner.user.id]);
  });

  it('stops naming an editor demoted to viewer in the database, at the next re-check', async () => {
    const { owner, editor, project } = await production();
    const ownerSocket = await connect(owner);
    const editorSocket = await connect(editor);
    const seen = collect<{ members: PresenceMember[]; viewers: number }>(ownerSocket, 'presence');
    for (const socket of [ownerSocket, editorSocket]) {
      expect(await send(socket, 'project:follow', { projectId: project.id })).toEqual({ ok: true });
    }
    const named = () => seen.at(-1)?.members.some((member) => member.userId === editor.user.id);
    await waitFor(() => named() === true, 'the editor to be named');
    await testDatabase!.sql`
      update project_members set role = 'viewer'
      where project_id = ${project.id} and user_id = ${editor.user.id}
    `;
    await waitFor(
      () => named() === false && seen.at(-1)?.viewers === 1,
      'the demoted editor to be counted, not named',
      RECHECK_DEADLINE_MS,
    );
  });
});
