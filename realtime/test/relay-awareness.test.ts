import { createTestDatabase, waitFor } from '@callboard/db/testing';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { encodeAwareness } from '../src/yjs/yjs-protocol.js';
import { useRelayTestFile } from './support/relay-test-file.js';
import { metricValue } from './support/stored-document.js';
import { waitForSync, type YjsTestClient } from './support/yjs-test-client.js';

const testDatabase = await createTestDatabase();
const relay = useRelayTestFile(testDatabase);

interface SeenState {
  user?: { id?: string; name?: string; color?: string };
  editing?: string | null;
}

/** The state `watcher` holds for `other`'s tab. */
const stateOf = (watcher: YjsTestClient, other: YjsTestClient) =>
  watcher.provider.awareness.getStates().get(other.doc.clientID) as SeenState | undefined;

/** Events the other tabs `watcher` sees have open (a tab's own state is left out). */
const editing = (watcher: YjsTestClient) =>
  [...watcher.provider.awareness.getStates()]
    .filter(([clientId]) => clientId !== watcher.doc.clientID)
    .map(([, state]) => (state as SeenState).editing)
    .filter(Boolean);

/** Opens a raw /yjs socket as `cookie`, for frames no stock client would send. */
async function rawSocket(calendarId: string, cookie: string): Promise<WebSocket> {
  const ws = new WebSocket(`${relay.server().yjsUrl}/${calendarId}`, { headers: { cookie } });
  await new Promise((resolve) => ws.once('open', resolve));
  return ws;
}

/** One awareness update with `count` states under fresh client ids, as y-protocols encodes it. */
function fakePresence(count: number, state: (index: number) => unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, count);
  for (let i = 0; i < count; i += 1) {
    encoding.writeVarUint(encoder, 1_000_000 + i);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, JSON.stringify(state(i)));
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Sends `update` from a second editor's raw socket, expects it closed with 1008, and returns a
 * watching client once a later change from a third tab has reached it, so anything the
 * refused message could have caused would have arrived before.
 */
async function expectPresenceRefused(update: Uint8Array): Promise<YjsTestClient> {
  const { calendarId, projectId, member } = await relay.calendarWithMember('editor');
  const sender = relay.addMember({ calendarId, projectId }, 'editor');
  const watcher = relay.connect(calendarId, { cookie: member.cookie });
  const marker = relay.connect(calendarId, { cookie: member.cookie });
  await Promise.all([waitForSync(watcher), waitForSync(marker)]);
  const ws = await rawSocket(calendarId, sender.cookie);
  let closedWith: number | null = null;
  ws.once('close', (code) => (closedWith = code));
  ws.send(encodeAwareness(update).message);
  await waitFor(() => closedWith !== null, 'the connection to be closed');
  expect(closedWith).toBe(1008);
  marker.provider.awareness.setLocalStateField('editing', 'after-the-refusal');
  await waitFor(() => editing(watcher).includes('after-the-refusal'), 'the later change to arrive');
  return watcher;
}

describe.skipIf(!testDatabase)('awareness on /yjs', () => {
  it("relays editors' presence to everyone, never a viewer's, and counts the viewer", async () => {
    const { calendarId, projectId, member } = await relay.calendarWithMember('editor');
    const viewer = relay.addMember({ calendarId, projectId }, 'viewer');
    const editor = relay.connect(calendarId, { cookie: member.cookie });
    const reader = relay.connect(calendarId, { cookie: viewer.cookie });
    await Promise.all([waitForSync(editor), waitForSync(reader)]);
    editor.provider.awareness.setLocalStateField('editing', 'editor-event');
    reader.provider.awareness.setLocalStateField('editing', 'viewer-event');
    await waitFor(
      () => editing(reader).includes('editor-event'),
      "the viewer to see the editor's presence",
    );
    const dropped = () =>
      metricValue(
        relay.server().platform.metrics,
        'callboard_yjs_read_only_awareness_dropped_total',
      );
    await waitFor(async () => (await dropped()) > 0, "the viewer's presence to be dropped");
    expect(editing(editor)).toEqual([]);
    expect(relay.server().realtime.yjs.audience(calendarId)).toEqual({ writers: 1, readOnly: 1 });
  });

  it('relays a renewed presence, so clients keep it past their 30 s timeout', async () => {
    const { calendarId, member } = await relay.calendarWithMember('editor');
    const renewing = relay.connect(calendarId, { cookie: member.cookie });
    const watching = relay.connect(calendarId, { cookie: member.cookie });
    await Promise.all([waitForSync(renewing), waitForSync(watching)]);
    renewing.provider.awareness.setLocalStateField('editing', 'renewing');
    await waitFor(() => editing(watching).includes('renewing'), 'the presence to arrive');
    const clock = () => watching.provider.awareness.meta.get(renewing.doc.clientID)?.clock ?? 0;
    const before = clock();
    // What a stock client does every 15 s: send its state again, unchanged, under a new clock.
    renewing.provider.awareness.setLocalState(renewing.provider.awareness.getLocalState());
    await waitFor(() => clock() > before, 'the renewal to arrive');
    expect(editing(watching)).toContain('renewing');
  });

  it("removes an editor's presence when it disconnects", async () => {
    const { calendarId, member } = await relay.calendarWithMember('editor');
    const leaving = relay.connect(calendarId, { cookie: member.cookie });
    const staying = relay.connect(calendarId, { cookie: member.cookie });
    await Promise.all([waitForSync(leaving), waitForSync(staying)]);
    leaving.provider.awareness.setLocalStateField('editing', 'leaving');
    await waitFor(() => editing(staying).includes('leaving'), 'the presence to arrive');
    leaving.provider.disconnect();
    await waitFor(() => !editing(staying).includes('leaving'), 'the presence to be removed');
  });

  it("drops an update that tries to change another user's presence", async () => {
    const { calendarId, projectId, member } = await relay.calendarWithMember('editor');
    const intruder = relay.addMember({ calendarId, projectId }, 'editor');
    const victim = relay.connect(calendarId, { cookie: member.cookie });
    const watcher = relay.connect(calendarId, { cookie: member.cookie });
    await Promise.all([waitForSync(victim), waitForSync(watcher)]);
    victim.provider.awareness.setLocalStateField('editing', 'victim');
    await waitFor(() => editing(watcher).includes('victim'), 'the victim presence to arrive');

    const forgedDoc = new Y.Doc();
    forgedDoc.clientID = victim.doc.clientID;
    const forged = new awarenessProtocol.Awareness(forgedDoc);
    for (let i = 0; i < 50; i += 1) forged.setLocalState({ editing: `forged-${i}` });
    const ws = await rawSocket(calendarId, intruder.cookie);
    ws.send(
      encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(forged, [forgedDoc.clientID]))
        .message,
    );
    const dropped = () =>
      metricValue(relay.server().platform.metrics, 'callboard_yjs_foreign_awareness_dropped_total');
    await waitFor(async () => (await dropped()) > 0, 'the forged presence to be dropped');
    expect(editing(watcher)).toContain('victim');
    expect(editing(watcher).some((event) => event?.startsWith('forged'))).toBe(false);
    ws.close();
    forged.destroy();
  });

  it("shows an editor who claims to be the owner under the editor's own name, without the forged colour", async () => {
    const { calendarId, projectId, member: owner } = await relay.calendarWithMember('owner');
    const editor = relay.addMember({ calendarId, projectId }, 'editor');
    const watcher = relay.connect(calendarId, { cookie: owner.cookie });
    const forger = relay.connect(calendarId, { cookie: editor.cookie });
    await Promise.all([waitForSync(watcher), waitForSync(forger)]);
    forger.provider.awareness.setLocalState({
      user: { id: owner.user.id, name: owner.user.name, color: 'url(https://evil)' },
      editing: 'forged-event',
      role: 'owner',
    });
    await waitFor(
      () => stateOf(watcher, forger)?.editing === 'forged-event',
      "the forger's presence to arrive",
    );
    expect(stateOf(watcher, forger)).toEqual({
      user: { id: editor.user.id, name: editor.user.name },
      editing: 'forged-event',
    });
  });

  it('keeps a valid colour a tab chose', async () => {
    const { calendarId, member } = await relay.calendarWithMember('editor');
    const choosing = relay.connect(calendarId, { cookie: member.cookie });
    const watcher = relay.connect(calendarId, { cookie: member.cookie });
    await Promise.all([waitForSync(choosing), waitForSync(watcher)]);
    choosing.provider.awareness.setLocalState({
      user: { id: member.user.id, name: member.user.name, color: '#1971c2' },
      editing: null,
    });
    await waitFor(
      () => stateOf(watcher, choosing)?.user?.color === '#1971c2',
      'the chosen colour to arrive',
    );
  });

  it('closes an editor connection that sends 24,000 presence entries, and relays none of them', async () => {
    const watcher = await expectPresenceRefused(
      fakePresence(24_000, (i) => ({ editing: `fake-${i}` })),
    );
    expect(watcher.provider.awareness.getStates().size).toBe(2);
  });

  it('closes a connection that sends a presence state over the size limit, and relays nothing of it', async () => {
    const watcher = await expectPresenceRefused(
      fakePresence(1, () => ({ editing: 'big', padding: 'x'.repeat(2000) })),
    );
    expect(editing(watcher)).not.toContain('big');
  });
});
