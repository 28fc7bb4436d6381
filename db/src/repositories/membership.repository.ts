import type { Sql } from 'postgres';
import type { ProjectRole } from './project.repository.js';

export interface MemberRow {
  userId: string;
  email: string;
  name: string;
  role: ProjectRole;
}

export type MembershipChange =
  { ok: true; member: MemberRow } | { ok: false; reason: 'not_member' | 'last_owner' };

/** Serialises owner-count checks per project, so two demotions cannot leave no owner. */
const lockProject = (tx: Sql, projectId: string) =>
  tx`select pg_advisory_xact_lock(hashtext(${`project-members:${projectId}`}))`;

export class MembershipRepository {
  constructor(private readonly sql: Sql) {}

  async list(projectId: string): Promise<MemberRow[]> {
    return this.sql<MemberRow[]>`
      select u.id as "userId", u.email, u.name, m.role
      from project_members m join users u on u.id = m.user_id
      where m.project_id = ${projectId}
      order by m.created_at, u.email`;
  }

  /** Adds a member; returns null when they already are one. */
  async add(projectId: string, userId: string, role: ProjectRole): Promise<MemberRow | null> {
    const [row] = await this.sql<MemberRow[]>`
      with inserted as (
        insert into project_members (project_id, user_id, role)
        values (${projectId}, ${userId}, ${role})
        on conflict do nothing
        returning user_id, role
      )
      select u.id as "userId", u.email, u.name, inserted.role
      from inserted join users u on u.id = inserted.user_id`;
    return row ?? null;
  }

  /** Changes a role unless that would leave the project without an owner. */
  async changeRole(
    projectId: string,
    userId: string,
    role: ProjectRole,
  ): Promise<MembershipChange> {
    return this.sql.begin(async (tx) => {
      await lockProject(tx as unknown as Sql, projectId);
      const refusal = await this.#refuseIfLastOwner(tx as unknown as Sql, projectId, userId, role);
      if (refusal) return refusal;
      const [row] = await tx<MemberRow[]>`
        with updated as (
          update project_members set role = ${role}
          where project_id = ${projectId} and user_id = ${userId}
          returning user_id, role
        )
        select u.id as "userId", u.email, u.name, updated.role
        from updated join users u on u.id = updated.user_id`;
      return row
        ? { ok: true as const, member: row }
        : { ok: false as const, reason: 'not_member' as const };
    }) as Promise<MembershipChange>;
  }

  /** Removes a member unless they are the last owner. */
  async remove(projectId: string, userId: string): Promise<MembershipChange> {
    return this.sql.begin(async (tx) => {
      await lockProject(tx as unknown as Sql, projectId);
      const refusal = await this.#refuseIfLastOwner(tx as unknown as Sql, projectId, userId, null);
      if (refusal) return refusal;
      const [row] = await tx<MemberRow[]>`
        with deleted as (
          delete from project_members where project_id = ${projectId} and user_id = ${userId}
          returning user_id, role
        )
        select u.id as "userId", u.email, u.name, deleted.role
        from deleted join users u on u.id = deleted.user_id`;
      return row
        ? { ok: true as const, member: row }
        : { ok: false as const, reason: 'not_member' as const };
    }) as Promise<MembershipChange>;
  }

  async #refuseIfLastOwner(
    tx: Sql,
    projectId: string,
    userId: string,
    newRole: ProjectRole | null,
  ): Promise<MembershipChange | null> {
    if (newRole === 'owner') return null;
    const [counts] = await tx<{ owners: number; isOwner: boolean }[]>`
      select count(*) filter (where role = 'owner')::int as owners,
             coalesce(bool_or(user_id = ${userId} and role = 'owner'), false) as "isOwner"
      from project_members where project_id = ${projectId}`;
    if (counts?.isOwner && counts.owners <= 1) return { ok: false, reason: 'last_owner' };
    return null;
  }
}
