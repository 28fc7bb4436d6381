import { describe, expect, it } from 'vitest';
import { apiRequest, createTestProject, registerTestUser } from '../src/testing/index.js';
import { json, startApiUnderTest } from './support/api-under-test.js';

const api = await startApiUnderTest();
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe.skipIf(!api)('project routes', () => {
  const { app } = api!;

  it('creates a project with the caller as owner and lists only the caller’s projects', async () => {
    const owner = await registerTestUser(app);
    const stranger = await registerTestUser(app);
    const created = await apiRequest(app, 'POST', '/api/projects', {
      cookie: owner.cookie,
      body: { name: '  Night Shoot ' },
    });
    expect(created.status).toBe(201);
    const { project } = await json<{ project: { id: string; name: string; role: string } }>(
      created,
    );
    expect(project).toEqual({ id: expect.any(String), name: 'Night Shoot', role: 'owner' });
    await createTestProject(app, stranger, 'Not yours');

    const list = await apiRequest(app, 'GET', '/api/projects', { cookie: owner.cookie });
    expect(await json(list)).toEqual({ projects: [project] });
  });

  it('requires a session', async () => {
    expect((await apiRequest(app, 'GET', '/api/projects')).status).toBe(401);
    expect((await apiRequest(app, 'POST', '/api/projects', { body: { name: 'X' } })).status).toBe(
      401,
    );
  });

  it.each([
    ['a missing name', {}],
    ['a mistyped name', { name: 42 }],
    ['a 10 kB name', { name: 'n'.repeat(10_000) }],
  ])('answers 400 for %s', async (_case, body) => {
    const owner = await registerTestUser(app);
    const response = await apiRequest(app, 'POST', '/api/projects', { cookie: owner.cookie, body });
    expect(response.status).toBe(400);
  });

  it('answers 404 to a non-member, for unknown ids and for malformed ids alike', async () => {
    const owner = await registerTestUser(app);
    const stranger = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    for (const id of [project.id, UNKNOWN_ID, 'not-a-uuid']) {
      const response = await apiRequest(app, 'GET', `/api/projects/${id}`, {
        cookie: stranger.cookie,
      });
      expect(response.status).toBe(404);
      expect((await json<{ error: { code: string } }>(response)).error.code).toBe('not_found');
    }
    const rename = await apiRequest(app, 'PATCH', `/api/projects/${project.id}`, {
      cookie: stranger.cookie,
      body: { name: 'Hijacked' },
    });
    expect(rename.status).toBe(404);
    expect(
      (await apiRequest(app, 'DELETE', `/api/projects/${project.id}`, { cookie: stranger.cookie }))
        .status,
    ).toBe(404);
  });

  it('lets the owner rename and delete the project', async () => {
    const owner = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    const rename = await apiRequest(app, 'PATCH', `/api/projects/${project.id}`, {
      cookie: owner.cookie,
      body: { name: 'Second Unit' },
    });
    expect(rename.status).toBe(200);
    expect((await json<{ project: { name: string } }>(rename)).project.name).toBe('Second Unit');
    expect(
      (await apiRequest(app, 'DELETE', `/api/projects/${project.id}`, { cookie: owner.cookie }))
        .status,
    ).toBe(204);
    expect(
      (await apiRequest(app, 'GET', `/api/projects/${project.id}`, { cookie: owner.cookie }))
        .status,
    ).toBe(404);
  });

  it('forbids editors and viewers to rename or delete with 403', async () => {
    const owner = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    for (const role of ['editor', 'viewer'] as const) {
      const member = await registerTestUser(app);
      await apiRequest(app, 'POST', `/api/projects/${project.id}/members`, {
        cookie: owner.cookie,
        body: { email: member.user.email, role },
      });
      const rename = await apiRequest(app, 'PATCH', `/api/projects/${project.id}`, {
        cookie: member.cookie,
        body: { name: 'Mine now' },
      });
      expect(rename.status).toBe(403);
      expect(
        (await apiRequest(app, 'DELETE', `/api/projects/${project.id}`, { cookie: member.cookie }))
          .status,
      ).toBe(403);
    }
  });
});
