import { describe, expect, it } from 'vitest';
import { ACCOUNT_EVENTS_CHANNEL, parseAccountEvent } from '@callboard/accounts';
import {
  addTestMember,
  apiRequest,
  createTestProject,
  registerTestUser,
} from '../src/testing/index.js';
import { json, startApiUnderTest } from './support/api-under-test.js';

const api = await startApiUnderTest();

describe.skipIf(!api)('member routes', () => {
  const { app, test } = api!;
  const members = (projectId: string) => `/api/projects/${projectId}/members`;

  it('lists members with their roles to any member', async () => {
    const owner = await registerTestUser(app, { name: 'Owner' });
    const viewer = await registerTestUser(app, { name: 'Viewer' });
    const project = await createTestProject(app, owner);
    await addTestMember(app, owner, project.id, viewer, 'viewer');
    const response = await apiRequest(app, 'GET', members(project.id), { cookie: viewer.cookie });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      members: [
        { userId: owner.user.id, email: owner.user.email, name: 'Owner', role: 'owner' },
        { userId: viewer.user.id, email: viewer.user.email, name: 'Viewer', role: 'viewer' },
      ],
    });
  });

  it('adds an existing account by email; unknown accounts 404, existing members 409', async () => {
    const owner = await registerTestUser(app);
    const editor = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    const added = await apiRequest(app, 'POST', members(project.id), {
      cookie: owner.cookie,
      body: { email: editor.user.email.toUpperCase(), role: 'editor' },
    });
    expect(added.status).toBe(201);
    expect((await json<{ member: { role: string } }>(added)).member.role).toBe('editor');
    const again = await apiRequest(app, 'POST', members(project.id), {
      cookie: owner.cookie,
      body: { email: editor.user.email, role: 'viewer' },
    });
    expect(again.status).toBe(409);
    const unknown = await apiRequest(app, 'POST', members(project.id), {
      cookie: owner.cookie,
      body: { email: 'nobody@example.com', role: 'viewer' },
    });
    expect(unknown.status).toBe(404);
    const badRole = await apiRequest(app, 'POST', members(project.id), {
      cookie: owner.cookie,
      body: { email: editor.user.email, role: 'director' },
    });
    expect(badRole.status).toBe(400);
  });

  it('lets only owners manage members: editors and viewers get 403, strangers 404', async () => {
    const owner = await registerTestUser(app);
    const editor = await registerTestUser(app);
    const viewer = await registerTestUser(app);
    const stranger = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    await addTestMember(app, owner, project.id, editor, 'editor');
    await addTestMember(app, owner, project.id, viewer, 'viewer');
    for (const [member, status] of [
      [editor, 403],
      [viewer, 403],
      [stranger, 404],
    ] as const) {
      const add = await apiRequest(app, 'POST', members(project.id), {
        cookie: member.cookie,
        body: { email: stranger.user.email, role: 'owner' },
      });
      expect(add.status).toBe(status);
      const patch = await apiRequest(app, 'PATCH', `${members(project.id)}/${viewer.user.id}`, {
        cookie: member.cookie,
        body: { role: 'owner' },
      });
      expect(patch.status).toBe(status);
      const remove = await apiRequest(app, 'DELETE', `${members(project.id)}/${owner.user.id}`, {
        cookie: member.cookie,
      });
      expect(remove.status).toBe(status);
    }
    expect(
      (await apiRequest(app, 'GET', members(project.id), { cookie: stranger.cookie })).status,
    ).toBe(404);
  });

  it('changes roles and removes members, and always keeps one owner', async () => {
    const owner = await registerTestUser(app);
    const other = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    await addTestMember(app, owner, project.id, other, 'editor');

    const demoteLast = await apiRequest(app, 'PATCH', `${members(project.id)}/${owner.user.id}`, {
      cookie: owner.cookie,
      body: { role: 'editor' },
    });
    expect(demoteLast.status).toBe(409);
    const removeLast = await apiRequest(app, 'DELETE', `${members(project.id)}/${owner.user.id}`, {
      cookie: owner.cookie,
    });
    expect(removeLast.status).toBe(409);

    const promote = await apiRequest(app, 'PATCH', `${members(project.id)}/${other.user.id}`, {
      cookie: owner.cookie,
      body: { role: 'owner' },
    });
    expect(promote.status).toBe(200);
    const leave = await apiRequest(app, 'DELETE', `${members(project.id)}/${owner.user.id}`, {
      cookie: owner.cookie,
    });
    expect(leave.status).toBe(204);
    expect(
      (await apiRequest(app, 'GET', `/api/projects/${project.id}`, { cookie: owner.cookie }))
        .status,
    ).toBe(404);

    const missing = await apiRequest(app, 'PATCH', `${members(project.id)}/${owner.user.id}`, {
      cookie: other.cookie,
      body: { role: 'viewer' },
    });
    expect(missing.status).toBe(404);
  });

  it('announces membership changes on the bus for the realtime tier', async () => {
    const owner = await registerTestUser(app);
    const member = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    const events: unknown[] = [];
    const unsubscribe = await test.platform.bus.subscribe(ACCOUNT_EVENTS_CHANNEL, (message) =>
      events.push(parseAccountEvent(message)),
    );
    await addTestMember(app, owner, project.id, member, 'editor');
    await apiRequest(app, 'PATCH', `${members(project.id)}/${member.user.id}`, {
      cookie: owner.cookie,
      body: { role: 'viewer' },
    });
    await apiRequest(app, 'DELETE', `${members(project.id)}/${member.user.id}`, {
      cookie: owner.cookie,
    });
    await new Promise((resolve) => setImmediate(resolve));
    await unsubscribe();
    const mine = events.filter((e) => (e as { userId?: string }).userId === member.user.id);
    expect(mine).toEqual([
      { type: 'membership.changed', projectId: project.id, userId: member.user.id, role: 'editor' },
      { type: 'membership.changed', projectId: project.id, userId: member.user.id, role: 'viewer' },
      { type: 'membership.changed', projectId: project.id, userId: member.user.id, role: null },
    ]);
  });
});
