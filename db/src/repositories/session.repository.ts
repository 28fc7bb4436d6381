import type { Sql } from 'postgres';

export interface SessionWithUser {
  id: string;
  userId: string;
  expiresAt: Date;
  email: string;
  name: string;
  role: 'admin' | 'member';
  disabledAt: Date | null;
}

/**
 * Sessions are stored by the SHA-256 of their token; nothing here sees a token.
 * Times travel as ISO text cast by the server, so no client date encoder is involved.
 */
export class SessionRepository {
  constructor(private readonly sql: Sql) {}

  async insert(session: { id: string; userId: string; expiresAt: Date }): Promise<void> {
    await this.sql`
      insert into sessions (id, user_id, expires_at)
      values (${session.id}, ${session.userId}, ${session.expiresAt.toISOString()}::text::timestamptz)`;
  }

  /** One indexed lookup: the hot path of every authenticated request. */
  async findWithUser(id: string): Promise<SessionWithUser | null> {
    const [row] = await this.sql<SessionWithUser[]>`
      select s.id, s.user_id as "userId", s.expires_at as "expiresAt",
             u.email, u.name, u.role, u.disabled_at as "disabledAt"
      from sessions s join users u on u.id = s.user_id
      where s.id = ${id}`;
    return row ?? null;
  }

  async extend(id: string, expiresAt: Date): Promise<void> {
    await this.sql`
      update sessions set expires_at = ${expiresAt.toISOString()}::text::timestamptz
      where id = ${id}`;
  }

  async delete(id: string): Promise<void> {
    await this.sql`delete from sessions where id = ${id}`;
  }

  async deleteAllForUser(userId: string): Promise<void> {
    await this.sql`delete from sessions where user_id = ${userId}`;
  }
}
