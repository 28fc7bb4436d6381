import { describe, expect, it } from 'vitest';
import { canEditCalendars, canManageProject } from '../src/project-roles.js';

describe('project roles', () => {
  it('lets owners and editors edit calendars, and viewers only read', () => {
    expect(canEditCalendars('owner')).toBe(true);
    expect(canEditCalendars('editor')).toBe(true);
    expect(canEditCalendars('viewer')).toBe(false);
  });

  it('reserves project management to owners', () => {
    expect(canManageProject('owner')).toBe(true);
    expect(canManageProject('editor')).toBe(false);
    expect(canManageProject('viewer')).toBe(false);
  });
});
