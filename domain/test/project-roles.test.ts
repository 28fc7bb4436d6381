import { describe, expect, it } from 'vitest';
import { canEditCalendars, canManageProject, roleAllows } from '../src/project-roles.js';

describe('project roles', () => {
  it('lets owners and editors edit calendars, and viewers only read', () => {
    expect(canEditCalendars('owner')).toBe(true);
    expect(canEditCalendars('editor')).toBe(true);
    expect(canEditCalendars('viewer')).toBe(false);
    expect(roleAllows('viewer', 'readProject')).toBe(true);
  });

  it('reserves project management and version deletion to owners', () => {
    expect(canManageProject('owner')).toBe(true);
    expect(canManageProject('editor')).toBe(false);
    expect(canManageProject('viewer')).toBe(false);
    expect(roleAllows('editor', 'deleteVersions')).toBe(false);
    expect(roleAllows('editor', 'restoreVersions')).toBe(true);
    expect(roleAllows('viewer', 'saveVersions')).toBe(false);
  });
});
