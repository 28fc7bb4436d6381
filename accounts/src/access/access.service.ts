import type {
  CalendarForMember,
  CalendarRepository,
  ProjectForMember,
  ProjectRepository,
} from '@callboard/db';
import { roleAllows, type Capability, type ProjectRole } from '@callboard/domain';
import { ForbiddenError, NotFoundError } from '@callboard/platform';

export interface CalendarAccess {
  calendarId: string;
  projectId: string;
  role: ProjectRole;
}

/** What the realtime tier asks before letting a connection in. */
export interface AccessResolver {
  /** null: unknown calendar or not a member (the caller answers 404 either way). */
  calendarAccess(userId: string, calendarId: string): Promise<CalendarAccess | null>;
  projectRole(userId: string, projectId: string): Promise<ProjectRole | null>;
}

/** What a member without the capability is told; non-members never get this far (404). */
const REFUSALS: Record<Capability, string> = {
  readProject: 'You are not a member of this project.',
  editCalendars: 'Viewers cannot change this project.',
  saveVersions: 'Viewers cannot save versions.',
  restoreVersions: 'Viewers cannot restore versions.',
  deleteVersions: 'Only owners can delete versions.',
  manageProject: 'Only owners can do that.',
};

function assertCapability(role: ProjectRole, capability: Capability): void {
  if (!roleAllows(role, capability)) throw new ForbiddenError(REFUSALS[capability]);
}

/**
 * Every access check of the API in one place: non-members get 404 (ids do not leak),
 * members without the capability get 403.
 */
export class AccessService implements AccessResolver {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly calendars: CalendarRepository,
  ) {}

  async project(
    userId: string,
    projectId: string,
    capability: Capability,
  ): Promise<ProjectForMember> {
    const project = await this.projects.findForMember(projectId, userId);
    if (!project) throw new NotFoundError('Project');
    assertCapability(project.role, capability);
    return project;
  }

  async calendar(
    userId: string,
    calendarId: string,
    capability: Capability,
  ): Promise<CalendarForMember> {
    const calendar = await this.calendars.findForMember(calendarId, userId);
    if (!calendar) throw new NotFoundError('Calendar');
    assertCapability(calendar.role, capability);
    return calendar;
  }

  async calendarAccess(userId: string, calendarId: string): Promise<CalendarAccess | null> {
    const calendar = await this.calendars.findForMember(calendarId, userId);
    return (
      calendar && { calendarId: calendar.id, projectId: calendar.projectId, role: calendar.role }
    );
  }

  async projectRole(userId: string, projectId: string): Promise<ProjectRole | null> {
    return (await this.projects.findForMember(projectId, userId))?.role ?? null;
  }
}
