import { describe, expect, it } from 'vitest';
import {
  addTestMember,
  apiRequest,
  createTestProject,
  registerTestUser,
  sessionCookieFrom,
  type TestUser,
} from '../src/testing/index.js';
import { json, startApiUnderTest } from './support/api-under-test.js';

const api = await startApiUnderTest();

interface Created {
  invite: { id: string; role: string; email: string | null; createdAt: string; expiresAt: string };
  token: string;
}

describe.skipIf(!api)('invite links', () => {
  const { app, test } = api!;
  const sql = test.platform.database.sql;
  const invites = (projectId: string) => `/api/projects/${projectId}/invites`;
  let counter = 0;

  async function createInvite(
    owner: TestUser,
    projectId: string,
    body: object = { role: 'editor' },
  ) {
    const response = await apiRequest(app, 'POST', invites(projectId), {
      cookie: owner.cookie,
      body,
    });
    expect(response.status).toBe(201);
    return json<Created>(response);
  }

  const register = (
    inviteToken: string,
    email = `invitee-${(counter += 1)}-${Date.now()}@example.test`,
  ) =>
    apiRequest(app, 'POST', '/api/auth/register', {
      body: { email, name: 'Cam Crew', password: 'a long enough password', inviteToken },
    });

  async function accountExists(email: string): Promise<boolean> {
    const rows = await sql`select 1 from users where email = ${email}`;
    return rows.length > 0;
  }

  it('makes the account registered with the link a member with the invite’s role', async () => {
    const owner = await registerTestUser(app);
    const project = await createTestProject(app, owner, 'Harbour Lights');
    const { invite, token } = await createInvite(owner, project.id, {
      role: 'viewer',
      email: 'Cam@Example.test',
    });
    expect(invite).toMatchObject({ role: 'viewer', email: 'cam@example.test' });
    const days = (Date.parse(invite.expiresAt) - Date.parse(invite.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(7, 3);

    const preview = await apiRequest(app, 'POST', '/api/invites/preview', { body: { token } });
    expect(await json(preview)).toEqual({
      invite: {
        projectId: project.id,
        projectName: 'Harbour Lights',
        role: 'viewer',
        email: 'cam@example.test',
        expiresAt: invite.expiresAt,
      },
    });

    const registered = await register(token);
    expect(registered.status).toBe(201);
    const cookie = sessionCookieFrom(registered);
    const seen = await apiRequest(app, 'GET', `/api/projects/${project.id}`, { cookie });
    expect(seen.status).toBe(200);
    expect((await json<{ project: { role: string } }>(seen)).project.role).toBe('viewer');

    const audit = await sql`
      select action from audit_log where subject = ${invite.id} order by id`;
    expect(audit.map((row) => row.action)).toEqual([
      'project.invite.created',
      'project.invite.accepted',
    ]);
  });

  it('stores only a hash of the token and never logs it', async () => {
    const owner = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    const { token } = await createInvite(owner, project.id);
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    const [row] =
      await sql`select token_hash from project_invites where project_id = ${project.id}`;
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const stored = await sql`select 1 from project_invites where token_hash = ${token}`;
    expect(stored).toHaveLength(0);
    await register(token);
    expect(test.logs()).not.toContain(token);
  });

  it('is single-use: a second registration is refused with 410 and gets no account', async () => {
    const owner = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    const { token } = await createInvite(owner, project.id);
    expect((await register(token)).status).toBe(201);
    const email = `second-${Date.now()}@example.test`;
    const again = await register(token, email);
    expect(again.status).toBe(410);
    expect(await json(again)).toEqual({
      error: {
        code: 'invite_used',
        message: "This invite link has already been used. Ask the project's owner for a new link.",
      },
    });
    expect(await accountExists(email)).toBe(false);
  });

  it('lets exactly one of several simultaneous registrations with one link through', async () => {
    const owner = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    const { token } = await createInvite(owner, project.id);
    const statuses = (await Promise.all(Array.from({ length: 5 }, () => register(token)))).map(
      (response) => response.status,
    );
    expect(statuses.sort()).toEqual([201, 410, 410, 410, 410]);
    const members = await sql`select 1 from project_members where project_id = ${project.id}`;
    expect(members).toHaveLength(2);
  });

  it('refuses an expired link with 410 and an unknown or revoked one with 404', async () => {
    const owner = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    const expired = await createInvite(owner, project.id);
    await sql`update project_invites set expires_at = now() - interval '1 second'
              where id = ${expired.invite.id}`;
    const email = `late-${Date.now()}@example.test`;
    const late = await register(expired.token, email);
    expect(late.status).toBe(410);
    expect((await json<{ error: { code: string } }>(late)).error.code).toBe('invite_expired');
    expect(await accountExists(email)).toBe(false);
    const preview = await apiRequest(app, 'POST', '/api/invites/preview', {
      body: { token: expired.token },
    });
    expect(preview.status).toBe(410);

    const revoked = await createInvite(owner, project.id);
    const revoke = await apiRequest(app, 'DELETE', `${invites(project.id)}/${revoked.invite.id}`, {
      cookie: owner.cookie,
    });
    expect(revoke.status).toBe(204);
    for (const token of [revoked.token, 'not-a-token', 'a'.repeat(32)]) {
      const response = await register(token);
      expect(response.status).toBe(404);
      expect((await json<{ error: { code: string } }>(response)).error.code).toBe(
        'invite_not_found',
      );
    }
  });

  it('lists only pending invites to owners, and revokes each once', async () => {
    const owner = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    const used = await createInvite(owner, project.id);
    await register(used.token);
    const pending = await createInvite(owner, project.id, { role: 'owner' });
    const list = await apiRequest(app, 'GET', invites(project.id), { cookie: owner.cookie });
    expect(await json(list)).toEqual({ invites: [pending.invite] });
    const path = `${invites(project.id)}/${pending.invite.id}`;
    expect((await apiRequest(app, 'DELETE', path, { cookie: owner.cookie })).status).toBe(204);
    const twice = await apiRequest(app, 'DELETE', path, { cookie: owner.cookie });
    expect(twice.status).toBe(404);
    expect(await json(twice)).toMatchObject({ error: { code: 'not_found' } });
    const usedPath = `${invites(project.id)}/${used.invite.id}`;
    expect((await apiRequest(app, 'DELETE', usedPath, { cookie: owner.cookie })).status).toBe(404);
  });

  it('lets only owners invite: editors and viewers get 403, strangers 404, no session 401', async () => {
    const owner = await registerTestUser(app);
    const editor = await registerTestUser(app);
    const viewer = await registerTestUser(app);
    const stranger = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    await addTestMember(app, owner, project.id, editor, 'editor');
    await addTestMember(app, owner, project.id, viewer, 'viewer');
    const { invite } = await createInvite(owner, project.id);
    const revokePath = `${invites(project.id)}/${invite.id}`;
    for (const [cookie, status] of [
      [editor.cookie, 403],
      [viewer.cookie, 403],
      [stranger.cookie, 404],
      [undefined, 401],
    ] as const) {
      const requests = [
        apiRequest(app, 'POST', invites(project.id), { cookie, body: { role: 'owner' } }),
        apiRequest(app, 'GET', invites(project.id), { cookie }),
        apiRequest(app, 'DELETE', revokePath, { cookie }),
      ];
      for (const response of await Promise.all(requests)) {
        expect(response.status).toBe(status);
        expect(Object.keys(await json(response))).toEqual(['error']);
      }
    }
    const stillPending = await apiRequest(app, 'GET', invites(project.id), {
      cookie: owner.cookie,
    });
    expect((await json<{ invites: unknown[] }>(stillPending)).invites).toHaveLength(1);
  });

  it('tells an owner adding an unknown email that it has no account', async () => {
    const owner = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    const response = await apiRequest(app, 'POST', `/api/projects/${project.id}/members`, {
      cookie: owner.cookie,
      body: { email: 'nobody-yet@example.test', role: 'editor' },
    });
    expect(response.status).toBe(404);
    expect((await json<{ error: { code: string } }>(response)).error.code).toBe(
      'account_not_found',
    );
  });
});
