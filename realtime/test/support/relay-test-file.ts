import type { ProjectRole } from '@callboard/domain';
import type { TestDatabase } from '@callboard/db/testing';
import { afterAll, beforeAll } from 'vitest';
import { FakeAccounts, insertCalendar } from './fake-accounts.js';
import { startRelayTestServer, type RelayTestServer } from './relay-test-server.js';
import { metricValue } from './stored-document.js';
import { waitFor } from '@callboard/db/testing';
import { connectYjsClient, type YjsTestClient } from './yjs-test-client.js';

export interface RelayTestFile {
  accounts: FakeAccounts;
  server(): RelayTestServer;
  /** A stock client that is destroyed when the file ends. */
  connect(calendarId: string, options?: Parameters<typeof connectYjsClient>[2]): YjsTestClient;
  /** Signs in another user with the given role on an existing calendar. */
  addMember(
    calendar: { calendarId: string; projectId: string },
    role: ProjectRole,
  ): ReturnType<FakeAccounts['signIn']>;
  /** Runs `write` on a read-only client and resolves once the relay has dropped it. */
  expectWriteDropped(write: () => void): Promise<void>;
  /** A new calendar in a new project, with one signed-in member of the given role. */
  calendarWithMember(
    role: ProjectRole,
  ): Promise<{ calendarId: string; projectId: string; member: ReturnType<FakeAccounts['signIn']> }>;
}

/** One relay per test file on the file's database, started before and closed after its tests. */
export function useRelayTestFile(
  testDatabase: TestDatabase | null,
  env?: Record<string, string>,
): RelayTestFile {
  const accounts = new FakeAccounts();
  const clients: YjsTestClient[] = [];
  let server: RelayTestServer | undefined;
  beforeAll(async () => {
    if (testDatabase)
      server = await startRelayTestServer({
        databaseUrl: testDatabase.url,
        deps: accounts.deps,
        env,
      });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.close();
    await testDatabase?.drop();
  });
  return {
    accounts,
    server: () => server!,
    connect(calendarId, options) {
      const client = connectYjsClient(server!.yjsUrl, calendarId, options);
      clients.push(client);
      return client;
    },
    addMember(calendar, role) {
      const member = accounts.signIn(role);
      accounts.grant(member.user.id, { ...calendar, role });
      return member;
    },
    async expectWriteDropped(write) {
      const name = 'callboard_yjs_read_only_writes_dropped_total';
      const before = await metricValue(server!.platform.metrics, name);
      write();
      await waitFor(
        async () => (await metricValue(server!.platform.metrics, name)) > before,
        'the write to be dropped',
      );
    },
    async calendarWithMember(role) {
      const calendar = await insertCalendar(testDatabase!.sql);
      const member = accounts.signIn(role);
      accounts.grant(member.user.id, { ...calendar, role });
      return { ...calendar, member };
    },
  };
}
