import type { AccountEvent } from '@callboard/api';
import type { YjsConnectionContext } from './yjs-connection-context.js';
import { CLOSE_CODES } from './yjs-connection.js';

/** What revocation needs of a connection. */
export interface RevocableConnection {
  readonly context: YjsConnectionContext;
  close(code: number, reason: string, metricReason: string): void;
  makeReadOnly(): void;
}

/**
 * Enforces an account change on this instance's connections at once: ended sessions and
 * removed members are closed (44xx, so the provider does not retry), demoted members become
 * read-only in place, promoted viewers are closed with 4000 so they reconnect as writers.
 */
export function enforceAccountEvent(
  event: AccountEvent,
  connections: Iterable<RevocableConnection>,
): void {
  for (const connection of connections) {
    const { context } = connection;
    switch (event.type) {
      case 'session.revoked':
        if (context.sessionId === event.sessionId) {
          connection.close(CLOSE_CODES.sessionEnded, 'session ended', 'revoked');
        }
        break;
      case 'user.sessions-revoked':
        if (context.user?.id === event.userId) {
          connection.close(CLOSE_CODES.sessionEnded, 'session ended', 'revoked');
        }
        break;
      case 'membership.changed':
        if (context.user?.id !== event.userId || context.projectId !== event.projectId) break;
        if (event.role === null) {
          connection.close(CLOSE_CODES.removedFromProject, 'removed from project', 'revoked');
        } else if (event.role === 'viewer') {
          connection.makeReadOnly();
        } else if (context.readOnly) {
          connection.close(CLOSE_CODES.roleChanged, 'role changed', 'role-changed');
        }
        break;
      case 'calendar.deleted':
        if (context.calendarId === event.calendarId) {
          connection.close(CLOSE_CODES.calendarDeleted, 'calendar deleted', 'revoked');
        }
        break;
      case 'project.deleted':
        // Its calendars went with it.
        if (context.projectId === event.projectId) {
          connection.close(CLOSE_CODES.calendarDeleted, 'project deleted', 'revoked');
        }
        break;
      case 'project.renamed':
        break;
    }
  }
}
