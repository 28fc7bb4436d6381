import type { AccountEvent } from '@callboard/accounts';
import { describe, expect, it } from 'vitest';
import { enforceAccountEvent } from '../access/guarded-connection.js';
import type { YjsConnectionContext } from './yjs-connection-context.js';
import { guardYjsConnection, type GuardableYjsConnection } from './yjs-connection-guard.js';

class FakeConnection implements GuardableYjsConnection {
  closedWith: number | null = null;
  readonly context: YjsConnectionContext;

  constructor(overrides: Partial<YjsConnectionContext> = {}) {
    this.context = {
      calendarId: 'cal-1',
      projectId: 'project-1',
      user: { id: 'user-1', name: 'A' },
      sessionId: 'session-1',
      role: 'editor',
      readOnly: false,
      ...overrides,
    };
  }

  close(code: number): void {
    this.closedWith = code;
  }
}

function enforce(event: AccountEvent, ...connections: FakeConnection[]): void {
  enforceAccountEvent(event, connections.map(guardYjsConnection));
}

describe('account changes on a /yjs connection', () => {
  it('closes only the connections of the ended session with 4401', () => {
    const ended = new FakeConnection();
    const other = new FakeConnection({ sessionId: 'session-2' });
    enforce({ type: 'session.revoked', sessionId: 'session-1', userId: 'user-1' }, ended, other);
    expect([ended.closedWith, other.closedWith]).toEqual([4401, null]);
  });

  it('closes every session of a user whose sessions were revoked', () => {
    const first = new FakeConnection();
    const second = new FakeConnection({ sessionId: 'session-2' });
    enforce({ type: 'user.sessions-revoked', userId: 'user-1', reason: 'disabled' }, first, second);
    expect([first.closedWith, second.closedWith]).toEqual([4401, 4401]);
  });

  it('closes a removed member with 4403, only in that project', () => {
    const inProject = new FakeConnection();
    const elsewhere = new FakeConnection({ projectId: 'project-2' });
    enforce(
      { type: 'membership.changed', projectId: 'project-1', userId: 'user-1', role: null },
      inProject,
      elsewhere,
    );
    expect([inProject.closedWith, elsewhere.closedWith]).toEqual([4403, null]);
  });

  it('closes a demoted writer with 4003 and a promoted viewer with 4000, so each reconnects', () => {
    const demoted = new FakeConnection();
    const viewer = new FakeConnection({ role: 'viewer', readOnly: true });
    enforce(
      { type: 'membership.changed', projectId: 'project-1', userId: 'user-1', role: 'viewer' },
      demoted,
      viewer,
    );
    expect([demoted.closedWith, viewer.closedWith]).toEqual([4003, null]);
    const promoted = new FakeConnection({ role: 'viewer', readOnly: true });
    enforce(
      { type: 'membership.changed', projectId: 'project-1', userId: 'user-1', role: 'editor' },
      promoted,
    );
    expect(promoted.closedWith).toBe(4000);
  });

  it('closes the connections of a deleted calendar with 4404', () => {
    const deleted = new FakeConnection();
    const other = new FakeConnection({ calendarId: 'cal-2' });
    enforce(
      { type: 'calendar.deleted', projectId: 'project-1', calendarId: 'cal-1' },
      deleted,
      other,
    );
    expect([deleted.closedWith, other.closedWith]).toEqual([4404, null]);
  });

  it('closes every connection to a deleted project’s calendars with 4404', () => {
    const inProject = new FakeConnection();
    const elsewhere = new FakeConnection({ projectId: 'project-2', calendarId: 'cal-9' });
    enforce({ type: 'project.deleted', projectId: 'project-1' }, inProject, elsewhere);
    expect([inProject.closedWith, elsewhere.closedWith]).toEqual([4404, null]);
  });
});
