import { describe, expect, it } from 'vitest';
import { FakeAccounts } from '../../test/support/fake-accounts.js';
import { RecordingConnection } from '../../test/support/recording-connection.js';
import type { YjsConnectionContext } from '../yjs/yjs-connection-context.js';
import { guardYjsConnection } from '../yjs/yjs-connection-guard.js';
import { recheckAccess } from './access-recheck.js';

const calendar = { calendarId: 'cal-1', projectId: 'project-1' };

function connectionOf(member: ReturnType<FakeAccounts['signIn']>, role: 'editor' | 'viewer') {
  const connection = {
    closedWith: null as number | null,
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
  };
  return connection;
}

const accountOf = (member: ReturnType<FakeAccounts['signIn']>) => ({
  userId: member.user.id,
  sessionId: member.sessionId,
});

const recheck = (connections: ReturnType<typeof connectionOf>[], deps: FakeAccounts['deps']) =>
  recheckAccess(connections.map(guardYjsConnection), deps);

describe('recheckAccess', () => {
  it('leaves unchanged connections alone', async () => {
    const accounts = new FakeAccounts();
    const member = accounts.signIn('member');
    accounts.grant(member.user.id, { ...calendar, role: 'editor' });
    const connection = connectionOf(member, 'editor');
    await recheck([connection], accounts.deps);
    expect([connection.closedWith, connection.context.readOnly]).toEqual([null, false]);
  });

  it('closes ended sessions, removed members, and demoted or promoted members so they reconnect', async () => {
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
    await recheck(connections, accounts.deps);
    expect(connections.map((connection) => connection.closedWith)).toEqual([
      4401, 4403, 4003, 4000,
    ]);
  });

  it('ends no session when the accounts database cannot answer', async () => {
    const accounts = new FakeAccounts();
    const member = accounts.signIn('member');
    accounts.grant(member.user.id, { ...calendar, role: 'editor' });
    const connection = connectionOf(member, 'editor');
    const failing = {
      sessions: {
        validateCookieHeader: (cookie: string | undefined) => accounts.validateCookieHeader(cookie),
        validateSessionId: () => Promise.reject(new Error('database down')),
      },
      access: accounts,
    };
    await expect(recheck([connection], failing)).rejects.toThrow('database down');
    expect(connection.closedWith).toBeNull();
  });

  it('looks each session and membership up once per pass', async () => {
    const accounts = new FakeAccounts();
    const member = accounts.signIn('member');
    accounts.grant(member.user.id, { ...calendar, role: 'editor' });
    let lookups = 0;
    const counting = {
      sessions: {
        validateCookieHeader: (cookie: string | undefined) => accounts.validateCookieHeader(cookie),
        validateSessionId: (sessionId: string) => {
          lookups += 1;
          return accounts.validateSessionId(sessionId);
        },
      },
      access: accounts,
    };
    await recheck([connectionOf(member, 'editor'), connectionOf(member, 'editor')], counting);
    expect(lookups).toBe(1);
  });

  it('tells a socket following a project and its calendars each change once', async () => {
    const accounts = new FakeAccounts();
    const member = accounts.signIn('member');
    const other = { calendarId: 'cal-2', projectId: 'project-1' };
    const elsewhere = { calendarId: 'cal-9', projectId: 'project-2' };
    accounts.grant(member.user.id, { ...calendar, role: 'editor' });
    accounts.grant(member.user.id, { ...elsewhere, role: 'editor' });
    const removed = new RecordingConnection(accountOf(member), [
      { projectId: 'project-1', calendarId: null, readOnly: false },
      { ...calendar, readOnly: false },
      { ...other, readOnly: false },
      { ...elsewhere, readOnly: false },
    ]);
    accounts.changeRole(member.user.id, 'project-1', null);
    await recheckAccess([removed], accounts.deps);
    expect(removed.told).toEqual(['leave project project-1 removed']);

    const demoted = new RecordingConnection(accountOf(member), [{ ...elsewhere, readOnly: false }]);
    accounts.changeRole(member.user.id, 'project-2', 'viewer');
    await recheckAccess([demoted], accounts.deps);
    expect(demoted.told).toEqual(['role in project-2: viewer']);
  });

  it('tells a deleted calendar from a removal while the user is still in its project', async () => {
    const accounts = new FakeAccounts();
    const member = accounts.signIn('member');
    accounts.grant(member.user.id, { ...calendar, role: 'editor' });
    const connection = new RecordingConnection(accountOf(member), [
      { projectId: 'project-1', calendarId: 'cal-gone', readOnly: false },
    ]);
    await recheckAccess([connection], accounts.deps);
    expect(connection.told).toEqual(['leave calendar cal-gone of project-1']);
  });

  it('ends the session of a connection whose session is gone, before looking at its access', async () => {
    const accounts = new FakeAccounts();
    const member = accounts.signIn('member');
    const connection = new RecordingConnection(accountOf(member), [
      { projectId: 'project-1', calendarId: null, readOnly: false },
    ]);
    accounts.signOut(member.cookie);
    await recheckAccess([connection], accounts.deps);
    expect(connection.told).toEqual(['end session revoked: signed out']);
  });
});
