import type { AccountEvent } from '@callboard/accounts';
import type { ProjectRole } from '@callboard/domain';

/** One calendar, or a whole project, that a connection follows. */
export interface FollowedAccess {
  projectId: string;
  /** Null when the project itself is followed (socket.io presence) rather than one calendar. */
  calendarId: string | null;
  /** True where the connection may only read: a viewer, or a public link. */
  readOnly: boolean;
}

/** The signed-in account a connection was opened with. */
export interface ConnectionAccount {
  userId: string;
  /** Validated again by its id: the connection keeps no token. */
  sessionId: string;
}

/**
 * A long-lived connection that account changes narrow or cut: a /yjs websocket follows one
 * calendar, a socket.io socket any number of projects and calendars. Each transport says how
 * it narrows and cuts; what to do when is decided here, once for both.
 */
export interface GuardedConnection {
  readonly account: ConnectionAccount;
  /** What it follows now. */
  followed(): Iterable<FollowedAccess>;
  /** The session ended: cut the whole connection; `reason` is what the user is told. */
  endSession(cause: 'revoked' | 'expired', reason: string): void;
  /** Stop following a project and its calendars: the user was removed, or it was deleted. */
  leaveProject(projectId: string, cause: 'removed' | 'deleted'): void;
  /** Stop following a calendar that was deleted. */
  leaveCalendar(projectId: string, calendarId: string): void;
  /** The user's role in a followed project changed (a viewer's access is read-only). */
  changeRole(projectId: string, role: ProjectRole): void;
}

function follows(
  connection: GuardedConnection,
  match: (followed: FollowedAccess) => boolean,
): boolean {
  for (const followed of connection.followed()) if (match(followed)) return true;
  return false;
}

/** Enforces an account change on this instance's connections at once, whatever their transport. */
export function enforceAccountEvent(
  event: AccountEvent,
  connections: Iterable<GuardedConnection>,
): void {
  for (const connection of connections) {
    const { account } = connection;
    switch (event.type) {
      case 'session.revoked':
        if (account.sessionId === event.sessionId) connection.endSession('revoked', 'signed out');
        break;
      case 'user.sessions-revoked':
        if (account.userId === event.userId) connection.endSession('revoked', event.reason);
        break;
      case 'membership.changed':
        if (account.userId !== event.userId) break;
        if (!follows(connection, (followed) => followed.projectId === event.projectId)) break;
        if (event.role === null) connection.leaveProject(event.projectId, 'removed');
        else connection.changeRole(event.projectId, event.role);
        break;
      case 'calendar.deleted':
        if (follows(connection, (followed) => followed.calendarId === event.calendarId)) {
          connection.leaveCalendar(event.projectId, event.calendarId);
        }
        break;
      case 'project.deleted':
        // Its calendars went with it.
        if (follows(connection, (followed) => followed.projectId === event.projectId)) {
          connection.leaveProject(event.projectId, 'deleted');
        }
        break;
      case 'project.renamed':
        break;
    }
  }
}
