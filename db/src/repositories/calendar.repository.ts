import type { Sql } from 'postgres';
import type { ProjectRole } from './project.repository.js';

export interface CalendarRow {
  id: string;
  projectId: string;
  name: string;
  timezone: string;
}

export interface CalendarForMember extends CalendarRow {
  role: ProjectRole;
}

export class CalendarRepository {
  constructor(private readonly sql: Sql) {}

  async create(input: { projectId: string; name: string; timezone: string }): Promise<CalendarRow> {
    const [row] = await this.sql<CalendarRow[]>`
      insert into calendars (project_id, name, timezone)
      values (${input.projectId}, ${input.name}, ${input.timezone})
      returning id, project_id as "projectId", name, timezone`;
    return row!;
  }

  async listForProject(projectId: string): Promise<CalendarRow[]> {
    return this.sql<CalendarRow[]>`
      select id, project_id as "projectId", name, timezone
      from calendars where project_id = ${projectId}
      order by created_at, id`;
  }

  /** The calendar and the user's role in its project; null for unknown ids and non-members alike. */
  async findForMember(calendarId: string, userId: string): Promise<CalendarForMember | null> {
    const [row] = await this.sql<CalendarForMember[]>`
      select c.id, c.project_id as "projectId", c.name, c.timezone, m.role
      from calendars c
      join project_members m on m.project_id = c.project_id and m.user_id = ${userId}
      where c.id = ${calendarId}`;
    return row ?? null;
  }

  /** Renames and/or re-zones a calendar; what is left out stays as it is. */
  async update(
    calendarId: string,
    changes: { name?: string | undefined; timezone?: string | undefined },
  ): Promise<CalendarRow | null> {
    const [row] = await this.sql<CalendarRow[]>`
      update calendars
      set name = coalesce(${changes.name ?? null}, name),
          timezone = coalesce(${changes.timezone ?? null}, timezone)
      where id = ${calendarId}
      returning id, project_id as "projectId", name, timezone`;
    return row ?? null;
  }

  async delete(calendarId: string): Promise<void> {
    await this.sql`delete from calendars where id = ${calendarId}`;
  }
}
