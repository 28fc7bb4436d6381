import { canEditCalendars } from '@callboard/domain';
import type { PresenceMember, ProjectPresence, SocketData } from './socket-io.messages.js';

/**
 * A project's presence from its followers' sockets: owners and editors by name, each of their
 * places once; read-only followers only counted, as /yjs never names a viewer either.
 */
export function presenceOf(projectId: string, followers: Iterable<SocketData>): ProjectPresence {
  const members: PresenceMember[] = [];
  const seen = new Set<string>();
  const viewers = new Set<string>();
  for (const data of followers) {
    const role = data.projects[projectId];
    if (!role) continue;
    if (!canEditCalendars(role)) {
      viewers.add(data.userId);
      continue;
    }
    const here = data.presence?.projectId === projectId ? data.presence : null;
    const member = {
      userId: data.userId,
      name: data.name,
      calendarId: here?.calendarId ?? null,
      editing: here?.editing ?? null,
    };
    const key = `${member.userId}:${member.calendarId ?? ''}:${member.editing ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    members.push(member);
  }
  return { projectId, members, viewers: viewers.size };
}
