import type { AccountEvent } from '@callboard/api';
import { canEditCalendars } from '@callboard/domain';
import { enforceAccountEvent, type RevocableConnection } from './connection-revocation.js';
import type { RealtimeDependencies } from './relay-dependencies.js';

/** A connection with the cookie it was opened with, so its session can be validated again. */
export interface RecheckableConnection extends RevocableConnection {
  readonly cookieHeader: string | undefined;
}

/**
 * Validates every connection's session and membership again and enforces what changed, as the
 * matching account event would have. Account events travel on an at-most-once bus; this pass,
 * run on a timer and whenever the bus reconnects, makes sure a lost one is not lost for long.
 * Each session and each (user, calendar) pair is looked up once per pass.
 */
export async function recheckAccess(
  connections: Iterable<RecheckableConnection>,
  deps: RealtimeDependencies,
): Promise<void> {
  const sessions = new Map<
    string,
    ReturnType<RealtimeDependencies['sessions']['validateCookieHeader']>
  >();
  const accesses = new Map<string, ReturnType<RealtimeDependencies['access']['calendarAccess']>>();
  const checks = [...connections].map(async (connection) => {
    const { context } = connection;
    if (!context.user || !context.sessionId) return;
    const cookie = connection.cookieHeader ?? '';
    if (!sessions.has(cookie))
      sessions.set(cookie, deps.sessions.validateCookieHeader(connection.cookieHeader));
    const accessKey = `${context.user.id}:${context.calendarId}`;
    if (!accesses.has(accessKey)) {
      accesses.set(accessKey, deps.access.calendarAccess(context.user.id, context.calendarId));
    }
    const [session, access] = await Promise.all([sessions.get(cookie), accesses.get(accessKey)]);
    let event: AccountEvent | null = null;
    if (!session || session.sessionId !== context.sessionId) {
      event = { type: 'session.revoked', sessionId: context.sessionId, userId: context.user.id };
    } else if (!access) {
      event = {
        type: 'membership.changed',
        projectId: context.projectId,
        userId: context.user.id,
        role: null,
      };
    } else if (canEditCalendars(access.role) === context.readOnly) {
      event = {
        type: 'membership.changed',
        projectId: context.projectId,
        userId: context.user.id,
        role: access.role,
      };
    }
    if (event) enforceAccountEvent(event, [connection]);
  });
  await Promise.all(checks);
}
