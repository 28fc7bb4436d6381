import type { ProjectRole } from '@callboard/domain';
import { describe, expect, it } from 'vitest';
import type { SocketData } from './socket-io.messages.js';
import { presenceOf } from './socket-io-presence.js';

function follower(userId: string, role: ProjectRole, editing?: string): SocketData {
  return {
    userId,
    name: `Name of ${userId}`,
    sessionId: `session-${userId}`,
    projects: { p: role },
    calendars: {},
    presence: editing ? { projectId: 'p', calendarId: 'c', editing } : null,
  };
}

describe('presenceOf', () => {
  it('names owners and editors once per place and only counts viewers', () => {
    const presence = presenceOf('p', [
      follower('owner', 'owner'),
      follower('editor', 'editor', 'event-1'),
      follower('editor', 'editor', 'event-1'),
      follower('viewer', 'viewer'),
      follower('viewer', 'viewer'),
      follower('other-viewer', 'viewer'),
    ]);
    expect(presence).toEqual({
      projectId: 'p',
      members: [
        { userId: 'owner', name: 'Name of owner', calendarId: null, editing: null },
        { userId: 'editor', name: 'Name of editor', calendarId: 'c', editing: 'event-1' },
      ],
      viewers: 2,
    });
    expect(JSON.stringify(presence)).not.toContain('Name of viewer');
  });

  it('leaves out sockets that do not follow the project', () => {
    const elsewhere = { ...follower('someone', 'editor'), projects: { q: 'editor' as const } };
    expect(presenceOf('p', [elsewhere])).toEqual({ projectId: 'p', members: [], viewers: 0 });
  });
});
