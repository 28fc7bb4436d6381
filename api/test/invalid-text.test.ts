import { describe, expect, it } from 'vitest';
import { createApp } from '@callboard/platform';
import {
  apiRequest,
  createTestCalendar,
  createTestProject,
  registerTestUser,
} from '../src/testing/index.js';
import { json, startApiUnderTest } from './support/api-under-test.js';

const api = await startApiUnderTest({
  LOGIN_MAX_FAILURES_PER_IP: '1000',
  REGISTER_MAX_PER_IP: '1000',
});

type ErrorResponse = { error: { code: string; message: string } };

/** The 400 every refused text gets: our error shape, and nothing of the database's words. */
async function expectBadRequest(response: Response): Promise<void> {
  expect(response.status).toBe(400);
  const body = await json<ErrorResponse>(response);
  expect(body).toEqual({ error: { code: 'validation_failed', message: expect.any(String) } });
  expect(body.error.message).not.toMatch(/byte sequence|0x00|UTF8|syntax|uuid/i);
}

describe.skipIf(!api)('text a request carries towards the database', () => {
  const { app, test } = api!;
  const expectRefused = async (
    method: string,
    path: string,
    body: unknown,
    user?: { cookie: string },
  ) => expectBadRequest(await apiRequest(app, method, path, { body, cookie: user?.cookie }));

  it.each([
    ['a NUL in the name', { email: 'nul-name@example.com', name: 'Ada\u0000' }],
    ['a NUL in the email', { email: 'ada\u0000@example.com', name: 'Ada' }],
    ['a tab inside the name', { email: 'tab-name@example.com', name: 'Ada\tLovelace' }],
  ])('refuses a registration with %s with 400', async (_case, fields) => {
    await expectRefused('POST', '/api/auth/register', {
      ...fields,
      password: 'long enough password',
    });
  });

  it('refuses a sign-in whose email holds a NUL with 400', async () => {
    const user = await registerTestUser(app);
    await expectRefused('POST', '/api/auth/login', {
      email: `${user.user.email}\u0000`,
      password: user.password,
    });
  });

  it('refuses creating or renaming a project with a NUL in its name with 400', async () => {
    const owner = await registerTestUser(app);
    await expectRefused('POST', '/api/projects', { name: 'Night\u0000Shoot' }, owner);
    const project = await createTestProject(app, owner, 'Night Shoot');
    await expectRefused('PATCH', `/api/projects/${project.id}`, { name: '\u0000' }, owner);
  });

  it('refuses a calendar with a NUL in its name or time zone, new or renamed, with 400', async () => {
    const owner = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    const calendars = `/api/projects/${project.id}/calendars`;
    const zone = 'Europe/London';
    await expectRefused('POST', calendars, { name: 'Main\u0000unit', timezone: zone }, owner);
    await expectRefused('POST', calendars, { name: 'Main', timezone: `${zone}\u0000` }, owner);
    const calendar = await createTestCalendar(app, owner, project.id);
    await expectRefused('PATCH', `/api/calendars/${calendar.id}`, { name: 'B\u0000' }, owner);
  });

  it('refuses adding a member by an email with a NUL with 400', async () => {
    const owner = await registerTestUser(app);
    const crew = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    await expectRefused(
      'POST',
      `/api/projects/${project.id}/members`,
      { email: `${crew.user.email}\u0000`, role: 'editor' },
      owner,
    );
  });

  it.each([
    ['a NUL (22021)', () => test.platform.database.sql`select ${'a\u0000b'}::text as value`],
    [
      'a NUL escape in JSON (22P05)',
      () => test.platform.database.sql`select ${'"a\\u0000b"'}::text::jsonb as value`,
    ],
    ['a malformed id (22P02)', () => test.platform.database.sql`select ${'not-a-uuid'}::uuid`],
  ])('answers 400 when the database still refuses %s', async (_case, query) => {
    const probe = createApp(test.platform);
    probe.get('/api/probe', async (c) => c.json(await query()));
    await expectBadRequest(await probe.request('http://localhost:3000/api/probe'));
  });
});
