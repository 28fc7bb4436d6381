import { canEditCalendars } from '@callboard/domain';
import type { GuardedConnection } from '../access/guarded-connection.js';
import { CLOSE_CODES, type YjsConnection } from './yjs-connection.js';

/** What account changes need of a /yjs connection. */
export type GuardableYjsConnection = Pick<YjsConnection, 'context' | 'cookieHeader' | 'close'>;

/**
 * A /yjs connection as account changes see it: it follows one calendar, so losing it closes
 * the connection (44xx, so the provider does not retry). A role change closes it so that it
 * reconnects with the new role: a demoted writer with 4003, which tells the web app to stop
 * editing and discard what the server did not take, a promoted viewer with 4000.
 */
export function guardYjsConnection(connection: GuardableYjsConnection): GuardedConnection {
  const { context } = connection;
  return {
    account: {
      userId: context.user.id,
      sessionId: context.sessionId,
      cookieHeader: connection.cookieHeader,
    },
    followed: () => [
      { projectId: context.projectId, calendarId: context.calendarId, readOnly: context.readOnly },
    ],
    endSession(cause) {
      const reason = cause === 'expired' ? 'session expired' : 'session ended';
      connection.close(CLOSE_CODES.sessionEnded, reason, cause);
    },
    leaveProject(_projectId, cause) {
      if (cause === 'removed') {
        connection.close(CLOSE_CODES.removedFromProject, 'removed from project', 'revoked');
      } else connection.close(CLOSE_CODES.calendarDeleted, 'project deleted', 'revoked');
    },
    leaveCalendar: () =>
      connection.close(CLOSE_CODES.calendarDeleted, 'calendar deleted', 'revoked'),
    changeRole(_projectId, role) {
      const canWrite = canEditCalendars(role);
      if (!canWrite && !context.readOnly) {
        connection.close(CLOSE_CODES.demotedToReader, 'role changed: read-only', 'role-changed');
      } else if (canWrite && context.readOnly) {
        connection.close(CLOSE_CODES.roleChanged, 'role changed', 'role-changed');
      }
    },
  };
}
