import type { CalendarForMember, CalendarRepository, CalendarRow } from '@callboard/db';
import type { AccessService, AccountEventFeed } from '@callboard/accounts';
import type { AuditService } from '../audit/audit.service.js';
import { NotFoundError } from '@callboard/platform';

/** Calendars (shooting schedules) of a project; each is one collaborative document. */
export class CalendarsService {
  constructor(
    private readonly calendars: CalendarRepository,
    private readonly access: AccessService,
    private readonly events: AccountEventFeed,
    private readonly audit: AuditService,
  ) {}

  /** `input.name` has passed the domain's NameSchema, which trims it. */
  async create(
    userId: string,
    projectId: string,
    input: { name: string; timezone: string },
  ): Promise<CalendarRow> {
    await this.access.project(userId, projectId, 'editCalendars');
    return this.calendars.create({ projectId, name: input.name, timezone: input.timezone });
  }

  async list(userId: string, projectId: string): Promise<CalendarRow[]> {
    await this.access.project(userId, projectId, 'readProject');
    return this.calendars.listForProject(projectId);
  }

  get(userId: string, calendarId: string): Promise<CalendarForMember> {
    return this.access.calendar(userId, calendarId, 'readProject');
  }

  /**
   * Renames and/or re-zones. A new zone leaves event times as typed (they are wall-clock times
   * of the zone), so they mean other instants: the change is audited with both zones.
   */
  async update(
    userId: string,
    calendarId: string,
    changes: { name?: string | undefined; timezone?: string | undefined },
  ): Promise<CalendarForMember> {
    const calendar = await this.access.calendar(userId, calendarId, 'editCalendars');
    const updated = await this.calendars.update(calendarId, changes);
    if (!updated) throw new NotFoundError('Calendar');
    if (changes.timezone && changes.timezone !== calendar.timezone) {
      await this.audit.record({
        action: 'calendar.timezone.changed',
        actorUserId: userId,
        subject: calendarId,
        detail: { projectId: calendar.projectId, from: calendar.timezone, to: changes.timezone },
      });
    }
    return { ...updated, role: calendar.role };
  }

  async delete(userId: string, calendarId: string): Promise<void> {
    const calendar = await this.access.calendar(userId, calendarId, 'manageProject');
    await this.calendars.delete(calendarId);
    await this.events.announce({
      type: 'calendar.deleted',
      projectId: calendar.projectId,
      calendarId,
    });
  }
}
