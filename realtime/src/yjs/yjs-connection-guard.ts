import { canEditCalendars, type ProjectRole } from '@callboard/domain';
import type {
  ConnectionAccount,
  FollowedAccess,
  GuardedConnection,
} from '../access/guarded-connection.js';
import { CLOSE_CODES, type YjsConnection } from './yjs-connection.js';

/** What account changes need of a /yjs connection. */
export type GuardableYjsConnection = Pick<YjsConnection, 'context' | 'close'>;

/**
 * A /yjs connection as account changes see it: it follows one calendar, so losing it closes
 * the connection (44xx, so the provider does not retry). A role change closes it so that it
 * reconnects with the new role: a demoted writer with 4003, which tells the web app to stop
 * editing and discard what the server did not take, a promoted viewer with 4000.
 *
 * A class rather than an object of closures: one is held for every open connection.
 */
class GuardedYjsConnection implements GuardedConnection {
  constructor(private readonly connection: GuardableYjsConnection) {}

  get account(): ConnectionAccount {
    const { context } = this.connection;
    return { userId: context.user.id, sessionId: context.sessionId };
  }

  followed(): FollowedAccess[] {
    const { projectId, calendarId, readOnly } = this.connection.context;
    return [{ projectId, calendarId, readOnly }];
  }

  endSession(cause: 'revoked' | 'expired'): void {
    const reason = cause === 'expired' ? 'session expired' : 'session ended';
    this.connection.close(CLOSE_CODES.sessionEnded, reason, cause);
  }

  leaveProject(_projectId: string, cause: 'removed' | 'deleted'): void {
    if (cause === 'removed') {
      this.connection.close(CLOSE_CODES.removedFromProject, 'removed from project', 'revoked');
    } else this.connection.close(CLOSE_CODES.calendarDeleted, 'project deleted', 'revoked');
  }

  leaveCalendar(): void {
    this.connection.close(CLOSE_CODES.calendarDeleted, 'calendar deleted', 'revoked');
  }

  changeRole(_projectId: string, role: ProjectRole): void {
    const { readOnly } = this.connection.context;
    const canWrite = canEditCalendars(role);
    if (!canWrite && !readOnly) {
      this.connection.close(CLOSE_CODES.demotedToReader, 'role changed: read-only', 'role-changed');
    } else if (canWrite && readOnly) {
      this.connection.close(CLOSE_CODES.roleChanged, 'role changed', 'role-changed');
    }
  }
}

export function guardYjsConnection(connection: GuardableYjsConnection): GuardedConnection {
  return new GuardedYjsConnection(connection);
}
