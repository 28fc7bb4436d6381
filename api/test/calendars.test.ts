import { describe, expect, it } from 'vitest';
import {
  addTestMember,
  apiRequest,
  createTestCalendar,
  createTestProject,
  registerTestUser,
} from '../src/testing/index.js';
import { json, startApiUnderTest } from './support/api-under-test.js';

const api = await startApiUnderTest();

describe.skipIf(!api)('calendar routes', () => {
  const { app, test } = api!;

  async function productionWithCrew() {
    const owner = await registerTestUser(app);
    const editor = await registerTestUser(app);
    const viewer = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    await addTestMember(app, owner, project.id, editor, 'editor');
    await addTestMember(app, owner, project.id, viewer, 'viewer');
    return { owner, editor, viewer, project };
  }

  it('lets owners and editors create calendars, validates the time zone, and lists them', async () => {
    const { owner, editor, viewer, project } = await productionWithCrew();
    const path = `/api/projects/${project.id}/calendars`;
    const created = await apiRequest(app, 'POST', path, {
      cookie: editor.cookie,
      body: { name: 'Main unit', timezone: 'America/Los_Angeles' },
    });
    expect(created.status).toBe(201);
    const { calendar } = await json<{ calendar: Record<string, string> }>(created);
    expect(calendar).toEqual({
      id: expect.any(String),
      projectId: project.id,
      name: 'Main unit',
      timezone: 'America/Los_Angeles',
    });
    const byViewer = await apiRequest(app, 'POST', path, {
      cookie: viewer.cookie,
      body: { name: 'Nope', timezone: 'UTC' },
    });
    expect(byViewer.status).toBe(403);
    for (const body of [
      { name: 'Bad zone', timezone: 'Mars/Olympus' },
      { name: 'Offset', timezone: '+02:00' },
      { name: 'n'.repeat(10_000), timezone: 'UTC' },
      { timezone: 'UTC' },
    ]) {
      expect((await apiRequest(app, 'POST', path, { cookie: owner.cookie, body })).status).toBe(
        400,
      );
    }
    const list = await apiRequest(app, 'GET', path, { cookie: viewer.cookie });
    expect(await json(list)).toEqual({ calendars: [calendar] });
  });

  it('answers GET with the caller’s role', async () => {
    const { owner, viewer, project } = await productionWithCrew();
    const calendar = await createTestCalendar(app, owner, project.id);
    const response = await apiRequest(app, 'GET', `/api/calendars/${calendar.id}`, {
      cookie: viewer.cookie,
    });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ calendar: { ...calendar, role: 'viewer' } });
  });

  it('renames for owners and editors, deletes for owners only', async () => {
    const { owner, editor, viewer, project } = await productionWithCrew();
    const calendar = await createTestCalendar(app, owner, project.id);
    const path = `/api/calendars/${calendar.id}`;
    expect(
      (await apiRequest(app, 'PATCH', path, { cookie: viewer.cookie, body: { name: 'V' } })).status,
    ).toBe(403);
    const renamed = await apiRequest(app, 'PATCH', path, {
      cookie: editor.cookie,
      body: { name: 'Splinter unit' },
    });
    expect(renamed.status).toBe(200);
    expect((await json<{ calendar: { name: string } }>(renamed)).calendar.name).toBe(
      'Splinter unit',
    );
    expect((await apiRequest(app, 'DELETE', path, { cookie: editor.cookie })).status).toBe(403);
    expect((await apiRequest(app, 'DELETE', path, { cookie: viewer.cookie })).status).toBe(403);
    expect((await apiRequest(app, 'DELETE', path, { cookie: owner.cookie })).status).toBe(204);
    expect((await apiRequest(app, 'GET', path, { cookie: owner.cookie })).status).toBe(404);
  });

  it('changes the time zone for owners and editors, keeps the name, and audits both zones', async () => {
    const { owner, editor, viewer, project } = await productionWithCrew();
    const calendar = await createTestCalendar(app, owner, project.id, {
      timezone: 'Europe/London',
    });
    const path = `/api/calendars/${calendar.id}`;
    const refused = await apiRequest(app, 'PATCH', path, {
      cookie: viewer.cookie,
      body: { timezone: 'UTC' },
    });
    expect(refused.status).toBe(403);
    const changed = await apiRequest(app, 'PATCH', path, {
      cookie: editor.cookie,
      body: { timezone: 'America/New_York' },
    });
    expect(changed.status).toBe(200);
    expect(await json(changed)).toEqual({
      calendar: { ...calendar, timezone: 'America/New_York', role: 'editor' },
    });
    const read = await apiRequest(app, 'GET', path, { cookie: owner.cookie });
    expect((await json<{ calendar: { timezone: string } }>(read)).calendar.timezone).toBe(
      'America/New_York',
    );
    const [entry] = await test.platform.database.sql`
      select actor_user_id as "actorUserId", detail from audit_log
      where action = 'calendar.timezone.changed' and subject = ${calendar.id}`;
    expect(entry).toEqual({
      actorUserId: editor.user.id,
      detail: { projectId: project.id, from: 'Europe/London', to: 'America/New_York' },
    });
  });

  it('refuses an unknown zone and an empty change with the error shape', async () => {
    const { owner, project } = await productionWithCrew();
    const calendar = await createTestCalendar(app, owner, project.id);
    const path = `/api/calendars/${calendar.id}`;
    for (const body of [{ timezone: 'Mars/Olympus_Mons' }, { timezone: '+02:00' }, {}]) {
      const response = await apiRequest(app, 'PATCH', path, { cookie: owner.cookie, body });
      expect(response.status).toBe(400);
      expect(await json(response)).toMatchObject({ error: { code: 'validation_failed' } });
    }
  });

  it('hides project B’s calendar from a member of project A, by id, for every verb', async () => {
    const a = await productionWithCrew();
    const b = await productionWithCrew();
    const calendarOfB = await createTestCalendar(app, b.owner, b.project.id);
    const path = `/api/calendars/${calendarOfB.id}`;
    expect((await apiRequest(app, 'GET', path, { cookie: a.owner.cookie })).status).toBe(404);
    expect(
      (await apiRequest(app, 'PATCH', path, { cookie: a.owner.cookie, body: { name: 'x' } }))
        .status,
    ).toBe(404);
    expect((await apiRequest(app, 'DELETE', path, { cookie: a.owner.cookie })).status).toBe(404);
    const listB = await apiRequest(app, 'GET', `/api/projects/${b.project.id}/calendars`, {
      cookie: a.owner.cookie,
    });
    expect(listB.status).toBe(404);
    const createInB = await apiRequest(app, 'POST', `/api/projects/${b.project.id}/calendars`, {
      cookie: a.owner.cookie,
      body: { name: 'Sneaky', timezone: 'UTC' },
    });
    expect(createInB.status).toBe(404);
  });

  it('answers 404 for malformed calendar ids', async () => {
    const { owner } = await productionWithCrew();
    const response = await apiRequest(app, 'GET', '/api/calendars/1%27%20or%201=1', {
      cookie: owner.cookie,
    });
    expect(response.status).toBe(404);
  });
});
