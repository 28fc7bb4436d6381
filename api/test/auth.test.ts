import { describe, expect, it } from 'vitest';
import {
  TEST_ORIGIN,
  apiRequest,
  registerTestUser,
  sessionCookieFrom,
} from '../src/testing/index.js';
import { json, startApiUnderTest } from './support/api-under-test.js';

const api = await startApiUnderTest({
  LOGIN_MAX_FAILURES_PER_IP: '1000',
  REGISTER_MAX_PER_IP: '1000',
  TRUST_PROXY: '1',
});

describe.skipIf(!api)('auth routes', () => {
  const { app, database } = api!;
  const post = (path: string, body: unknown, cookie?: string) =>
    apiRequest(app, 'POST', path, { body, ...(cookie ? { cookie } : {}) });

  describe('POST /api/auth/register', () => {
    it('creates the first account as admin, sets a secure-by-default session cookie', async () => {
      const response = await post('/api/auth/register', {
        email: '  First.AD@Example.com ',
        password: 'correct horse battery',
        name: 'First AD',
      });
      expect(response.status).toBe(201);
      const body = await json<{ user: Record<string, string> }>(response);
      expect(body.user).toMatchObject({
        email: 'first.ad@example.com',
        name: 'First AD',
        role: 'admin',
      });
      expect(Object.keys(body.user).sort()).toEqual(['email', 'id', 'name', 'role']);
      const cookie = response.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^session=[a-z2-7]{32};/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Lax');
      expect(cookie).toContain('Path=/');
    });

    it('makes later accounts members', async () => {
      const second = await registerTestUser(app);
      expect(second.user.role).toBe('member');
    });

    it('refuses a duplicate email, whatever its case, with 409', async () => {
      const response = await post('/api/auth/register', {
        email: 'FIRST.ad@example.com',
        password: 'another password',
        name: 'Impostor',
      });
      expect(response.status).toBe(409);
      expect(await json(response)).toEqual({
        error: { code: 'email_taken', message: expect.any(String) },
      });
    });

    it.each([
      ['a missing email', { password: 'long enough', name: 'N' }],
      ['an invalid email', { email: 'not-an-email', password: 'long enough', name: 'N' }],
      ['a short password', { email: 'x@example.com', password: 'short', name: 'N' }],
      ['an empty name', { email: 'x@example.com', password: 'long enough', name: '   ' }],
      [
        'a 10 kB name',
        { email: 'x@example.com', password: 'long enough', name: 'n'.repeat(10_000) },
      ],
      ['a mistyped password', { email: 'x@example.com', password: 12345678, name: 'N' }],
      ['an array body', [1, 2, 3]],
    ])('answers 400 for %s', async (_case, body) => {
      const response = await post('/api/auth/register', body);
      expect(response.status).toBe(400);
      const error = await json<{ error: { code: string; message: string } }>(response);
      expect(error.error.code).toBe('validation_failed');
      expect(error.error.message.length).toBeGreaterThan(0);
    });

    it('answers 400 for malformed JSON and 415 for a body that is not JSON', async () => {
      const malformed = await app.request('http://localhost:3000/api/auth/register', {
        method: 'POST',
        headers: { origin: TEST_ORIGIN, 'content-type': 'application/json' },
        body: '{"email": ',
      });
      expect(malformed.status).toBe(400);
      expect((await json<{ error: { code: string } }>(malformed)).error.code).toBeTruthy();
      const text = await app.request('http://localhost:3000/api/auth/register', {
        method: 'POST',
        headers: { origin: TEST_ORIGIN, 'content-type': 'text/plain' },
        body: 'hello',
      });
      expect(text.status).toBe(415);
      expect((await json<{ error: { code: string } }>(text)).error.code).toBe(
        'unsupported_media_type',
      );
    });

    it('answers 413 for a body over 64 KiB', async () => {
      const response = await post('/api/auth/register', {
        email: 'big@example.com',
        password: 'long enough',
        name: 'x'.repeat(70_000),
      });
      expect(response.status).toBe(413);
      expect((await json<{ error: { code: string } }>(response)).error.code).toBe(
        'payload_too_large',
      );
    });
  });

  describe('POST /api/auth/login', () => {
    it('signs in with the right password, normalising the email', async () => {
      const user = await registerTestUser(app, { email: 'login@example.com' });
      const response = await post('/api/auth/login', {
        email: ' LOGIN@example.com',
        password: user.password,
      });
      expect(response.status).toBe(200);
      expect((await json<{ user: { id: string } }>(response)).user.id).toBe(user.user.id);
      expect(sessionCookieFrom(response)).not.toBe(user.cookie);
    });

    it('answers 401 with the same message for a wrong password and an unknown email', async () => {
      await registerTestUser(app, { email: 'known@example.com' });
      const wrongPassword = await post('/api/auth/login', {
        email: 'known@example.com',
        password: 'wrong password',
      });
      const unknownEmail = await post('/api/auth/login', {
        email: 'nobody@example.com',
        password: 'wrong password',
      });
      expect(wrongPassword.status).toBe(401);
      expect(unknownEmail.status).toBe(401);
      expect(await json(wrongPassword)).toEqual(await json(unknownEmail));
    });

    it('answers 400 for missing fields', async () => {
      expect((await post('/api/auth/login', { email: 'known@example.com' })).status).toBe(400);
    });
  });

  describe('the audit trail of sign-in', () => {
    const loginFrom = (forwardedFor: string, body: unknown) =>
      app.request('http://localhost:3000/api/auth/login', {
        method: 'POST',
        headers: {
          origin: TEST_ORIGIN,
          'content-type': 'application/json',
          'x-forwarded-for': forwardedFor,
        },
        body: JSON.stringify(body),
      });
    const failuresFrom = (ip: string) =>
      database.sql<{ subject: string; actorUserId: string | null }[]>`
        select subject, actor_user_id as "actorUserId" from audit_log
        where action = 'auth.login.failed' and ip = ${ip} order by id`;

    it('records an unknown email as a fingerprint, never the text typed into the field', async () => {
      const typed = 'Hunter2-Correct-Horse';
      for (const email of [typed, typed, 'nobody-else@example.com']) {
        expect(
          (await loginFrom('203.0.113.20', { email, password: 'whatever it is' })).status,
        ).toBe(401);
      }
      const rows = await failuresFrom('203.0.113.20');
      expect(rows).toHaveLength(3);
      expect(JSON.stringify(rows).toLowerCase()).not.toContain(typed.toLowerCase());
      expect(JSON.stringify(rows)).not.toContain('nobody-else');
      for (const row of rows) {
        expect(row.subject).toMatch(/^unknown account [0-9a-f]{8}$/);
        expect(row.actorUserId).toBeNull();
      }
      expect(rows[0]!.subject).toBe(rows[1]!.subject);
      expect(rows[2]!.subject).not.toBe(rows[0]!.subject);
    });

    it("records a known account's failed sign-in by its user id", async () => {
      const user = await registerTestUser(app);
      const response = await loginFrom('203.0.113.21', {
        email: user.user.email,
        password: 'not the password',
      });
      expect(response.status).toBe(401);
      expect(await failuresFrom('203.0.113.21')).toEqual([
        { subject: user.user.email, actorUserId: user.user.id },
      ]);
    });

    it('takes the client address from the right-most X-Forwarded-For entry behind one proxy', async () => {
      const response = await loginFrom('198.51.100.66, 203.0.113.22', {
        email: 'spoofer@example.com',
        password: 'whatever it is',
      });
      expect(response.status).toBe(401);
      expect(await failuresFrom('203.0.113.22')).toHaveLength(1);
      expect(await failuresFrom('198.51.100.66')).toHaveLength(0);
    });
  });

  describe('sessions', () => {
    it('GET /api/auth/me answers the account with a session and 401 without', async () => {
      const user = await registerTestUser(app);
      const me = await apiRequest(app, 'GET', '/api/auth/me', { cookie: user.cookie });
      expect(me.status).toBe(200);
      expect(await json(me)).toEqual({ user: user.user });
      const anonymous = await apiRequest(app, 'GET', '/api/auth/me');
      expect(anonymous.status).toBe(401);
      expect((await json<{ error: { code: string } }>(anonymous)).error.code).toBe(
        'unauthenticated',
      );
      const garbage = await apiRequest(app, 'GET', '/api/auth/me', {
        cookie: 'session=%%%; other=1',
      });
      expect(garbage.status).toBe(401);
    });

    it('logout ends the session: the old token no longer works', async () => {
      const user = await registerTestUser(app);
      const logout = await post('/api/auth/logout', undefined, user.cookie);
      expect(logout.status).toBe(204);
      expect(logout.headers.get('set-cookie')).toMatch(/session=;/);
      expect((await apiRequest(app, 'GET', '/api/auth/me', { cookie: user.cookie })).status).toBe(
        401,
      );
      expect((await post('/api/auth/logout', undefined, user.cookie)).status).toBe(401);
    });

    it('refuses an expired session and forgets it', async () => {
      const user = await registerTestUser(app);
      await database.sql`update sessions set expires_at = now() - interval '1 second'
                         where user_id = ${user.user.id}`;
      expect((await apiRequest(app, 'GET', '/api/auth/me', { cookie: user.cookie })).status).toBe(
        401,
      );
      const [left] =
        await database.sql`select count(*)::int as n from sessions where user_id = ${user.user.id}`;
      expect(left!.n).toBe(0);
    });

    it('renews a session past half its life and re-sends the cookie', async () => {
      const user = await registerTestUser(app);
      await database.sql`update sessions set expires_at = now() + interval '2 days'
                         where user_id = ${user.user.id}`;
      const me = await apiRequest(app, 'GET', '/api/auth/me', { cookie: user.cookie });
      expect(me.status).toBe(200);
      expect(me.headers.get('set-cookie')).toContain(user.cookie);
      const [row] = await database.sql<{ days: number }[]>`
        select extract(epoch from expires_at - now()) / 86400 as days from sessions where user_id = ${user.user.id}`;
      expect(Number(row!.days)).toBeGreaterThan(29);
      const fresh = await apiRequest(app, 'GET', '/api/auth/me', { cookie: user.cookie });
      expect(fresh.headers.get('set-cookie')).toBeNull();
    });

    it('a password change ends every session and issues a fresh one', async () => {
      const user = await registerTestUser(app);
      const otherDevice = await post('/api/auth/login', {
        email: user.user.email,
        password: user.password,
      });
      const otherCookie = sessionCookieFrom(otherDevice);
      const wrong = await post(
        '/api/auth/password',
        { currentPassword: 'not it at all', newPassword: 'a new password' },
        user.cookie,
      );
      expect(wrong.status).toBe(401);
      const change = await post(
        '/api/auth/password',
        { currentPassword: user.password, newPassword: 'a brand new password' },
        user.cookie,
      );
      expect(change.status).toBe(204);
      const freshCookie = sessionCookieFrom(change);
      expect((await apiRequest(app, 'GET', '/api/auth/me', { cookie: user.cookie })).status).toBe(
        401,
      );
      expect((await apiRequest(app, 'GET', '/api/auth/me', { cookie: otherCookie })).status).toBe(
        401,
      );
      expect((await apiRequest(app, 'GET', '/api/auth/me', { cookie: freshCookie })).status).toBe(
        200,
      );
      const login = await post('/api/auth/login', {
        email: user.user.email,
        password: 'a brand new password',
      });
      expect(login.status).toBe(200);
    });
  });

  describe('cross-origin requests', () => {
    it('refuses a cookie-authenticated POST from another origin with 403', async () => {
      const user = await registerTestUser(app);
      const response = await app.request('http://localhost:3000/api/projects', {
        method: 'POST',
        headers: {
          origin: 'https://evil.example',
          cookie: user.cookie,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ name: 'Stolen' }),
      });
      expect(response.status).toBe(403);
      expect((await json<{ error: { code: string } }>(response)).error.code).toBe('csrf');
    });

    it('refuses a cookie-authenticated POST with no Origin header', async () => {
      const user = await registerTestUser(app);
      const response = await app.request('http://localhost:3000/api/auth/logout', {
        method: 'POST',
        headers: { cookie: user.cookie },
      });
      expect(response.status).toBe(403);
      expect((await apiRequest(app, 'GET', '/api/auth/me', { cookie: user.cookie })).status).toBe(
        200,
      );
    });

    it('refuses a sign-in form posted from another site', async () => {
      const response = await app.request('http://localhost:3000/api/auth/login', {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'a@example.com', password: 'whatever1' }),
      });
      expect(response.status).toBe(403);
    });
  });
});
