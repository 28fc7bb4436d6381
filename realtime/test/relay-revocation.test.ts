import { ACCOUNT_EVENTS_CHANNEL, type AccountEvent } from '@callboard/accounts';
import { createTestDatabase, waitFor } from '@callboard/db/testing';
import { describe, expect, it } from 'vitest';
import { useRelayTestFile } from './support/relay-test-file.js';
import { waitForSync, type YjsTestClient } from './support/yjs-test-client.js';

const testDatabase = await createTestDatabase();
// A quick re-check, so the tests of lost account events do not wait a minute.
const relay = useRelayTestFile(testDatabase, { REALTIME_ACCESS_RECHECK_MS: '200' });
const { accounts } = relay;

async function connectedEditor() {
  const calendar = await relay.calendarWithMember('editor');
  const { member } = calendar;
  const client = relay.connect(calendar.calendarId, { cookie: member.cookie });
  await waitForSync(client);
  return { ...calendar, member, client };
}

function announce(event: AccountEvent): Promise<void> {
  return relay.server().platform.bus.publish(ACCOUNT_EVENTS_CHANNEL, JSON.stringify(event));
}

const closedWith = (client: YjsTestClient, code: number) => () =>
  client.closes.some((close) => close.code === code);

describe.skipIf(!testDatabase)('revocation of /yjs connections', () => {
  it('closes the connections of a session that logged out with 4401, and only those', async () => {
    const { member, client, calendarId } = await connectedEditor();
    const otherSession = accounts.signIn('other');
    accounts.grant(otherSession.user.id, {
      calendarId,
      projectId: (await accounts.calendarAccess(member.user.id, calendarId))!.projectId,
      role: 'editor',
    });
    const bystander = relay.connect(calendarId, { cookie: otherSession.cookie });
    await waitForSync(bystander);
    await announce({
      type: 'session.revoked',
      sessionId: member.sessionId,
      userId: member.user.id,
    });
    await waitFor(closedWith(client, 4401), 'the logged-out connection to close');
    expect(client.closes.at(-1)?.reason).toBe('session ended');
    expect(bystander.provider.wsconnected).toBe(true);
  });

  it('closes every connection of a user whose sessions were all revoked', async () => {
    const { member, client } = await connectedEditor();
    await announce({
      type: 'user.sessions-revoked',
      userId: member.user.id,
      reason: 'password changed',
    });
    await waitFor(closedWith(client, 4401), 'the connection to close');
  });

  it('closes the connection of a member removed from the project with 4403', async () => {
    const { member, client, projectId } = await connectedEditor();
    await announce({ type: 'membership.changed', projectId, userId: member.user.id, role: null });
    await waitFor(closedWith(client, 4403), 'the connection to close');
  });

  it('closes the connections of a deleted calendar with 4404', async () => {
    const { client, calendarId, projectId } = await connectedEditor();
    await announce({ type: 'calendar.deleted', projectId, calendarId });
    await waitFor(closedWith(client, 4404), 'the connection to close');
  });

  it('closes a demoted writer with 4003 within 1 s; it reconnects read-only', async () => {
    const { member, client, projectId } = await connectedEditor();
    accounts.changeRole(member.user.id, projectId, 'viewer');
    const announced = Date.now();
    await announce({
      type: 'membership.changed',
      projectId,
      userId: member.user.id,
      role: 'viewer',
    });
    await waitFor(closedWith(client, 4003), 'the demoted writer to be told', 1_000);
    expect(Date.now() - announced).toBeLessThan(1_000);
    expect(client.closes.at(-1)?.reason).toBe('role changed: read-only');
    await waitForSync(client);
    await relay.expectWriteDropped(() => client.doc.getMap('events').set('after demotion', true));
  });

  it('closes a connection with 4401 once its session has expired', async () => {
    const calendar = await relay.calendarWithMember('editor');
    // Long enough to connect and sync on a loaded machine (300 ms once was not), short enough
    // to expire while the connection is open.
    const shortLived = relay.accounts.signIn('short-lived', 2_000);
    relay.accounts.grant(shortLived.user.id, { ...calendar, role: 'editor' });
    const client = relay.connect(calendar.calendarId, { cookie: shortLived.cookie });
    await waitForSync(client);
    await waitFor(closedWith(client, 4401), 'the expired session to be closed');
    expect(client.closes.at(-1)?.reason).toBe('session expired');
  });

  it('enforces a removal and a logout whose account events were lost', async () => {
    const removed = await connectedEditor();
    const loggedOut = await connectedEditor();
    accounts.changeRole(removed.member.user.id, removed.projectId, null);
    accounts.signOut(loggedOut.member.cookie);
    await waitFor(closedWith(removed.client, 4403), 'the removed member to be closed');
    await waitFor(closedWith(loggedOut.client, 4401), 'the logged-out session to be closed');
  });
});
