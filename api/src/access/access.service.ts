import {
  CalendarRepository,
  ProjectRepository,
  type CalendarForMember,
  type ProjectForMember,
} from '@callboard/db';
import { canEditCalendars, canManageProject, type ProjectRole } from '@callboard/domain';
import { ForbiddenError, NotFoundError } from '../http/errors.js';
import type { Platform } from '../platform/platform.js';

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

export type Capability = 'read' | 'edit' | 'manage';

function assertCapability(role: ProjectRole, capability: Capability): void {
  if (capability === 'edit' && !canEditCalendars(role)) {
    throw new ForbiddenError('Viewers cannot change this project.');
  }
  if (capability === 'manage' && !canManageProject(role)) {
    throw new ForbiddenError('Only owners can do that.');
  }
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

/** The resolver the realtime tier uses at websocket upgrades and socket.io room joins. */
export function createAccessResolver(platform: Platform): AccessResolver {
  const sql = platform.database.sql;
  return new AccessService(new ProjectRepository(sql), new CalendarRepository(sql));
}
