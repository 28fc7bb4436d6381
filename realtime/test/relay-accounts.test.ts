import { createAccounts, type Accounts } from '@callboard/accounts';
import {
  addTestMember,
  buildTestApi,
  apiRequest,
  createTestCalendar,
  createTestProject,
  registerTestUser,
  type TestUser,
} from '@callboard/api/testing';
import { createTestDatabase, waitFor } from '@callboard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelayTestServer, type RelayTestServer } from './support/relay-test-server.js';
import { storedDocument, upgradeStatus } from './support/stored-document.js';
import { testEvent } from './support/test-event.js';
import { connectYjsClient, waitForSync, type YjsTestClient } from './support/yjs-test-client.js';

const testDatabase = await createTestDatabase();
let server: RelayTestServer;
let app: ReturnType<typeof buildTestApi>;
let accounts: Accounts;
const clients: YjsTestClient[] = [];

beforeAll(async () => {
  if (!testDatabase) return;
  server = await startRelayTestServer({
    databaseUrl: testDatabase.url,
    deps: (platform) => {
      accounts = createAccounts(platform, { SESSION_TTL_DAYS: 30 });
      return {
        sessions: accounts.sessions,
        access: accounts.access,
        accountEvents: accounts.events,
      };
    },
  });
  // The API shares the relay's accounts instance, as in the combined server.
  app = buildTestApi(server.platform, accounts);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.close();
  await testDatabase?.drop();
});

function connect(calendarId: string, user: TestUser): YjsTestClient {
  const client = connectYjsClient(server.yjsUrl, calendarId, { cookie: user.cookie });
  clients.push(client);
  return client;
}

/** A project with a calendar, its owner, and one member of the given role, all through the API. */
async function production(memberRole: 'editor' | 'viewer') {
  const owner = await registerTestUser(app);
  const member = await registerTestUser(app);
  const project = await createTestProject(app, owner);
  await addTestMember(app, owner, project.id, member, memberRole);
  const calendar = await createTestCalendar(app, owner, project.id);
  return { owner, member, project, calendar };
}

const closedWith = (client: YjsTestClient, code: number) => () =>
  client.closes.some((close) => close.code === code);

describe.skipIf(!testDatabase)('/yjs with the real accounts tier', () => {
  it("lets the owner and an editor converge and drops a viewer's writes", async () => {
    const { owner, member: editor, project, calendar } = await production('editor');
    const viewer = await registerTestUser(app);
    await addTestMember(app, owner, project.id, viewer, 'viewer');
    const [ownerClient, editorClient, viewerClient] = [owner, editor, viewer].map((user) =>
      connect(calendar.id, user),
    );
    await Promise.all(
      [ownerClient, editorClient, viewerClient].map((client) => waitForSync(client!)),
    );
    ownerClient!.doc.getMap('events').set('from-owner', testEvent());
    editorClient!.doc.getMap('events').set('from-editor', testEvent());
    viewerClient!.doc.getMap('events').set('from-viewer', testEvent());
    for (const client of [ownerClient!, editorClient!, viewerClient!]) {
      await waitFor(
        () =>
          client.doc.getMap('events').has('from-owner') &&
          client.doc.getMap('events').has('from-editor'),
        'both writers everywhere',
      );
    }
    await waitFor(
      async () =>
        (await storedDocument(testDatabase!.sql, calendar.id)).getMap('events').size === 2,
      'both writes in Postgres',
    );
    expect(ownerClient!.doc.getMap('events').has('from-viewer')).toBe(false);
    expect(
      (await storedDocument(testDatabase!.sql, calendar.id)).getMap('events').has('from-viewer'),
    ).toBe(false);
  });

  it('refuses the signed-out (401), a non-member (404) and a member of another project (404)', async () => {
    const { calendar, member } = await production('editor');
    const other = await production('editor');
    const url = `${server.yjsUrl}/${calendar.id}`;
    expect(await upgradeStatus(url)).toBe(401);
    expect(await upgradeStatus(url, { cookie: (await registerTestUser(app)).cookie })).toBe(404);
    expect(await upgradeStatus(url, { cookie: other.member.cookie })).toBe(404);
    expect(await upgradeStatus(url, { cookie: member.cookie })).toBe(101);
  });

  it("closes a session's /yjs connection when it logs out, and no other session's", async () => {
    const { calendar, member, owner } = await production('editor');
    const leaving = connect(calendar.id, member);
    const staying = connect(calendar.id, owner);
    await Promise.all([waitForSync(leaving), waitForSync(staying)]);
    const response = await apiRequest(app, 'POST', '/api/auth/logout', { cookie: member.cookie });
    expect(response.status).toBe(204);
    await waitFor(closedWith(leaving, 4401), 'the logged-out connection to close');
    expect(staying.provider.wsconnected).toBe(true);
  });

  it('validates a session again by its id alone: renewed while it lasts, null once it ended', async () => {
    const user = await registerTestUser(app);
    const { sessions } = accounts;
    const session = (await sessions.validateCookieHeader(user.cookie))!;
    expect(await sessions.validateSessionId(session.sessionId)).toMatchObject({
      sessionId: session.sessionId,
      user: { id: user.user.id },
    });
    // Past half its life, as a connection open for weeks would find it: renewed as a token is.
    await testDatabase!.sql`update sessions set expires_at = now() + interval '2 days'
                            where id = ${session.sessionId}`;
    sessions.evict({ sessionId: session.sessionId });
    const renewed = (await sessions.validateSessionId(session.sessionId))!;
    expect(renewed.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const response = await apiRequest(app, 'POST', '/api/auth/logout', { cookie: user.cookie });
    expect(response.status).toBe(204);
    expect(await sessions.validateSessionId(session.sessionId)).toBeNull();
    expect(await sessions.validateSessionId('not-a-session')).toBeNull();
  });

  it('closes a removed member with 4403, and a demoted one with 4003 to reconnect read-only', async () => {
    const { calendar, member, owner, project } = await production('editor');
    const demoted = await registerTestUser(app);
    await addTestMember(app, owner, project.id, demoted, 'editor');
    const removedClient = connect(calendar.id, member);
    const demotedClient = connect(calendar.id, demoted);
    const ownerClient = connect(calendar.id, owner);
    await Promise.all([removedClient, demotedClient, ownerClient].map(waitForSync));
    const removal = await apiRequest(
      app,
      'DELETE',
      `/api/projects/${project.id}/members/${member.user.id}`,
      {
        cookie: owner.cookie,
      },
    );
    expect(removal.status).toBe(204);
    await waitFor(closedWith(removedClient, 4403), 'the removed member to be closed');
    const demotion = await apiRequest(
      app,
      'PATCH',
      `/api/projects/${project.id}/members/${demoted.user.id}`,
      {
        cookie: owner.cookie,
        body: { role: 'viewer' },
      },
    );
    expect(demotion.status).toBe(200);
    await waitFor(closedWith(demotedClient, 4003), 'the demoted member to be told');
    await waitFor(
      () => server.realtime.yjs.audience(calendar.id)?.readOnly === 1,
      'the demotion to apply',
    );
    demotedClient.doc.getMap('events').set('after demotion', true);
    ownerClient.doc.getMap('events').set('marker', testEvent());
    await waitFor(
      () => demotedClient.doc.getMap('events').has('marker'),
      'the owner edit to reach the demoted client',
    );
    await waitFor(
      async () =>
        (await storedDocument(testDatabase!.sql, calendar.id)).getMap('events').has('marker'),
      'the owner edit in Postgres',
    );
    expect(ownerClient.doc.getMap('events').has('after demotion')).toBe(false);
    expect(demotedClient.provider.wsconnected).toBe(true);
  });
});
