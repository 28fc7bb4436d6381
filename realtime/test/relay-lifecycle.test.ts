import { loadCalendarDocument } from '@callboard/db';
import { createTestDatabase, waitFor } from '@callboard/db/testing';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { insertCalendar } from './support/fake-accounts.js';
import { useRelayTestFile } from './support/relay-test-file.js';
import { startRelayTestServer } from './support/relay-test-server.js';
import { metricValue, storedDocument } from './support/stored-document.js';
import { testEvent } from './support/test-event.js';
import { connectYjsClient, waitForSync } from './support/yjs-test-client.js';

const testDatabase = await createTestDatabase();
const relay = useRelayTestFile(testDatabase, {
  REALTIME_UNLOAD_AFTER_MS: '50',
  REALTIME_HEARTBEAT_MS: '100',
});

const loadedDocuments = () =>
  metricValue(relay.server().platform.metrics, 'callboard_yjs_documents_loaded');

describe.skipIf(!testDatabase)('document lifecycle on /yjs', () => {
  it('unloads a document once its last client leaves, compacted, and loads it back whole', async () => {
    const { calendarId, member } = await relay.calendarWithMember('editor');
    const client = relay.connect(calendarId, { cookie: member.cookie });
    await waitForSync(client);
    for (let i = 0; i < 10; i += 1) client.doc.getMap('events').set(`item-${i}`, testEvent());
    await waitFor(async () => (await loadedDocuments()) >= 1, 'the document to load');
    client.provider.disconnect();
    await waitFor(
      async () => (await loadCalendarDocument(testDatabase!.sql, calendarId)).snapshot !== null,
      'the document to be compacted on unload',
    );
    await waitFor(async () => (await loadedDocuments()) === 0, 'the document to unload');
    expect((await loadCalendarDocument(testDatabase!.sql, calendarId)).updates).toEqual([]);
    const again = relay.connect(calendarId, { cookie: member.cookie });
    await waitFor(() => again.doc.getMap('events').size === 10, 'the reloaded document');
  });

  it('terminates a connection that stops answering pings and keeps one that answers', async () => {
    const { calendarId, member } = await relay.calendarWithMember('editor');
    const answering = relay.connect(calendarId, { cookie: member.cookie });
    await waitForSync(answering);
    const silent = new WebSocket(`${relay.server().yjsUrl}/${calendarId}`, {
      headers: { cookie: member.cookie },
      autoPong: false,
    });
    const closed = new Promise<number>((resolve) => silent.once('close', (code) => resolve(code)));
    expect(await closed).toBe(1006);
    expect(answering.closes).toEqual([]);
    expect(answering.provider.wsconnected).toBe(true);
  });
});

describe.skipIf(!testDatabase)('shutting down the relay', () => {
  it('closes clients with 1001 and writes every accepted update first', async () => {
    const calendar = await insertCalendar(testDatabase!.sql);
    const editor = relay.accounts.signIn('editor');
    relay.accounts.grant(editor.user.id, { ...calendar, role: 'editor' });
    // A long group-commit interval: only the shutdown flush can have written these.
    const server = await startRelayTestServer({
      databaseUrl: testDatabase!.url,
      deps: relay.accounts.deps,
      env: { REALTIME_PERSIST_INTERVAL_MS: '60000' },
    });
    const writer = connectYjsClient(server.yjsUrl, calendar.calendarId, { cookie: editor.cookie });
    const observer = connectYjsClient(server.yjsUrl, calendar.calendarId, {
      cookie: editor.cookie,
    });
    await Promise.all([waitForSync(writer), waitForSync(observer)]);
    for (let i = 0; i < 20; i += 1) writer.doc.getMap('events').set(`item-${i}`, testEvent());
    await waitFor(
      () => observer.doc.getMap('events').size === 20,
      'the server to receive the edits',
    );
    await server.close();
    await waitFor(
      () => writer.closes.some((close) => close.code === 1001),
      'the client to see 1001',
    );
    expect(
      (await storedDocument(testDatabase!.sql, calendar.calendarId)).getMap('events').size,
    ).toBe(20);
    writer.destroy();
    observer.destroy();
  });
});
