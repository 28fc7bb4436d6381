import type { Sql } from 'postgres';
import { MembershipRepository } from './membership.repository.js';
import type { ProjectRole } from './project.repository.js';

export interface InviteRow {
  id: string;
  projectId: string;
  role: ProjectRole;
  email: string | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface InviteWithProject extends InviteRow {
  projectName: string;
}

const columns = (sql: Sql) => sql`
  i.id, i.project_id as "projectId", i.role, i.email, i.created_at as "createdAt",
  i.expires_at as "expiresAt", i.used_at as "usedAt"`;

/**
 * Invite links, stored by the SHA-256 of their token like sessions; nothing here sees a token.
 * Validity is decided by the database clock, in the same statement that redeems.
 */
export class InviteRepository {
  constructor(private readonly sql: Sql) {}

  async create(input: {
    tokenHash: string;
    projectId: string;
    role: ProjectRole;
    email: string | null;
    createdBy: string;
    validDays: number;
  }): Promise<InviteRow> {
    const [row] = await this.sql<InviteRow[]>`
      insert into project_invites as i (token_hash, project_id, role, email, created_by, expires_at)
      values (${input.tokenHash}, ${input.projectId}, ${input.role}, ${input.email},
              ${input.createdBy}, now() + ${input.validDays}::int * interval '1 day')
      returning ${columns(this.sql)}`;
    return row!;
  }

  /** Invites of a project that can still be used, newest first. */
  async listPending(projectId: string): Promise<InviteRow[]> {
    return this.sql<InviteRow[]>`
      select ${columns(this.sql)} from project_invites i
      where i.project_id = ${projectId} and i.used_at is null and i.expires_at > now()
      order by i.created_at desc, i.id`;
  }

  /** Deletes an unused invite of the project; false when there is none. */
  async revoke(projectId: string, inviteId: string): Promise<boolean> {
    const rows = await this.sql`
      delete from project_invites
      where id = ${inviteId} and project_id = ${projectId} and used_at is null
      returning id`;
    return rows.length > 0;
  }

  /** The invite and its project's name, used or not; null for an unknown or revoked token. */
  async findByTokenHash(tokenHash: string): Promise<InviteWithProject | null> {
    const [row] = await this.sql<InviteWithProject[]>`
      select ${columns(this.sql)}, p.name as "projectName"
      from project_invites i join projects p on p.id = i.project_id
      where i.token_hash = ${tokenHash}`;
    return row ?? null;
  }

  /**
   * Marks the invite used by `userId` and makes them a member with its role, in one step that
   * only one caller can win; null when the invite is unknown, used or expired. Pass the
   * transaction that creates the account, so neither happens without the other.
   */
  async redeem(tokenHash: string, userId: string, tx: Sql = this.sql): Promise<InviteRow | null> {
    const [row] = await tx<InviteRow[]>`
      update project_invites as i set used_at = now(), used_by = ${userId}
      where i.token_hash = ${tokenHash} and i.used_at is null and i.expires_at > now()
      returning ${columns(tx)}`;
    if (!row) return null;
    await new MembershipRepository(tx).add(row.projectId, userId, row.role);
    return row;
  }
}
