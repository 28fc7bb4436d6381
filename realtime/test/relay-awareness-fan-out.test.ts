import { createTestDatabase, createTestRedis, waitFor } from '@callboard/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { encodeAwareness } from '../src/yjs/yjs-protocol.js';
import { FakeAccounts, insertCalendar } from './support/fake-accounts.js';
import { startRelayTestServer, type RelayTestServer } from './support/relay-test-server.js';
import { metricValue } from './support/stored-document.js';
import { connectYjsClient, waitForSync, type YjsTestClient } from './support/yjs-test-client.js';

const testDatabase = await createTestDatabase();
const testRedis = await createTestRedis();
const clients: YjsTestClient[] = [];
const sockets: WebSocket[] = [];
const servers: RelayTestServer[] = [];

afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const ws of sockets) ws.terminate();
  await Promise.all(servers.map((server) => server.close()));
  await testDatabase?.drop();
});

interface SeenState {
  user?: { id?: string; name?: string; color?: string };
  editing?: string | null;
}

/** An owner and an editor of a new calendar, and two relays sharing Postgres and Redis. */
async function calendarOnTwoRelays() {
  const accounts = new FakeAccounts();
  const calendar = await insertCalendar(testDatabase!.sql);
  const owner = accounts.signIn('owner');
  const editor = accounts.signIn('editor');
  accounts.grant(owner.user.id, { ...calendar, role: 'owner' });
  accounts.grant(editor.user.id, { ...calendar, role: 'editor' });
  const options = { databaseUrl: testDatabase!.url, deps: accounts.deps, redis: testRedis! };
  const [first, second] = await Promise.all([
    startRelayTestServer(options),
    startRelayTestServer(options),
  ]);
  servers.push(first, second);
  return { calendarId: calendar.calendarId, owner, editor, first, second };
}

async function connect(server: RelayTestServer, calendarId: string, cookie: string) {
  const client = connectYjsClient(server.yjsUrl, calendarId, { cookie });
  clients.push(client);
  await waitForSync(client);
  return client;
}

const stateOf = (watcher: YjsTestClient, clientId: number) =>
  watcher.provider.awareness.getStates().get(clientId) as SeenState | undefined;

describe.skipIf(!testDatabase || !testRedis)('awareness across two relays', () => {
  it("shows an editor who claims to be the owner on one instance under the editor's own name on the other", async () => {
    const { calendarId, owner, editor, first, second } = await calendarOnTwoRelays();
    const watcher = await connect(first, calendarId, owner.cookie);
    const forger = await connect(second, calendarId, editor.cookie);
    forger.provider.awareness.setLocalState({
      user: { id: owner.user.id, name: owner.user.name, color: 'url(https://evil)' },
      editing: 'forged-event',
    });
    await waitFor(
      () => stateOf(watcher, forger.doc.clientID)?.editing === 'forged-event',
      "the forger's presence to cross instances",
    );
    expect(stateOf(watcher, forger.doc.clientID)).toEqual({
      user: { id: editor.user.id, name: editor.user.name },
      editing: 'forged-event',
    });
  });

  it("keeps the owner's presence when another instance relays an editor's state under the owner's client id", async () => {
    const { calendarId, owner, editor, first, second } = await calendarOnTwoRelays();
    const ownerTab = await connect(first, calendarId, owner.cookie);
    const watcher = await connect(first, calendarId, owner.cookie);
    ownerTab.provider.awareness.setLocalStateField('editing', 'owner-event');
    const ownerId = ownerTab.doc.clientID;
    await waitFor(
      () => stateOf(watcher, ownerId)?.editing === 'owner-event',
      "the owner's presence to arrive",
    );
    // The second instance loads the calendar only now, so it has never seen the owner's id.
    const forgedDoc = new Y.Doc();
    forgedDoc.clientID = ownerId;
    const forged = new awarenessProtocol.Awareness(forgedDoc);
    for (let i = 0; i < 50; i += 1) forged.setLocalState({ editing: `forged-${i}` });
    const dropped = () =>
      metricValue(first.platform.metrics, 'callboard_yjs_foreign_awareness_dropped_total');
    const droppedBefore = await dropped();
    const ws = new WebSocket(`${second.yjsUrl}/${calendarId}`, {
      headers: { cookie: editor.cookie },
    });
    sockets.push(ws);
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(forged, [ownerId])).message);
    await waitFor(
      async () => (await dropped()) > droppedBefore,
      'the first instance to drop the relayed state',
    );
    expect(stateOf(watcher, ownerId)).toMatchObject({
      user: { id: owner.user.id },
      editing: 'owner-event',
    });
    forged.destroy();
  });
});
