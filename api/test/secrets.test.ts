import { describe, expect, it } from 'vitest';
import {
  apiRequest,
  createTestProject,
  registerTestUser,
  sessionCookieFrom,
} from '../src/testing/index.js';
import { json, startApiUnderTest } from './support/api-under-test.js';

const api = await startApiUnderTest();

describe.skipIf(!api)('secrets at rest and in logs', () => {
  const { app, database, test } = api!;

  it('stores only hashes of session tokens: no stored id works as a cookie', async () => {
    const user = await registerTestUser(app);
    const token = user.cookie.slice('session='.length);
    const rows = await database.sql<{ id: string }[]>`select id from sessions`;
    expect(rows.length).toBeGreaterThan(0);
    for (const { id } of rows) {
      expect(id).not.toBe(token);
      expect(id).toMatch(/^[0-9a-f]{64}$/);
      const forged = await apiRequest(app, 'GET', '/api/auth/me', { cookie: `session=${id}` });
      expect(forged.status).toBe(401);
    }
    expect((await apiRequest(app, 'GET', '/api/auth/me', { cookie: user.cookie })).status).toBe(
      200,
    );
  });

  it('never writes a password or a session token to the logs or the audit log', async () => {
    const password = 'Sup3r-Secret-Passphrase';
    const newPassword = 'An0ther-Secret-Passphrase';
    const user = await registerTestUser(app, { password });
    const tokens = [user.cookie];
    const bad = await apiRequest(app, 'POST', '/api/auth/login', {
      body: { email: user.user.email, password: `${password}-wrong` },
    });
    expect(bad.status).toBe(401);
    const good = await apiRequest(app, 'POST', '/api/auth/login', {
      body: { email: user.user.email, password },
    });
    tokens.push(sessionCookieFrom(good));
    await createTestProject(app, user);
    const change = await apiRequest(app, 'POST', '/api/auth/password', {
      cookie: user.cookie,
      body: { currentPassword: password, newPassword },
    });
    tokens.push(sessionCookieFrom(change));
    await apiRequest(app, 'POST', '/api/auth/logout', { cookie: tokens.at(-1)! });

    const logs = test.logs();
    expect(logs).toContain('"path":"/api/auth/login"');
    const audit = JSON.stringify(
      await database.sql`select action, subject, ip, detail from audit_log`,
    );
    expect(audit).toContain('auth.login.failed');
    for (const secret of [
      password,
      newPassword,
      ...tokens.map((t) => t.slice('session='.length)),
    ]) {
      expect(logs).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }
  });

  it('records sign-ins and failures in the audit log with the IP, never the password', async () => {
    const user = await registerTestUser(app);
    await apiRequest(app, 'POST', '/api/auth/login', {
      body: { email: user.user.email, password: 'nope nope' },
    });
    const rows = await database.sql<{ action: string; subject: string; ip: string | null }[]>`
      select action, subject, ip from audit_log where subject = ${user.user.email} order by id`;
    expect(rows.map((r) => r.action)).toEqual(['auth.register', 'auth.login.failed']);
    expect(rows.every((r) => typeof r.ip === 'string')).toBe(true);
    expect(
      await json(await apiRequest(app, 'GET', '/api/auth/me', { cookie: user.cookie })),
    ).toEqual({ user: user.user });
  });
});
