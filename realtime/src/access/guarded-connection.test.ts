import { describe, expect, it } from 'vitest';
import { RecordingConnection } from '../../test/support/recording-connection.js';
import { enforceAccountEvent } from './guarded-connection.js';

const account = { userId: 'user-1', sessionId: 'session-1' };

/** A socket.io-like connection: project-1 itself, two of its calendars and one elsewhere. */
function follower() {
  return new RecordingConnection(account, [
    { projectId: 'project-1', calendarId: null, readOnly: false },
    { projectId: 'project-1', calendarId: 'cal-1', readOnly: false },
    { projectId: 'project-1', calendarId: 'cal-2', readOnly: false },
    { projectId: 'project-2', calendarId: 'cal-9', readOnly: true },
  ]);
}

describe('enforceAccountEvent', () => {
  it('leaves a project once when its member is removed, keeping what it follows elsewhere', () => {
    const connection = follower();
    enforceAccountEvent(
      { type: 'membership.changed', projectId: 'project-1', userId: 'user-1', role: null },
      [connection],
    );
    expect(connection.told).toEqual(['leave project project-1 removed']);
    expect(connection.follows.map((followed) => followed.calendarId)).toEqual(['cal-9']);
  });

  it('ignores changes to projects and calendars the connection does not follow', () => {
    const connection = follower();
    enforceAccountEvent(
      { type: 'membership.changed', projectId: 'project-3', userId: 'user-1', role: null },
      [connection],
    );
    enforceAccountEvent({ type: 'calendar.deleted', projectId: 'project-3', calendarId: 'x' }, [
      connection,
    ]);
    enforceAccountEvent({ type: 'project.deleted', projectId: 'project-3' }, [connection]);
    expect(connection.told).toEqual([]);
  });

  it('ends the session of the revoked session or user only', () => {
    const connection = follower();
    const other = new RecordingConnection({ ...account, sessionId: 'session-2' }, []);
    const stranger = new RecordingConnection(
      { ...account, userId: 'user-2', sessionId: 's-3' },
      [],
    );
    enforceAccountEvent({ type: 'session.revoked', sessionId: 'session-1', userId: 'user-1' }, [
      connection,
      other,
      stranger,
    ]);
    enforceAccountEvent({ type: 'user.sessions-revoked', userId: 'user-1', reason: 'disabled' }, [
      other,
      stranger,
    ]);
    expect([connection.told, other.told, stranger.told]).toEqual([
      ['end session revoked: signed out'],
      ['end session revoked: disabled'],
      [],
    ]);
  });

  it('passes a role change and a deleted calendar to the connection that follows them', () => {
    const connection = follower();
    enforceAccountEvent(
      { type: 'membership.changed', projectId: 'project-1', userId: 'user-1', role: 'viewer' },
      [connection],
    );
    enforceAccountEvent({ type: 'calendar.deleted', projectId: 'project-1', calendarId: 'cal-2' }, [
      connection,
    ]);
    expect(connection.told).toEqual([
      'role in project-1: viewer',
      'leave calendar cal-2 of project-1',
    ]);
  });
});
