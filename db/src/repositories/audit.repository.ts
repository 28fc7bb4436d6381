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
    await this.sql`
      insert into audit_log (action, actor_user_id, subject, ip, detail)
      values (${entry.action}, ${entry.actorUserId ?? null}, ${entry.subject ?? null},
              ${entry.ip ?? null}, ${entry.detail ? this.sql.json(entry.detail as never) : null})`;
  }

  async recent(limit: number): Promise<(Required<AuditEntry> & { at: Date })[]> {
    return this.sql`
      select at, action, actor_user_id as "actorUserId", subject, ip, detail
      from audit_log order by id desc limit ${limit}` as never;
  }
}
