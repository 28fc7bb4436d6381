import { z } from 'zod';

/** A member's role in a project, strongest first; calendars inherit it. */
export const PROJECT_ROLES = ['owner', 'editor', 'viewer'] as const;
export const ProjectRoleSchema = z.enum(PROJECT_ROLES);
export type ProjectRole = z.infer<typeof ProjectRoleSchema>;

/** An account's role on the whole install. */
export const InstanceRoleSchema = z.enum(['admin', 'member']);
export type InstanceRole = z.infer<typeof InstanceRoleSchema>;

/** Owners and editors change calendars; viewers (and public links) only read. */
export function canEditCalendars(role: ProjectRole): boolean {
  return role === 'owner' || role === 'editor';
}

/** Only owners manage members, rename the project and delete calendars. */
export function canManageProject(role: ProjectRole): boolean {
  return role === 'owner';
}
