import type { AccountEvent } from '@callboard/accounts';
import { canEditCalendars } from '@callboard/domain';
import type { RealtimeDependencies } from '../yjs/relay-dependencies.js';

/** What a re-check asks: the session and the membership, as at the upgrade. */
type AccessDependencies = Pick<RealtimeDependencies, 'sessions' | 'access'>;
import {
  enforceAccountEvent,
  type FollowedAccess,
  type GuardedConnection,
} from './guarded-connection.js';

/** The accounts tier for one pass: each session and each access is looked up once. */
class PassLookups {
  readonly #answers = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: AccessDependencies) {}

  session(sessionId: string) {
    return this.#once(`session:${sessionId}`, () =>
      this.deps.sessions.validateSessionId(sessionId),
    );
  }

  projectRole(userId: string, projectId: string) {
    return this.#once(`project:${userId}:${projectId}`, () =>
      this.deps.access.projectRole(userId, projectId),
    );
  }

  calendarAccess(userId: string, calendarId: string) {
    return this.#once(`calendar:${userId}:${calendarId}`, () =>
      this.deps.access.calendarAccess(userId, calendarId),
    );
  }

  #once<T>(key: string, lookup: () => Promise<T>): Promise<T> {
    if (!this.#answers.has(key)) this.#answers.set(key, lookup());
    return this.#answers.get(key) as Promise<T>;
  }
}

/** The account events that would have brought one followed calendar or project up to date. */
async function missedEvents(
  lookups: PassLookups,
  userId: string,
  { projectId, calendarId, readOnly }: FollowedAccess,
): Promise<AccountEvent[]> {
  const access = calendarId ? await lookups.calendarAccess(userId, calendarId) : null;
  // Without access to the calendar, the project tells a deleted calendar from a removed member.
  const role = access ? access.role : await lookups.projectRole(userId, projectId);
  if (role === null) return [{ type: 'membership.changed', projectId, userId, role }];
  const events: AccountEvent[] = [];
  if (calendarId && !access) events.push({ type: 'calendar.deleted', projectId, calendarId });
  if (canEditCalendars(role) === readOnly) {
    events.push({ type: 'membership.changed', projectId, userId, role });
  }
  return events;
}

/**
 * Validates every connection's session and access again and enforces what changed, as the
 * matching account event would have. Account events travel on an at-most-once bus; this pass,
 * run on a timer and whenever the bus reconnects, makes sure a lost one is not lost for long.
 */
export async function recheckAccess(
  connections: Iterable<GuardedConnection>,
  deps: AccessDependencies,
): Promise<void> {
  const lookups = new PassLookups(deps);
  const checks = [...connections].map(async (connection) => {
    const { account } = connection;
    const { userId, sessionId } = account;
    const session = await lookups.session(sessionId);
    if (!session) {
      return enforceAccountEvent({ type: 'session.revoked', sessionId, userId }, [connection]);
    }
    const missed = await Promise.all(
      [...connection.followed()].map((followed) => missedEvents(lookups, userId, followed)),
    );
    // A socket following a project and its calendars would otherwise hear a removal thrice.
    const distinct = new Map(missed.flat().map((event) => [JSON.stringify(event), event]));
    for (const event of distinct.values()) enforceAccountEvent(event, [connection]);
  });
  await Promise.all(checks);
}
