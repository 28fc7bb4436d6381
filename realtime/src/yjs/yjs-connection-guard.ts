import { canEditCalendars } from '@callboard/domain';
import type { GuardedConnection } from '../access/guarded-connection.js';
import { CLOSE_CODES, type YjsConnection } from './yjs-connection.js';

/** What account changes need of a /yjs connection. */
export type GuardableYjsConnection = Pick<
  YjsConnection,
  'context' | 'cookieHeader' | 'close' | 'makeReadOnly'
>;

/**
 * A /yjs connection as account changes see it: it follows one calendar, so losing it closes
 * the connection (44xx, so the provider does not retry); a demotion makes it read-only in
 * place, and a promoted viewer is closed with 4000 so it reconnects as a writer.
 */
export function guardYjsConnection(connection: GuardableYjsConnection): GuardedConnection {
  const { context } = connection;
  return {
    account:
      context.user && context.sessionId
        ? {
            userId: context.user.id,
            sessionId: context.sessionId,
            cookieHeader: connection.cookieHeader,
          }
        : null,
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
      if (!canEditCalendars(role)) connection.makeReadOnly();
      else if (context.readOnly) {
        connection.close(CLOSE_CODES.roleChanged, 'role changed', 'role-changed');
      }
    },
  };
}
