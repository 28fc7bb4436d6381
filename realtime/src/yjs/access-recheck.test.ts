import { describe, expect, it } from 'vitest';
import { FakeAccounts } from '../../test/support/fake-accounts.js';
import { recheckAccess, type RecheckableConnection } from './access-recheck.js';
import type { YjsConnectionContext } from './yjs-connection-context.js';

const calendar = { calendarId: 'cal-1', projectId: 'project-1' };

function connectionOf(member: ReturnType<FakeAccounts['signIn']>, role: 'editor' | 'viewer') {
  const connection = {
    closedWith: null as number | null,
    cookieHeader: member.cookie,
    context: {
      ...calendar,
      user: member.user,
      sessionId: member.sessionId,
      role,
      readOnly: role === 'viewer',
    } satisfies YjsConnectionContext,
    close(code: number) {
      connection.closedWith = code;
    },
    makeReadOnly() {
      connection.context.readOnly = true;
    },
  };
  return connection satisfies RecheckableConnection;
}

describe('recheckAccess', () => {
  it('leaves unchanged connections alone', async () => {
    const accounts = new FakeAccounts();
    const member = accounts.signIn('member');
    accounts.grant(member.user.id, { ...calendar, role: 'editor' });
    const connection = connectionOf(member, 'editor');
    await recheckAccess([connection], accounts.deps);
    expect([connection.closedWith, connection.context.readOnly]).toEqual([null, false]);
  });

  it('closes ended sessions and removed members, demotes and promotes in place or by reconnect', async () => {
    const accounts = new FakeAccounts();
    const [loggedOut, removed, demoted, promoted] = ['a', 'b', 'c', 'd'].map((name) =>
      accounts.signIn(name),
    );
    for (const member of [loggedOut!, removed!, demoted!])
      accounts.grant(member.user.id, { ...calendar, role: 'editor' });
    accounts.grant(promoted!.user.id, { ...calendar, role: 'viewer' });
    const connections = [
      connectionOf(loggedOut!, 'editor'),
      connectionOf(removed!, 'editor'),
      connectionOf(demoted!, 'editor'),
      connectionOf(promoted!, 'viewer'),
    ];
    accounts.signOut(loggedOut!.cookie);
    accounts.changeRole(removed!.user.id, calendar.projectId, null);
    accounts.changeRole(demoted!.user.id, calendar.projectId, 'viewer');
    accounts.changeRole(promoted!.user.id, calendar.projectId, 'editor');
    await recheckAccess(connections, accounts.deps);
    expect(connections.map((connection) => connection.closedWith)).toEqual([
      4401,
      4403,
      null,
      4000,
    ]);
    expect(connections[2]!.context.readOnly).toBe(true);
  });

  it('looks each session and membership up once per pass', async () => {
    const accounts = new FakeAccounts();
    const member = accounts.signIn('member');
    accounts.grant(member.user.id, { ...calendar, role: 'editor' });
    let lookups = 0;
    const counting = {
      sessions: {
        validateCookieHeader: (cookie: string | undefined) => {
          lookups += 1;
          return accounts.validateCookieHeader(cookie);
        },
      },
      access: accounts,
    };
    await recheckAccess([connectionOf(member, 'editor'), connectionOf(member, 'editor')], counting);
    expect(lookups).toBe(1);
  });
});
