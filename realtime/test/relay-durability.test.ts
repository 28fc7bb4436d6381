import { randomUUID } from 'node:crypto';
import { createTestDatabase, waitFor } from '@callboard/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { FakeAccounts, insertCalendar } from './support/fake-accounts.js';
import { startRelayProcess, type RelayProcess } from './support/relay-process.js';
import { storedDocument } from './support/stored-document.js';
import { startTcpProxy } from './support/tcp-proxy.js';
import { testEvent } from './support/test-event.js';
import { connectYjsClient, waitForSync, type YjsTestClient } from './support/yjs-test-client.js';

const testDatabase = await createTestDatabase();
const clients: YjsTestClient[] = [];
const processes: RelayProcess[] = [];

afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const relay of processes) relay.child.kill('SIGKILL');
  await testDatabase?.drop();
});

function distinctCount(items: string[]): number {
  return new Set(items).size;
}

/** Each edit adds an event under a new id, so an edit applied twice would show twice. */
function addEdit(doc: Y.Doc, title: string): void {
  doc.getMap('events').set(randomUUID(), testEvent(title));
}

function titles(doc: Y.Doc): string[] {
  return [...doc.getMap<Y.Map<unknown>>('events').values()].map(
    (event) => event.get('title') as string,
  );
}

describe.skipIf(!testDatabase)('durability of accepted edits', () => {
  it('keeps every edit received before a kill -9 and converges without duplicates after restart', async () => {
    const accounts = new FakeAccounts();
    const calendar = await insertCalendar(testDatabase!.sql);
    const editor = accounts.signIn('editor');
    accounts.grant(editor.user.id, { ...calendar, role: 'editor' });
    const first = await startRelayProcess({
      databaseUrl: testDatabase!.url,
      accounts: accounts.state,
    });
    processes.push(first);

    const writer = connectYjsClient(first.yjsUrl, calendar.calendarId, { cookie: editor.cookie });
    const observer = connectYjsClient(first.yjsUrl, calendar.calendarId, { cookie: editor.cookie });
    clients.push(writer, observer);
    await Promise.all([waitForSync(writer), waitForSync(observer)]);
    for (let i = 0; i < 1000; i += 1) addEdit(writer.doc, `edit-${i}`);
    // The observer has them only once the server received and relayed them.
    await waitFor(
      () => observer.doc.getMap('events').size === 1000,
      'the server to receive 1,000 edits',
    );
    observer.destroy();
    // The 500 ms the acceptance allows the group commit, then no grace at all.
    await new Promise((resolve) => setTimeout(resolve, 600));
    for (let i = 1000; i < 1100; i += 1) addEdit(writer.doc, `late-${i}`);
    first.child.kill('SIGKILL');
    await first.exited;

    const stored = titles(await storedDocument(testDatabase!.sql, calendar.calendarId));
    for (let i = 0; i < 1000; i += 1) expect(stored).toContain(`edit-${i}`);

    const second = await startRelayProcess({
      databaseUrl: testDatabase!.url,
      accounts: accounts.state,
      port: first.port,
    });
    processes.push(second);
    await waitFor(
      () => writer.provider.wsconnected && writer.provider.synced,
      'the writer to reconnect',
      20_000,
    );
    const fresh = connectYjsClient(second.yjsUrl, calendar.calendarId, { cookie: editor.cookie });
    clients.push(fresh);
    await waitFor(
      () => fresh.doc.getMap('events').size === 1100,
      'the restarted server to hold all 1,100 edits',
    );
    for (const doc of [writer.doc, fresh.doc]) {
      const all = titles(doc);
      expect(all).toHaveLength(1100);
      expect(distinctCount(all)).toBe(1100);
    }
    await waitFor(
      async () =>
        (await storedDocument(testDatabase!.sql, calendar.calendarId)).getMap('events').size ===
        1100,
      'Postgres to hold all 1,100 edits',
    );
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('still exits on SIGTERM when Postgres has gone away', async () => {
    const accounts = new FakeAccounts();
    const calendar = await insertCalendar(testDatabase!.sql);
    const editor = accounts.signIn('editor');
    accounts.grant(editor.user.id, { ...calendar, role: 'editor' });
    const database = new URL(testDatabase!.url);
    const proxy = await startTcpProxy(Number(database.port || 5432));
    database.host = `127.0.0.1:${proxy.port}`;
    const relay = await startRelayProcess({
      databaseUrl: database.toString(),
      accounts: accounts.state,
    });
    processes.push(relay);
    const client = connectYjsClient(relay.yjsUrl, calendar.calendarId, { cookie: editor.cookie });
    clients.push(client);
    await waitForSync(client);
    proxy.cut();
    client.doc.getMap('events').set('never stored', testEvent());
    relay.child.kill('SIGTERM');
    expect(await relay.exited).toBe(0);
    await proxy.close();
  });
});
