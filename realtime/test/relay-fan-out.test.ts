import { createTestDatabase, createTestRedis, waitFor } from '@callboard/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeAccounts, insertCalendar } from './support/fake-accounts.js';
import { startRelayProcess, type RelayProcess } from './support/relay-process.js';
import { startRelayTestServer, type RelayTestServer } from './support/relay-test-server.js';
import { metricValue } from './support/stored-document.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import { testEvent } from './support/test-event.js';
import { connectYjsClient, waitForSync, type YjsTestClient } from './support/yjs-test-client.js';

const testDatabase = await createTestDatabase();
const testRedis = await createTestRedis();
const clients: YjsTestClient[] = [];
const processes: RelayProcess[] = [];
let proxy: TcpProxy | undefined;
const servers: RelayTestServer[] = [];

afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const relay of processes) relay.child.kill('SIGKILL');
  await proxy?.close();
  await Promise.all(servers.map((server) => server.close()));
  await testDatabase?.drop();
});

async function editorOfNewCalendar() {
  const accounts = new FakeAccounts();
  const calendar = await insertCalendar(testDatabase!.sql);
  const editor = accounts.signIn('editor');
  accounts.grant(editor.user.id, { ...calendar, role: 'editor' });
  return { accounts, calendar, editor };
}

/** One stock client per relay URL, all synced. */
async function syncedClients(urls: string[], calendarId: string, cookie: string) {
  const connected = urls.map((url) => connectYjsClient(url, calendarId, { cookie }));
  clients.push(...connected);
  await Promise.all(connected.map(waitForSync));
  return connected as [YjsTestClient, YjsTestClient];
}

describe.skipIf(!testDatabase || !testRedis)(
  'two relay processes sharing Postgres and Redis',
  () => {
    it('converge through Redis, and through the Postgres log while one is cut off from Redis', async () => {
      const { accounts, calendar, editor } = await editorOfNewCalendar();
      const openedDuringCut = await insertCalendar(testDatabase!.sql);
      accounts.grant(editor.user.id, { ...openedDuringCut, role: 'editor' });
      proxy = await startTcpProxy(Number(new URL(testRedis!.url).port || 6379));
      const shared = { databaseUrl: testDatabase!.url, accounts: accounts.state };
      const [first, second] = await Promise.all([
        startRelayProcess({ ...shared, redis: testRedis! }),
        startRelayProcess({
          ...shared,
          redis: { url: `redis://127.0.0.1:${proxy.port}`, prefix: testRedis!.prefix },
        }),
      ]);
      processes.push(first!, second!);
      const [onFirst, onSecond] = await syncedClients(
        [first!.yjsUrl, second!.yjsUrl],
        calendar.calendarId,
        editor.cookie,
      );
      const events = (client: YjsTestClient) => client.doc.getMap('events');
      const converged = (key: string) => () =>
        events(onFirst).has(key) && events(onSecond).has(key);

      events(onFirst).set('one', testEvent('made on the first process'));
      events(onSecond).set('two', testEvent('made on the second process'));
      await waitFor(
        () => converged('one')() && converged('two')(),
        'edits to cross between processes',
      );

      proxy.cut();
      events(onFirst).set('three', testEvent('made while the second is cut off from Redis'));
      events(onSecond).set('four', testEvent('made on the process cut off from Redis'));
      await waitFor(() => converged('three')() && converged('four')(), 'convergence without Redis');
      // A calendar first opened on the cut-off process still loads and converges.
      const [late, lateOnCutOff] = await syncedClients(
        [first!.yjsUrl, second!.yjsUrl],
        openedDuringCut.calendarId,
        editor.cookie,
      );
      events(late).set('six', testEvent('made on a calendar opened during the cut'));
      await waitFor(
        () => events(lateOnCutOff).has('six'),
        'the calendar opened during the cut to converge',
      );

      proxy.restore();
      events(onSecond).set('five', testEvent('made after Redis came back'));
      await waitFor(converged('five'), 'convergence after Redis came back');
      expect(events(onFirst).toJSON()).toEqual(events(onSecond).toJSON());
    });

    it('carries presence and its renewals across instances, and repairs a dropped update from the Postgres log', async () => {
      const { accounts, calendar, editor } = await editorOfNewCalendar();
      const options = { databaseUrl: testDatabase!.url, deps: accounts.deps, redis: testRedis! };
      const [sender, receiver] = await Promise.all([
        startRelayTestServer(options),
        startRelayTestServer(options),
      ]);
      servers.push(sender!, receiver!);
      const [onSender, onReceiver] = await syncedClients(
        [sender!.yjsUrl, receiver!.yjsUrl],
        calendar.calendarId,
        editor.cookie,
      );
      onSender.provider.awareness.setLocalStateField('editing', 'on-the-sender');
      await waitFor(
        () =>
          [...onReceiver.provider.awareness.getStates().values()].some(
            (state) => (state as { editing?: string }).editing === 'on-the-sender',
          ),
        'presence to cross instances',
      );
      // A renewal (the same state under a new clock) crosses too, or the state would time out.
      const clock = () => onReceiver.provider.awareness.meta.get(onSender.doc.clientID)?.clock ?? 0;
      const before = clock();
      onSender.provider.awareness.setLocalState(onSender.provider.awareness.getLocalState());
      await waitFor(() => clock() > before, 'the renewal to cross instances');
      sender!.realtime.yjs.setFanOutDrop(() => true);
      onSender.doc.getMap('events').set('dropped on the bus', testEvent());
      await waitFor(
        () => onReceiver.doc.getMap('events').has('dropped on the bus'),
        'the receiver to catch up',
      );
      const caughtUp = await metricValue(
        receiver!.platform.metrics,
        'callboard_yjs_updates_received_total',
        {
          source: 'catch-up',
        },
      );
      expect(caughtUp).toBeGreaterThan(0);
    });
  },
);
