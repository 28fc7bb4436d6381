import { z } from 'zod';

/** A member's role in a project; calendars inherit it. */
export const ProjectRoleSchema = z.enum(['owner', 'editor', 'viewer']);
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
