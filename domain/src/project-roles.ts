import { z } from 'zod';

/** A member's role in a project, strongest first; calendars inherit it. */
export const PROJECT_ROLES = ['owner', 'editor', 'viewer'] as const;
export const ProjectRoleSchema = z.enum(PROJECT_ROLES);
export type ProjectRole = z.infer<typeof ProjectRoleSchema>;

/** An account's role on the whole install. */
export const InstanceRoleSchema = z.enum(['admin', 'member']);
export type InstanceRole = z.infer<typeof InstanceRoleSchema>;

/**
 * What each role may do, declared once for the API, the relay and the web app. Viewers (and
 * public links) only read; owners alone manage members, versions and deletion.
 */
const ROLE_CAPABILITIES = {
  readProject: ['owner', 'editor', 'viewer'],
  editCalendars: ['owner', 'editor'],
  saveVersions: ['owner', 'editor'],
  restoreVersions: ['owner', 'editor'],
  deleteVersions: ['owner'],
  manageProject: ['owner'],
} as const satisfies Record<string, readonly ProjectRole[]>;

export type Capability = keyof typeof ROLE_CAPABILITIES;

export function roleAllows(role: ProjectRole, capability: Capability): boolean {
  return (ROLE_CAPABILITIES[capability] as readonly ProjectRole[]).includes(role);
}

/** Owners and editors change calendars; viewers (and public links) only read. */
export function canEditCalendars(role: ProjectRole): boolean {
  return roleAllows(role, 'editCalendars');
}

/** Only owners manage members, rename the project and delete calendars. */
export function canManageProject(role: ProjectRole): boolean {
  return roleAllows(role, 'manageProject');
}
