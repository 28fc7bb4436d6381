import type { ProjectRole } from '@callboard/domain';
import type { Sql } from 'postgres';

export type { ProjectRole };

export interface ProjectForMember {
  id: string;
  name: string;
  role: ProjectRole;
}

export class ProjectRepository {
  constructor(private readonly sql: Sql) {}

  /** Creates a project with its creator as the first owner, atomically. */
  async createWithOwner(name: string, ownerId: string): Promise<ProjectForMember> {
    return this.sql.begin(async (tx) => {
      const [project] = await tx<{ id: string; name: string }[]>`
        insert into projects (name) values (${name}) returning id, name`;
      await tx`
        insert into project_members (project_id, user_id, role)
        values (${project!.id}, ${ownerId}, 'owner')`;
      return { id: project!.id, name: project!.name, role: 'owner' as const };
    }) as Promise<ProjectForMember>;
  }

  async listForUser(userId: string): Promise<ProjectForMember[]> {
    return this.sql<ProjectForMember[]>`
      select p.id, p.name, m.role
      from project_members m join projects p on p.id = m.project_id
      where m.user_id = ${userId}
      order by p.created_at, p.id`;
  }

  /** The project as seen by one user; null when it does not exist or they are not a member. */
  async findForMember(projectId: string, userId: string): Promise<ProjectForMember | null> {
    const [row] = await this.sql<ProjectForMember[]>`
      select p.id, p.name, m.role
      from project_members m join projects p on p.id = m.project_id
      where m.project_id = ${projectId} and m.user_id = ${userId}`;
    return row ?? null;
  }

  async rename(projectId: string, name: string): Promise<void> {
    await this.sql`update projects set name = ${name} where id = ${projectId}`;
  }

  async delete(projectId: string): Promise<void> {
    await this.sql`delete from projects where id = ${projectId}`;
  }
}
