import type { Sql } from 'postgres';

export interface AuditEntry {
  /** Dotted verb, e.g. 'auth.login.failed'. */
  action: string;
  actorUserId?: string | null;
  /** What was acted on; never a password or token. */
  subject?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown> | null;
}

export class AuditRepository {
  constructor(private readonly sql: Sql) {}

  async record(entry: AuditEntry): Promise<void> {
    // The detail travels as text cast by the server, so its encoding never depends on the
    // parameter type the server describes (jsonb on Postgres, text on PGlite).
    const detail = entry.detail ? JSON.stringify(entry.detail) : null;
    await this.sql`
      insert into audit_log (action, actor_user_id, subject, ip, detail)
      values (${entry.action}, ${entry.actorUserId ?? null}, ${entry.subject ?? null},
              ${entry.ip ?? null}, ${detail}::text::jsonb)`;
  }

  async recent(limit: number): Promise<(Required<AuditEntry> & { at: Date })[]> {
    return this.sql`
      select at, action, actor_user_id as "actorUserId", subject, ip, detail
      from audit_log order by id desc limit ${limit}::int` as never;
  }
}
