import { createTestDatabase, waitFor } from '@callboard/db/testing';
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

const names = (client: YjsTestClient) =>
  [...client.provider.awareness.getStates().values()]
    .map((state) => (state as { name?: string }).name)
    .filter(Boolean);

describe.skipIf(!testDatabase)('awareness on /yjs', () => {
  it("relays editors' presence to everyone, never a viewer's, and counts the viewer", async () => {
    const { calendarId, projectId, member } = await relay.calendarWithMember('editor');
    const viewer = relay.addMember({ calendarId, projectId }, 'viewer');
    const editor = relay.connect(calendarId, { cookie: member.cookie });
    const reader = relay.connect(calendarId, { cookie: viewer.cookie });
    await Promise.all([waitForSync(editor), waitForSync(reader)]);
    editor.provider.awareness.setLocalStateField('name', 'Editor');
    reader.provider.awareness.setLocalStateField('name', 'Viewer');
    await waitFor(
      () => names(reader).includes('Editor'),
      "the viewer to see the editor's presence",
    );
    const dropped = () =>
      metricValue(
        relay.server().platform.metrics,
        'callboard_yjs_read_only_awareness_dropped_total',
      );
    await waitFor(async () => (await dropped()) > 0, "the viewer's presence to be dropped");
    expect(names(editor)).toEqual(['Editor']);
    expect(relay.server().realtime.yjs.audience(calendarId)).toEqual({ writers: 1, readOnly: 1 });
  });

  it('relays a renewed presence, so clients keep it past their 30 s timeout', async () => {
    const { calendarId, member } = await relay.calendarWithMember('editor');
    const renewing = relay.connect(calendarId, { cookie: member.cookie });
    const watching = relay.connect(calendarId, { cookie: member.cookie });
    await Promise.all([waitForSync(renewing), waitForSync(watching)]);
    renewing.provider.awareness.setLocalStateField('name', 'Renewing');
    await waitFor(() => names(watching).includes('Renewing'), 'the presence to arrive');
    const clock = () => watching.provider.awareness.meta.get(renewing.doc.clientID)?.clock ?? 0;
    const before = clock();
    // What a stock client does every 15 s: send its state again, unchanged, under a new clock.
    renewing.provider.awareness.setLocalState(renewing.provider.awareness.getLocalState());
    await waitFor(() => clock() > before, 'the renewal to arrive');
    expect(names(watching)).toContain('Renewing');
  });

  it("removes an editor's presence when it disconnects", async () => {
    const { calendarId, member } = await relay.calendarWithMember('editor');
    const leaving = relay.connect(calendarId, { cookie: member.cookie });
    const staying = relay.connect(calendarId, { cookie: member.cookie });
    await Promise.all([waitForSync(leaving), waitForSync(staying)]);
    leaving.provider.awareness.setLocalStateField('name', 'Leaving');
    await waitFor(() => names(staying).includes('Leaving'), 'the presence to arrive');
    leaving.provider.disconnect();
    await waitFor(() => !names(staying).includes('Leaving'), 'the presence to be removed');
  });

  it("drops an update that tries to change another user's presence", async () => {
    const { calendarId, projectId, member } = await relay.calendarWithMember('editor');
    const intruder = relay.addMember({ calendarId, projectId }, 'editor');
    const victim = relay.connect(calendarId, { cookie: member.cookie });
    const watcher = relay.connect(calendarId, { cookie: member.cookie });
    await Promise.all([waitForSync(victim), waitForSync(watcher)]);
    victim.provider.awareness.setLocalStateField('name', 'Victim');
    await waitFor(() => names(watcher).includes('Victim'), 'the victim presence to arrive');

    const forgedDoc = new Y.Doc();
    forgedDoc.clientID = victim.doc.clientID;
    const forged = new awarenessProtocol.Awareness(forgedDoc);
    for (let i = 0; i < 50; i += 1) forged.setLocalState({ name: `Forged ${i}` });
    const ws = new WebSocket(`${relay.server().yjsUrl}/${calendarId}`, {
      headers: { cookie: intruder.cookie },
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(forged, [forgedDoc.clientID])));
    const dropped = () =>
      metricValue(relay.server().platform.metrics, 'callboard_yjs_foreign_awareness_dropped_total');
    await waitFor(async () => (await dropped()) > 0, 'the forged presence to be dropped');
    expect(names(watcher)).toContain('Victim');
    expect(names(watcher).some((name) => name?.startsWith('Forged'))).toBe(false);
    ws.close();
    forged.destroy();
  });
});
