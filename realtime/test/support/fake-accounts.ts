import { randomUUID } from 'node:crypto';
import type { Sql } from 'postgres';
import type {
  AccessResolver,
  AuthenticatedUser,
  CalendarAccess,
  ProjectRole,
  RealtimeDependencies,
  SessionValidator,
  ValidatedSession,
} from '../../src/index.js';

/** What a fake account needs to cross a process boundary (the child-process relay). */
export interface FakeAccountsState {
  sessions: Record<string, ValidatedSession>;
  grants: Record<string, CalendarAccess[]>;
}

/**
 * In-memory sessions and memberships behind the same interfaces as @callboard/accounts'
 * session validator and access resolver, so relay tests control exactly who may do what.
 */
export class FakeAccounts implements SessionValidator, AccessResolver {
  constructor(readonly state: FakeAccountsState = { sessions: {}, grants: {} }) {}

  /** Everything but the account-event feed, which the test server builds on its own bus. */
  get deps(): Omit<RealtimeDependencies, 'accountEvents'> {
    return {
      sessions: this,
      access: this,
    };
  }

  /** A signed-in user; `cookie` is the Cookie header that carries the session. */
  signIn(
    name: string,
    ttlMs = 3_600_000,
  ): { user: AuthenticatedUser; cookie: string; sessionId: string } {
    const user: AuthenticatedUser = {
      id: randomUUID(),
      email: `${name}@example.test`,
      name,
      role: 'member',
    };
    const sessionId = randomUUID();
    const token = randomUUID();
    this.state.sessions[token] = { sessionId, user, expiresAt: new Date(Date.now() + ttlMs) };
    return { user, cookie: `callboard_session=${token}`, sessionId };
  }

  grant(userId: string, access: CalendarAccess): void {
    (this.state.grants[userId] ??= []).push(access);
  }

  /** Changes (or with null, ends) a user's role in a project, as the members API would. */
  changeRole(userId: string, projectId: string, role: ProjectRole | null): void {
    const grants = this.state.grants[userId] ?? [];
    this.state.grants[userId] =
      role === null
        ? grants.filter((grant) => grant.projectId !== projectId)
        : grants.map((grant) => (grant.projectId === projectId ? { ...grant, role } : grant));
  }

  /** Ends a session, as logout would. */
  signOut(cookie: string): void {
    const token = /callboard_session=([^;]+)/.exec(cookie)?.[1];
    if (token) delete this.state.sessions[token];
  }

  async validateCookieHeader(cookieHeader: string | undefined): Promise<ValidatedSession | null> {
    const token = /callboard_session=([^;]+)/.exec(cookieHeader ?? '')?.[1];
    const session = token ? this.state.sessions[token] : undefined;
    if (!session || new Date(session.expiresAt).getTime() <= Date.now()) return null;
    return { ...session, expiresAt: new Date(session.expiresAt) };
  }

  async validateSessionId(sessionId: string): Promise<ValidatedSession | null> {
    const session = Object.values(this.state.sessions).find(
      (candidate) => candidate.sessionId === sessionId,
    );
    if (!session || new Date(session.expiresAt).getTime() <= Date.now()) return null;
    return { ...session, expiresAt: new Date(session.expiresAt) };
  }

  async calendarAccess(userId: string, calendarId: string): Promise<CalendarAccess | null> {
    return this.state.grants[userId]?.find((grant) => grant.calendarId === calendarId) ?? null;
  }

  async projectRole(userId: string, projectId: string): Promise<ProjectRole | null> {
    return this.state.grants[userId]?.find((grant) => grant.projectId === projectId)?.role ?? null;
  }
}

/**
 * Inserts a project and a calendar, the rows the update log refers to. Relay tests use the
 * fake accounts above, so they create these two rows directly rather than through the API.
 */
export async function insertCalendar(sql: Sql): Promise<{ projectId: string; calendarId: string }> {
  const [project] = await sql<
    { id: string }[]
  >`insert into projects (name) values ('Relay test') returning id`;
  const [calendar] = await sql<{ id: string }[]>`
    insert into calendars (project_id, name, timezone) values (${project!.id}, 'Main unit', 'UTC') returning id
  `;
  return { projectId: project!.id, calendarId: calendar!.id };
}
