import type { CalendarForMember, CalendarRepository, CalendarRow } from '@callboard/db';
import type { AccessService } from '../access/access.service.js';
import type { AccountEventFeed } from '../events/account-event-feed.js';

/** Calendars (shooting schedules) of a project; each is one collaborative document. */
export class CalendarsService {
  constructor(
    private readonly calendars: CalendarRepository,
    private readonly access: AccessService,
    private readonly events: AccountEventFeed,
  ) {}

  /** `input.name` has passed the domain's NameSchema, which trims it. */
  async create(
    userId: string,
    projectId: string,
    input: { name: string; timezone: string },
  ): Promise<CalendarRow> {
    await this.access.project(userId, projectId, 'edit');
    return this.calendars.create({ projectId, name: input.name, timezone: input.timezone });
  }

  async list(userId: string, projectId: string): Promise<CalendarRow[]> {
    await this.access.project(userId, projectId, 'read');
    return this.calendars.listForProject(projectId);
  }

  get(userId: string, calendarId: string): Promise<CalendarForMember> {
    return this.access.calendar(userId, calendarId, 'read');
  }

  /** `name` has passed the domain's NameSchema, which trims it. */
  async rename(userId: string, calendarId: string, name: string): Promise<CalendarForMember> {
    const calendar = await this.access.calendar(userId, calendarId, 'edit');
    await this.calendars.rename(calendarId, name);
    return { ...calendar, name };
  }

  async delete(userId: string, calendarId: string): Promise<void> {
    const calendar = await this.access.calendar(userId, calendarId, 'manage');
    await this.calendars.delete(calendarId);
    await this.events.announce({
      type: 'calendar.deleted',
      projectId: calendar.projectId,
      calendarId,
    });
  }
}
